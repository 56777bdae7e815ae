#!/usr/bin/env bash
# Regenerates deps/librdkafka-config/<platform>/config.h by running librdkafka's own mklove
# ./configure in a scratch copy of the vendored tree. The build of record (CMakeLists.txt)
# compiles librdkafka's sources directly with this committed header, so building the addon
# never runs ./configure. Needs the -dev headers configure probes for (libssl-dev,
# zlib1g-dev, libzstd-dev); run it after a librdkafka update, not in CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
platform="${1:-$(node -p 'process.platform + "-" + process.arch')}"
# linux-arm64 (cross-built from x64 by scripts/prebuild.js) cannot run configure here: its
# header is linux-x64's with the one x86-only probe (SSE4.2 crc32c) off and ARCH changed.
# Every other probe is a libc/POSIX feature that glibc >= 2.28 and musl both have on arm64.
if [ "$platform" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ]; then
  src="$root/deps/librdkafka-config/linux-x64/config.h"
  mkdir -p "$root/deps/librdkafka-config/linux-arm64"
  { echo "// Derived from linux-x64/config.h by scripts/librdkafka-config.sh linux-arm64 (cross)"
    sed -e 's/^#define ARCH "x86_64"/#define ARCH "aarch64"/' \
        -e '/^\/\/ crc32chw$/d' -e '/^#define WITH_CRC32C_HW 1$/d' \
        -e 's/ CRC32C_HW"$/"/' "$src"; } > "$root/deps/librdkafka-config/linux-arm64/config.h"
  grep -q 'WITH_CRC32C_HW' "$root/deps/librdkafka-config/linux-arm64/config.h" && exit 1
  echo "wrote deps/librdkafka-config/linux-arm64/config.h (derived)"
  exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -a "$root/deps/librdkafka" "$tmp/rdk"
cd "$tmp/rdk"
# Codecs: zlib (Node's), zstd (static), lz4 and snappy (librdkafka's bundled copies).
# TLS: Node's OpenSSL. SASL: PLAIN, SCRAM, OAUTHBEARER are built in; GSSAPI would need
# Cyrus libsasl2 and OIDC token fetching libcurl, neither of which a prebuild can assume.
./configure --no-download --enable-static \
  --enable-ssl --enable-zlib --enable-zstd --disable-lz4-ext \
  --disable-gssapi --disable-curl --disable-syslog >"$tmp/configure.log" 2>&1 \
  || { cat "$tmp/configure.log"; exit 1; }
for f in WITH_SSL WITH_ZLIB WITH_ZSTD WITH_SNAPPY WITH_SASL_SCRAM WITH_SASL_OAUTHBEARER; do
  grep -q "#define $f 1" config.h || { echo "configure did not enable $f" >&2; exit 1; }
done
mkdir -p "$root/deps/librdkafka-config/$platform"
cp config.h "$root/deps/librdkafka-config/$platform/config.h"
echo "wrote deps/librdkafka-config/$platform/config.h"
