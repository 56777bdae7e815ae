#!/usr/bin/env bash
# Prints the path of the official Node binary for linux-<arch> (x64 | arm64) at <version>,
# fetching it first into build/nodes/: the npm registry's `node-linux-<arch>@<version>`
# packages carry the unmodified binaries of the official release tarballs.
#   bash scripts/official-node.sh x64 22.23.5
set -euo pipefail
arch=$1 version=$2
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/build/nodes/node-linux-$arch-$version"
if [ ! -x "$dir/package/bin/node" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && tgz=$(npm pack --silent "node-linux-$arch@$version" | tail -1) && tar xzf "$tgz" && rm "$tgz") >&2
fi
echo "$dir/package/bin/node"
