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
# Runs a jest command and fails when a suite left something running: a log line after teardown, an open handle, a
# worker or the process that could not exit. Those pass silently in jest and become flaky runs later. Without
# --forceExit jest reports a leak as "did not exit"; --detectOpenHandles would name it but runs every suite in band.
checked_jest() {
  local log
  log=$(mktemp)
  local status=0
  "$@" 2>&1 | tee "$log" || status=$?
  if grep -E -q "after the Jest environment has been torn down|open handle|did not exit|failed to exit gracefully" "$log"; then
    echo "tests left work running after they finished (see the jest warnings above)" >&2
    status=1
  fi
  rm -f "$log"
  return "$status"
}
step "format (prettier --check)" && npx prettier --check . > /dev/null
step "lint (eslint, Nx module boundaries)" && bash scripts/lint.sh
# Docs against code: every topic, consumer group, dead-letter kind, topic key and environment variable the docs name
# exists in the code, and every validated variable, dead-letter kind and topic is documented (tools/checks).
step "docs (what README, docs/ and manifest comments name exists in the code)" &&
  node -r @swc-node/register tools/checks/src/docs-check.ts
step "typecheck (tsc --noEmit; the dashboard's browser code has DOM types of its own)" && npm run --silent typecheck
step "kubernetes manifests (render base + overlays, strict decoding into the API types; Go binary cached)" &&
  node -r @swc-node/register deploy/k8s/validator.ts
# The unit suite runs once, as the projects' Nx test targets (so `npx nx run-many -t test` keeps working); each
# project's jest run writes .cache/test-results/unit/<project>.json.
step "unit tests (nx run-many -t test)" && rm -rf .cache/test-results/unit &&
  checked_jest npx nx run-many -t test --skip-nx-cache --outputStyle=static
step "integration tests (real Kafka + MongoDB protocol)" &&
  checked_jest npx jest -c jest.integration.config.ts --ci --json --outputFile=.cache/test-results/integration.json
# The scale scenario of docs/benchmarks.md at a small size: 3 replicas of every consuming stage on 6 partitions, one
# of each SIGKILLed mid-run; it exits non-zero unless every document is stored or recorded exactly once.
step "scale (3 replicas per stage, one killed mid-run: lost 0, stored twice 0)" &&
  npm run --silent bench:scale -- --articles 150 --no-write
# The fetcher at volume of docs/benchmarks.md at a small size (about 3 minutes): 300 feeds on 5 origins of a simulated
# web, every fault class among them, with the whole pipeline running. It exits non-zero unless no origin ever had more
# requests in flight than FETCH_PER_ORIGIN_CONCURRENCY, every trickling feed was cut at FETCH_DEADLINE_MS (retries
# included), no request reached the throttling origin inside its Retry-After, every always-failing feed shows its error
# on its source status, nothing was dead-lettered, and (half the healthy feeds advertise the simulated web's WebSub
# hub) the hub verified subscriptions, the fetcher acknowledged pushes and pushed items reached the clean topic, no
# push refused with 403. Speed is reported, never asserted.
step "fetcher at volume (300 feeds, every fault: per-origin limit, deadline, Retry-After, status, no dead letters, WebSub pushes)" &&
  npm run --silent bench:fetcher -- --feeds 300 --origins 5 --minutes 2 --interval-min 20 --interval-max 40 \
    --deadline-ms 15000 --new-items-per-minute 30 --no-write
# The resilience run of docs/reliability.md at a small size (about 2 minutes here): 300 distinct articles (375 raw
# documents) published over a minute while every service is SIGKILLed once, the broker and the database are
# restarted once and PostgreSQL, FerretDB and Kafka are SIGKILLed twice each (the runner's stack supervision brings
# them back; a service restarted while they are away exits 75 and is started again, not counted as a crash); it
# exits non-zero unless the audit finds lost 0, stored twice 0, versions never published 0, dead
# letters 0 (the input is healthy) and every service under the RSS bound.
step "resilience (services and stack processes SIGKILLed, broker and database restarted: lost 0, dead letters 0)" &&
  npm run --silent test:resilience -- --articles 300 --kills 1 --stack-kills 2 --rate 6 --no-write
node scripts/test-summary.js .cache/test-results/unit/*.json .cache/test-results/integration.json
