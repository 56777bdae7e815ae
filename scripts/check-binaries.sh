#!/usr/bin/env bash
# Checks the Linux prebuilds as files (no loading): right machine, the glibc floor, and which
# shared libraries they need. `bash scripts/check-binaries.sh [file.node ...]`
# (default: every prebuilds/linux-*/*.node). Fails on the first binary that is off.
#  - glibc builds: no symbol version above GLIBC_2.28 (the floor of the official Node
#    binaries; read with objdump -T where the host's objdump knows the machine, readelf
#    otherwise — both list the same versioned dynamic symbols), no libstdc++/libgcc_s versions,
#    NEEDED only libc, libm, libpthread, libdl, librt and the dynamic loader.
#  - musl builds: NEEDED only musl's libc.so, no GLIBC_ version at all.
# Everything else the addon uses (napi_*, OpenSSL, zlib) is left undefined on purpose: the node
# binary provides it at load time (deps/README.md). With NODE_BINS_<ARCH> (official node
# binaries, space-separated) each such symbol must be exported by every one of them; with
# MUSL_LIBC (musl's libc.so) a musl build's remaining symbols must all be musl's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
floor=2.28
shopt -s nullglob
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$root"/prebuilds/linux-*/*.node)
[ ${#files[@]} -gt 0 ] || { echo "check-binaries: no prebuilds/linux-*/*.node" >&2; exit 1; }

fail() { echo "check-binaries: $1: $2" >&2; exit 1; }
[ -z "${MUSL_LIBC:-}" ] || [ -f "$MUSL_LIBC" ] || fail "$MUSL_LIBC" "MUSL_LIBC is not a file (Debian: apt-get install musl)"
exported() { readelf --dyn-syms -W "$1" | awk '$7 != "UND" && $5 != "LOCAL" && $8 != "" {sub(/@.*/, "", $8); print $8}' | sort -u; }
# Symbols the binary leaves for node (unversioned undefined, weak ones aside) that node or libc
# must provide: checked against each official node of the binary's arch (and musl's libc).
check_undefined() {  # <file> <arch> <libc>
  local f=$1 arch=$2 libc=$3 left nodes n missing
  left=$(readelf --dyn-syms -W "$f" | awk '$7 == "UND" && $5 == "GLOBAL" && $8 != "" && $8 !~ /@/ {print $8}' | sort -u)
  if [ "$libc" = musl ] && [ -n "${MUSL_LIBC:-}" ]; then
    left=$(comm -23 <(echo "$left") <(exported "$MUSL_LIBC"))
  fi
  nodes=NODE_BINS_${arch^^}
  for n in ${!nodes:-}; do
    missing=$(comm -23 <(echo "$left") <(exported "$n") | tr '\n' ' ')
    [ -z "${missing// }" ] || fail "$f" "left undefined but not exported by $n: $missing"
  done
  echo "   $(wc -w <<<"$left") symbols for node (N-API, OpenSSL, zlib): all exported by ${!nodes:-<no node given>}"
}

for f in "${files[@]}"; do
  dir=$(basename "$(dirname "$f")")          # linux-x64 | linux-arm64
  name=$(basename "$f")                      # kafka-napi.glibc.node | kafka-napi.musl.node
  case "$dir" in
    linux-x64) machine='X86-64'; loader='ld-linux-x86-64.so.2' ;;
    linux-arm64) machine='AArch64'; loader='ld-linux-aarch64.so.1' ;;
    *) fail "$f" "unknown platform folder $dir" ;;
  esac
  readelf -h "$f" | grep -q "Machine:.*$machine" || fail "$f" "not an $machine ELF file"
  needed=$(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
  if objdump -T "$f" >/dev/null 2>&1; then syms=$(objdump -T "$f"); else syms=$(readelf --dyn-syms -W "$f"); fi
  versions=$(grep -oE '(GLIBC|GLIBCXX|CXXABI|GCC)_[0-9][0-9.]*' <<<"$syms" | sort -uV | tr '\n' ' ' || true)
  case "$name" in
    *.glibc.node)
      for lib in $needed; do
        case "$lib" in
          libc.so.6|libm.so.6|libpthread.so.0|libdl.so.2|librt.so.1|"$loader") ;;
          *) fail "$f" "needs $lib (NEEDED: $needed)" ;;
        esac
      done
      for v in $versions; do
        case "$v" in
          GLIBC_*) [ "$(printf '%s\n%s\n' "${v#GLIBC_}" "$floor" | sort -V | tail -1)" = "$floor" ] \
                     || fail "$f" "uses $v, above the floor GLIBC_$floor (versions: $versions)" ;;
          *) fail "$f" "uses $v: libstdc++/libgcc must not be needed" ;;
        esac
      done
      top=$(tr ' ' '\n' <<<"$versions" | grep '^GLIBC_' | tail -1)
      echo "ok $dir/$name: $machine, glibc floor ${top#GLIBC_} (≤ $floor), NEEDED: $needed"
      check_undefined "$f" "${dir#linux-}" glibc
      ;;
    *.musl.node)
      for lib in $needed; do
        case "$lib" in
          libc.so) ;;
          *) fail "$f" "needs $lib (NEEDED: $needed): a musl build needs only musl's libc.so" ;;
        esac
      done
      [ -z "$versions" ] || fail "$f" "a musl build with glibc/libstdc++ symbol versions: $versions"
      echo "ok $dir/$name: $machine, musl, NEEDED: $needed"
      check_undefined "$f" "${dir#linux-}" musl
      ;;
    *) fail "$f" "name without a libc tag (expected kafka-napi.glibc.node or kafka-napi.musl.node)" ;;
  esac
done
