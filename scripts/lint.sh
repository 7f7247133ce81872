#!/usr/bin/env bash
# ESLint with the Nx module-boundary rule really on: the rule reads the cached project graph and, when there is none
# (a fresh clone), prints a warning and skips itself while eslint still passes. So compute the graph first, and fail
# if the rule says it was skipped anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false
npx nx show projects > /dev/null
output=$(mktemp)
trap 'rm -f "$output"' EXIT
status=0
npx eslint --max-warnings 0 "${@:-.}" 2>&1 | tee "$output" || status=$?
if grep -q "rule will be skipped" "$output"; then
  echo "lint: @nx/enforce-module-boundaries was skipped (no project graph); module boundaries were not checked" >&2
  exit 1
fi
exit "$status"
