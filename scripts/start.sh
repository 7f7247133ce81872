#!/usr/bin/env bash
# `npm start`: installs what is missing, then runs the whole pipeline on the embedded stack (deploy/pipeline/run.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
exec node -r @swc-node/register deploy/pipeline/run.ts "$@"
