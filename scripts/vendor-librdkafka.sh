#!/usr/bin/env bash
# Vendors, from the npm registry (the only place these machines can reach C sources):
# - a pristine librdkafka tree into deps/librdkafka;
# - librdkafka's own examples/rdkafka_performance.c (the native benchmark baseline) into
#   deps/librdkafka-examples;
# - zstd's pristine lib/ (compiled statically into the addon, so building from source needs
#   no -dev package) into deps/zstd.
# Records versions and sha256 checksums in deps/README.md. Never edit the vendored files by hand:
# local changes are deps/patches/librdkafka/*.patch, which CMakeLists.txt applies to a copy of
# deps/librdkafka/src in the build tree (so the tree here stays upstream's; see deps/README.md).
set -euo pipefail

SRC_PKG="@confluentinc/kafka-javascript@1.10.1"   # carries librdkafka 2.15.1 at package/deps/librdkafka
EXAMPLES_PKG="node-rdkafka@3.6.1"                  # carries librdkafka 2.12.0 with examples/
ZSTD_PKG="zstd-napi@0.0.13"                         # carries zstd 1.5.7 at package/deps/zstd

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "$SRC_PKG" "$EXAMPLES_PKG" "$ZSTD_PKG" >/dev/null 2>&1
src_tgz=$(ls confluentinc-kafka-javascript-*.tgz); ex_tgz=$(ls node-rdkafka-*.tgz); zstd_tgz=$(ls zstd-napi-*.tgz)
mkdir src ex zs
tar xzf "$src_tgz" -C src package/deps/librdkafka
tar xzf "$ex_tgz" -C ex package/deps/librdkafka/examples/rdkafka_performance.c
tar xzf "$zstd_tgz" -C zs package/deps/zstd/lib package/deps/zstd/LICENSE

version=$(grep -E '#define RD_KAFKA_VERSION ' src/package/deps/librdkafka/src/rdkafka.h | awk '{print $3}')
rm -rf "$root/deps/librdkafka" "$root/deps/librdkafka-examples" "$root/deps/zstd"
mkdir -p "$root/deps/librdkafka-examples" "$root/deps/zstd"
cp -a src/package/deps/librdkafka "$root/deps/librdkafka"
cp ex/package/deps/librdkafka/examples/rdkafka_performance.c "$root/deps/librdkafka-examples/"
cp -a zs/package/deps/zstd/lib zs/package/deps/zstd/LICENSE "$root/deps/zstd/"
zstd_version=$(awk '/define ZSTD_VERSION_(MAJOR|MINOR|RELEASE)/ {printf "%s%s", sep, $3; sep="."}' "$root/deps/zstd/lib/zstd.h")

tree_sum=$(cd "$root/deps/librdkafka" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
perf_sum=$(sha256sum "$root/deps/librdkafka-examples/rdkafka_performance.c" | cut -d' ' -f1)
src_sum=$(sha256sum "$src_tgz" | cut -d' ' -f1)
ex_sum=$(sha256sum "$ex_tgz" | cut -d' ' -f1)
zstd_sum=$(sha256sum "$zstd_tgz" | cut -d' ' -f1)
zstd_tree_sum=$(cd "$root/deps/zstd" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)

# Rewrite the generated block of deps/README.md; the prose around it is maintained by hand.
readme="$root/deps/README.md"
block=$(cat <<EOB
<!-- vendor:begin (written by scripts/vendor-librdkafka.sh) -->
| what | value |
| --- | --- |
| librdkafka version | \`$version\` ($(printf '%d.%d.%d' $(( (version >> 24) & 255 )) $(( (version >> 16) & 255 )) $(( (version >> 8) & 255 )))) |
| source tarball | \`$SRC_PKG\` (npm), sha256 \`$src_sum\` |
| tree checksum | \`$tree_sum\` (sha256 of the sorted per-file sha256 list of deps/librdkafka) |
| benchmark example | \`examples/rdkafka_performance.c\` from \`$EXAMPLES_PKG\` (npm, sha256 \`$ex_sum\`), file sha256 \`$perf_sum\` |
| zstd | \`$zstd_version\` (\`lib/\` and LICENSE) from \`$ZSTD_PKG\` (npm, sha256 \`$zstd_sum\`), tree sha256 \`$zstd_tree_sum\` |
<!-- vendor:end -->
EOB
)
if [ -f "$readme" ] && grep -q 'vendor:begin' "$readme"; then
  python3 - "$readme" "$block" <<'PY'
import re, sys
path, block = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r'<!-- vendor:begin.*?<!-- vendor:end -->', lambda m: block, text, flags=re.S)
open(path, 'w').write(text)
PY
else
  printf '# deps\n\n%s\n' "$block" > "$readme"
fi
echo "vendored librdkafka $version into deps/librdkafka, zstd $zstd_version into deps/zstd"
