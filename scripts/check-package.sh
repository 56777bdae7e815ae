#!/usr/bin/env bash
# Packaging check (CI, `npm run check:package`): every prebuild this host makes, from the
# packed tarball, on the official Node binaries.
#  1. `npm run prebuild` (incremental: one tree per target under build/prebuild-*) and
#     scripts/check-binaries.sh (glibc floor 2.28, NEEDED, machine) on every Linux binary;
#  2. `npm pack`: the tarball must hold every prebuild made here; sizes are printed;
#  3. installs the tarball into an empty project with no compiler, make, cmake or python on
#     PATH (an install that fell back to a source build fails), then runs scripts/smoke.mjs
#     (codecs round trip on a MockCluster + TLS handshake against `openssl s_server`) with
#     PREBUILDS_ONLY=1 and the exact binary it must load, under the official Node 18, 20, 22
#     and 24 binaries (npm's node-linux-<arch> packages): x64 natively, arm64 under qemu-user.
# The musl binaries cannot be loaded here (no musl Node can be had on this machine: npm has
# none): they get the file checks of step 1 here and their round trip in the workflow's
# Alpine jobs.
#   NODE_VERSIONS="18.20.8 24.22.3" CHECK_ARCHS=x64 PREBUILD_TARGETS=linux-x64-glibc bash scripts/check-package.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
NODE_VERSIONS=${NODE_VERSIONS:-18.20.8 20.20.2 22.23.5 24.22.3}
CHECK_ARCHS=${CHECK_ARCHS:-x64 arm64}
QEMU=${QEMU:-$(command -v qemu-aarch64-static || echo qemu-aarch64-static)}
ARM64_SYSROOT=${ARM64_SYSROOT:-/usr/aarch64-linux-gnu}   # libc6-arm64-cross, libstdc++6-arm64-cross

echo "== prebuild (every target of this host) and file checks"
# shellcheck disable=SC2086 # PREBUILD_TARGETS: a space-separated subset (default: all of this host)
flock /tmp/kafka-napi-prebuild.lock node scripts/prebuild.js ${PREBUILD_TARGETS:-}
# Every symbol a binary leaves for node must be exported by each official node it is
# tested with (musl builds: or by musl's libc.so, Debian's musl package).
NODE_BINS_X64="" NODE_BINS_ARM64=""
for version in $NODE_VERSIONS; do
  NODE_BINS_X64+="$(bash scripts/official-node.sh x64 "$version") "
  NODE_BINS_ARM64+="$(bash scripts/official-node.sh arm64 "$version") "
done
export NODE_BINS_X64 NODE_BINS_ARM64
MUSL_LIBC=${MUSL_LIBC:-/lib/x86_64-linux-musl/libc.so} bash scripts/check-binaries.sh

echo "== pack"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# dist/ is written under the shared build lock; pack then skips `prepare` (it only rebuilds dist).
flock /tmp/kafka-napi-build.lock npm run build:ts --silent
tgz=$(npm pack --silent --ignore-scripts --pack-destination "$tmp" | tail -1)
shipped=$(tar tzf "$tmp/$tgz" | sed -n 's|^package/\(prebuilds/.*\.node\)$|\1|p' | sort)
for f in prebuilds/*/*.node; do
  grep -qx "$f" <<<"$shipped" || { echo "npm pack left out $f" >&2; exit 1; }
  printf '   %-45s %9d bytes\n' "$f" "$(stat -c %s "$f")"
done
printf '   %-45s %9d bytes (%d prebuilds)\n' "$tgz" "$(stat -c %s "$tmp/$tgz")" "$(wc -l <<<"$shipped")"

echo "== install the tarball into an empty project, no compiler on PATH"
bin="$tmp/bin"; mkdir -p "$bin" "$tmp/app"
for t in node npm npx sh openssl; do ln -s "$(command -v "$t")" "$bin/$t"; done
for t in cc c++ gcc g++ make cmake python3; do
  PATH="$bin" command -v "$t" >/dev/null && { echo "$t is on the restricted PATH" >&2; exit 1; }
done
cp scripts/smoke.mjs "$tmp/app/"
(cd "$tmp/app" && PATH="$bin" npm init -y >/dev/null &&
  PATH="$bin" npm install --no-audit --no-fund --silent "$tmp/$tgz")
test ! -e "$tmp/app/node_modules/kafka-napi/build" || { echo "install compiled the addon instead of using the prebuild" >&2; exit 1; }

run_smoke() {  # <arch> <version>
  local arch=$1 version=$2 node expect
  node=$(bash scripts/official-node.sh "$arch" "$version")
  expect="prebuilds/linux-$arch/kafka-napi.glibc.node"
  echo "== round trip: official node $version linux-$arch ($expect)"
  if [ "$arch" = arm64 ]; then
    (cd "$tmp/app" && PATH="$bin" PREBUILDS_ONLY=1 SMOKE_EXPECT="$expect" "$QEMU" -L "$ARM64_SYSROOT" "$node" smoke.mjs)
  else
    (cd "$tmp/app" && PATH="$bin" PREBUILDS_ONLY=1 SMOKE_EXPECT="$expect" "$node" smoke.mjs)
  fi
}
passed=0
for arch in $CHECK_ARCHS; do
  for version in $NODE_VERSIONS; do
    run_smoke "$arch" "$version"
    passed=$((passed + 1))
  done
done
echo "package ok: $passed round trips from the packed tarball"
