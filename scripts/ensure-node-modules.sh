#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than package-lock.json (a stamp holds the
# lockfile's hash), so the README's commands work on a fresh clone and stay fast on the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.inkstream-lock-hash
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "[setup] installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > "$stamp"
fi
