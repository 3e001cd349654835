#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the test suite and prints its URL.
# Usage: eval "$(bash scripts/pg-throwaway.sh start [dir] [port])"   then   bash scripts/pg-throwaway.sh stop [dir]
set -euo pipefail
cmd=${1:-start}
dir=${2:-/tmp/pursebop-pg}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
  echo "PostgreSQL server binaries not found; install the Debian package 'postgresql'." >&2
  exit 1
fi
# PostgreSQL refuses to run as root, so the cluster belongs to the 'postgres' user when we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    fi
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='pursebop_test'" | grep -q 1 ||
      as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE pursebop_test" >/dev/null
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/pursebop_test"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop [dir] [port]" >&2
    exit 2
    ;;
esac
