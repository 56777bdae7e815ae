#!/usr/bin/env bash
# Offline lint of what cannot run here: .github/workflows/*.yml with actionlint (which also
# passes every `run:` block to shellcheck), and scripts/*.sh and scripts/zig/* through shellcheck.
# actionlint is built from its Go module (pinned) into build/tools/bin on first use.
set -euo pipefail
ACTIONLINT_VERSION=v1.7.12
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v shellcheck >/dev/null || { echo "lint-ci: shellcheck is not installed (apt-get install shellcheck)" >&2; exit 1; }
actionlint="$root/build/tools/bin/actionlint"
if [ ! -x "$actionlint" ] || ! "$actionlint" -version | grep -qx "$ACTIONLINT_VERSION"; then
  go=$(command -v go || echo /usr/local/go/bin/go)   # the Go toolchain (this image: /usr/local/go)
  GOBIN="$root/build/tools/bin" "$go" install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
"$actionlint" .github/workflows/*.yml
shellcheck scripts/*.sh scripts/zig/*
workflows=(.github/workflows/*.yml) scripts=(scripts/*.sh scripts/zig/*)
echo "lint-ci ok: actionlint $ACTIONLINT_VERSION (${#workflows[@]} workflows), shellcheck (${#scripts[@]} scripts)"
