#!/usr/bin/env bash
# `npm run bench -- [options]`: installs the locked dependencies if a fresh clone lacks them and puts
# the pinned Node 24 first on PATH (bench/run.ts relies on its TypeScript support), then runs the benchmark.
set -euo pipefail
source "$(dirname "$0")/../scripts/ensure-deps.sh"
exec node bench/run.ts "$@"
