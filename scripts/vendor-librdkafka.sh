#!/usr/bin/env bash
# Vendors a pristine librdkafka tree into deps/librdkafka from the npm registry (the only
# place these machines can reach librdkafka sources), plus librdkafka's own
# examples/rdkafka_performance.c (the native benchmark baseline) into deps/librdkafka-examples.
# Records versions and sha256 checksums in deps/README.md. Never edit the vendored files by hand.
set -euo pipefail

SRC_PKG="@confluentinc/kafka-javascript@1.10.1"   # carries librdkafka 2.15.1 at package/deps/librdkafka
EXAMPLES_PKG="node-rdkafka@3.6.1"                  # carries librdkafka 2.12.0 with examples/

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "$SRC_PKG" "$EXAMPLES_PKG" >/dev/null 2>&1
src_tgz=$(ls confluentinc-kafka-javascript-*.tgz); ex_tgz=$(ls node-rdkafka-*.tgz)
mkdir src ex
tar xzf "$src_tgz" -C src package/deps/librdkafka
tar xzf "$ex_tgz" -C ex package/deps/librdkafka/examples/rdkafka_performance.c

version=$(grep -E '#define RD_KAFKA_VERSION ' src/package/deps/librdkafka/src/rdkafka.h | awk '{print $3}')
rm -rf "$root/deps/librdkafka" "$root/deps/librdkafka-examples"
mkdir -p "$root/deps/librdkafka-examples"
cp -a src/package/deps/librdkafka "$root/deps/librdkafka"
cp ex/package/deps/librdkafka/examples/rdkafka_performance.c "$root/deps/librdkafka-examples/"

tree_sum=$(cd "$root/deps/librdkafka" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
perf_sum=$(sha256sum "$root/deps/librdkafka-examples/rdkafka_performance.c" | cut -d' ' -f1)
src_sum=$(sha256sum "$src_tgz" | cut -d' ' -f1)
ex_sum=$(sha256sum "$ex_tgz" | cut -d' ' -f1)

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
echo "vendored librdkafka $version into deps/librdkafka"
