#!/usr/bin/env bash
# The one command that runs every check and test: installs what is missing, then format, lint, types, unit tests
# (no services) and integration tests (one real Kafka broker + FerretDB started once for the whole run).
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false KAFKAJS_NO_PARTITIONER_WARNING=1
bash scripts/ensure-node-modules.sh
bash scripts/ensure-chromium.sh
mkdir -p .cache/test-results

step() { printf '\n==> %s\n' "$1"; }
step "format (prettier --check)" && npx prettier --check . > /dev/null
step "lint (eslint, Nx module boundaries)" && bash scripts/lint.sh
step "typecheck (tsc --noEmit; the dashboard's browser code has DOM types of its own)" && npm run --silent typecheck
# The unit suite runs once, as the projects' Nx test targets (so `npx nx run-many -t test` keeps working); each
# project's jest run writes .cache/test-results/unit/<project>.json.
step "unit tests (nx run-many -t test)" && rm -rf .cache/test-results/unit &&
  npx nx run-many -t test --skip-nx-cache --outputStyle=static
step "integration tests (real Kafka + MongoDB protocol)" &&
  npx jest -c jest.integration.config.ts --ci --json --outputFile=.cache/test-results/integration.json
node scripts/test-summary.js .cache/test-results/unit/*.json .cache/test-results/integration.json
