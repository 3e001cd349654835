#!/usr/bin/env bash
# `npm run build`: Astro builds the pages, then scripts/index-search.ts writes the search index and the
# compressed copies in a second process (see there why). Plain `astro build` still does all of it in one
# process, for anyone who calls Astro directly. ASTRO_OUT_DIR names the output folder (dist by default).
set -euo pipefail
cd "$(dirname "$0")/.."
# The project's own Node 24 (Astro refuses older ones), whatever node the caller had first on PATH.
export PATH="$PWD/node_modules/.bin:$PATH"
SEARCH_INDEX_STEP=separate node node_modules/astro/bin/astro.mjs build "$@"
exec node scripts/index-search.ts "${ASTRO_OUT_DIR:-dist}"
