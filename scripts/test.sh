#!/usr/bin/env bash
# `npm test`: every check the project has, in the order a failure is cheapest to find.
# Static checks → unit and integration tests (SQLite, plus PostgreSQL when DATABASE_URL
# is set) → production build with search index → island size budget → browser tests.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh || exit 1
mkdir -p test-results .test-reports
# Only this run's own reports: the mutation run's incremental results live here too and take hours to rebuild.
rm -f .test-reports/vitest.json .test-reports/playwright.json .test-reports/hardening-summary.txt
failed_steps=()

step() {
  local name=$1
  shift
  echo
  echo "==> $name"
  if ! "$@"; then
    failed_steps+=("$name")
    echo "!! $name failed"
  fi
}

step "astro sync" astro sync
# The benchmark's baseline blog is linted too; its content types come from its own sync.
step "astro sync (benchmark baseline)" astro sync --root bench/baseline
step "prettier" prettier --check --log-level warn .
step "eslint" eslint . --max-warnings 0
step "layering (imports follow docs/ARCHITECTURE.md)" node scripts/check-layers.mjs
step "astro check" astro check --minimumFailingSeverity warning
if [ -z "${DATABASE_URL:-}" ]; then
  echo "NOTE: DATABASE_URL is not set, so the PostgreSQL half of the integration tests is skipped."
fi
step "vitest (unit + integration)" vitest run --reporter=default --reporter=json --outputFile.json=.test-reports/vitest.json
# The browser tests run against a fresh production build served by the project's own server.
step "build" env SITE_URL=http://127.0.0.1:4399 bash scripts/build.sh
step "island size budget" node scripts/check-island-size.mjs dist
# The hardening suite attacks the same build over HTTP, once per database; each section prints a summary line.
step "hardening (SQLite)" env HARDENING_DB=sqlite ASTRO_OUT_DIR=dist vitest run -c vitest.hardening.config.ts
if [ -n "${DATABASE_URL:-}" ]; then
  step "hardening (PostgreSQL)" env HARDENING_DB=postgres ASTRO_OUT_DIR=dist vitest run -c vitest.hardening.config.ts
fi
# Two instances on one PostgreSQL behind nginx, against the same build (needs DATABASE_URL and nginx).
if [ -n "${DATABASE_URL:-}" ]; then
  rm -f .test-reports/scale-out-summary.txt
  step "scale-out (2 instances + nginx, PostgreSQL)" env ASTRO_OUT_DIR=dist vitest run -c vitest.scale-out.config.ts
else
  echo "NOTE: DATABASE_URL is not set, so the two-instance scale-out test is skipped."
fi
step "playwright (Chromium)" env E2E_PORT=4399 ASTRO_OUT_DIR=dist PLAYWRIGHT_JSON_OUTPUT_NAME=.test-reports/playwright.json \
  playwright test --reporter=list,json

echo
echo "==> scale-out figures"
cat .test-reports/scale-out-summary.txt 2>/dev/null || echo "(the scale-out test did not run)"
echo
echo "==> hardening summary"
cat .test-reports/hardening-summary.txt 2>/dev/null || echo "(no hardening summary was written)"
node scripts/test-summary.mjs .test-reports/vitest.json .test-reports/playwright.json "${#failed_steps[@]}"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "Failed steps: ${failed_steps[*]}"
  exit 1
fi
