#!/usr/bin/env bash
# `npm start`: install, build the site and its search index (or reuse the last build when content and
# code are unchanged), open the database and serve everything on http://localhost:4321.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

source scripts/site-secret.sh
mkdir -p data
chmod 700 data
# A local run behaves like production, so it needs a secret: make one once and keep it (0600).
if [ -z "${SITE_SECRET:-}" ]; then
  ensure_site_secret data
fi
export NODE_ENV=production HOST="${HOST:-127.0.0.1}" PORT="${PORT:-4321}"
export SITE_URL="${SITE_URL:-http://localhost:$PORT}"

# Every bad setting is listed now, before minutes of building, and npm start exits 1.
node --input-type=module -e "import { configOrExit } from './src/server/config.ts'; configOrExit();"

echo "==> Building the site and the search index, unless nothing changed since the last build"
# Migrates the database too, built or not, so it is ready before anything serves.
node scripts/publish.ts --if-changed
echo "==> Serving on http://localhost:$PORT (Ctrl+C stops; \`npm run publish\` switches to a new build)"
echo "    Site:      $SITE_URL  (the editors' desk is $SITE_URL/desk)"
echo "    Database:  $(tsx scripts/db-migrate.ts --describe)"
echo "    Editors:   npm run desk:add-editor -- --email you@example.com --name \"Your Name\"  (asks for a password)"
exec node scripts/serve-live.mjs builds
