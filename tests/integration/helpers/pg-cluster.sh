#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for local integration runs.
# Usage: pg-cluster.sh start|stop [port] [dir]; prints TEST_ADMIN_DATABASE_URL on start.
set -euo pipefail
cmd=${1:?start|stop}; port=${2:-54329}; dir=${3:-/tmp/pg-test-$port}
bin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
case $cmd in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_pg "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    as_pg "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start" >/dev/null
    echo "TEST_ADMIN_DATABASE_URL=postgresql://postgres@127.0.0.1:$port/postgres" ;;
  stop)
    as_pg "$bin/pg_ctl -D $dir/data -m fast -w stop" >/dev/null ;;
  *) echo "usage: $0 start|stop [port] [dir]" >&2; exit 2 ;;
esac
