#!/usr/bin/env bash
# Prints the path of the pinned zig (the Linux prebuilds' compiler, scripts/prebuild.js),
# installing it first if needed: the `ziglang` wheel from PyPI carries the official zig
# binary, so no toolchain download of its own is needed. Installed into build/tools/.
set -euo pipefail
ZIG_VERSION=0.15.2
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/build/tools/zig-$ZIG_VERSION"
if [ ! -x "$dir/ziglang/zig" ]; then
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
    --target "$dir" "ziglang==$ZIG_VERSION" >&2
fi
echo "$dir/ziglang/zig"
