#!/usr/bin/env bash
# npm run test:asan [-- vitest args]: builds librdkafka, zstd and the addon with
# -fsanitize=address,undefined (CMakeLists.txt option KN_SANITIZE, its own tree build/asan),
# then runs the test suite (`npm test`, or the vitest arguments given) with that build
# (KAFKA_NAPI_PREBUILD points node-gyp-build at build/asan; src/binding.ts stays the only
# loader) and the ASan runtime preloaded into every node process. Fails when the tests fail
# or when a sanitizer report names the addon's sources (native/); other reports (librdkafka)
# are counted and listed. UBSan findings of the vendored librdkafka are suppressed by name
# (scripts/asan/ubsan.supp, recorded in deps/README.md). Reports from processes a test spawns
# with piped stderr are seen by that test only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

asan=$(gcc -print-file-name=libasan.so)
[ -f "$asan" ] || { echo "test:asan: libasan.so not found (gcc -print-file-name=libasan.so); apt-get install gcc" >&2; exit 1; }

echo "== test:asan: building with -fsanitize=address,undefined into build/asan"
start=$(date +%s)
# Same build of record, a flag: its own cmake tree, so the development build is untouched.
# (As scripts/build-native.js: Node's own headers when the running node ships them.)
prefix=$(dirname "$(dirname "$(command -v node)")")
[ -n "${npm_config_nodedir:-}" ] || [ ! -f "$prefix/include/node/node_api.h" ] || export npm_config_nodedir=$prefix
flock /tmp/kafka-napi-asan-build.lock \
  node node_modules/cmake-js/bin/cmake-js compile --out build/asan/cmake --parallel "$(nproc)" --CDKN_SANITIZE=ON
echo "== test:asan: build took $(( $(date +%s) - start )) s"

logs=$root/build/asan/logs
rm -rf "$logs"; mkdir -p "$logs"
export KAFKA_NAPI_PREBUILD=$root/build/asan
# detect_leaks=0: node itself leaves memory to the OS at exit by design (LSan would drown the
# addon in node's own allocations). UBSan reports and continues; an ASan report ends the
# process (a test fails). Reports go to stderr (UBSan ignores log_path next to ASan): a test
# never depends on an empty stderr, and this script scans what vitest's processes print.
export ASAN_OPTIONS="detect_leaks=0:allow_user_segv_handler=1:detect_odr_violation=0"
export UBSAN_OPTIONS="print_stacktrace=1:suppressions=$root/scripts/asan/ubsan.supp"
node -e "require('node-gyp-build').path('.').includes('build/asan') || (console.error('test:asan: the ASan build is not the one loaded'), process.exit(1))"

start=$(date +%s)
set +e
LD_PRELOAD=$asan npx vitest run "$@" 2>&1 | tee "$logs/vitest.log"
rc=${PIPESTATUS[0]}
set -e
echo "== test:asan: tests took $(( $(date +%s) - start )) s (vitest exit $rc)"

# A UBSan report names the addon when its location is in native/; an ASan report when any of
# its frames is (a vendored UBSan finding's stack passes through native/ too: not the addon's).
ub_addon=$(grep -E '^[^ ]*/native/[^ :]+:[0-9]+(:[0-9]+)?: runtime error:' "$logs/vitest.log" || true)
asan_addon=$(awk '/ERROR: AddressSanitizer/ {r=1} r && /\/native\// {print; r=0}' "$logs/vitest.log")
echo "== test:asan: sanitizer reports seen: $(grep -c 'runtime error:' "$logs/vitest.log" || true) UBSan, $(grep -c 'ERROR: AddressSanitizer' "$logs/vitest.log" || true) ASan (unsuppressed; log: build/asan/logs/vitest.log)"
grep -hoE '[^ /]+\.(c|h|cc):[0-9]+(:[0-9]+)?: runtime error' "$logs/vitest.log" | sort | uniq -c || true
if [ -n "$ub_addon$asan_addon" ]; then
  echo "test:asan: FAILED: a sanitizer report names native/:" >&2
  printf '%s\n' "$ub_addon" "$asan_addon" >&2
  exit 1
fi
exit "$rc"
