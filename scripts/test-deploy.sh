#!/usr/bin/env bash
# npm run test:deploy: the production path of deploy/ on this machine (issue 25), then the checks of
# tests/deploy/*.spec.ts in Chromium over HTTPS. Ends with one line "N passed, N failed" (.ci/run reads it).
#
#   - Debian's PostgreSQL 15 (the oldest supported major) as the primary, with WAL archived by pgBackRest
#     (deploy/pgbackrest.conf's settings, its repository in the scratch folder) and a full backup;
#   - a streaming replica made with pg_basebackup, behind DATABASE_READ_URL;
#   - two app servers (scripts/start.ts, SKIP_BUILD=1) from one build, with the same environment;
#   - Caddy with deploy/Caddyfile as shipped (tls internal), balancing over both.
# Installs caddy, pgbackrest, postgresql-15 and chromium from Debian's packages when run as root and they are
# missing; when it cannot, it says so and counts as a failure. Reuses the build in .next if there is one (npm test's),
# else builds once with NEXT_SERVER_ACTIONS_ENCRYPTION_KEY set, as deploy/README.md says.
#
# With DEPLOY_BENCH=1 (npm run bench:two-servers) the stack is measured by bench/two-servers.ts instead.
#
# Ports (override with the variables): app servers 3250, 3251; Caddy HTTPS 8450, HTTP 8451; PostgreSQL primary
# 55250, replica 55251; the point-in-time restore's scratch cluster 3252.
# shellcheck disable=SC2317
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
APP_A=${DEPLOY_APP_A_PORT:-3250}
APP_B=${DEPLOY_APP_B_PORT:-3251}
HTTPS_PORT=${DEPLOY_HTTPS_PORT:-8450}
HTTP_PORT=${DEPLOY_HTTP_PORT:-8451}
PRIMARY=${DEPLOY_PRIMARY_PORT:-55250}
REPLICA=${DEPLOY_REPLICA_PORT:-55251}
PITR=${DEPLOY_PITR_PORT:-3252}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tracker-deploy.XXXXXX")
REPORT=$WORK/deploy.json
PIDS=()
log() { printf '\n== %s\n' "$*"; }
fail() {
  echo "test-deploy: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

as_postgres() {
  if ((EUID == 0)); then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

cleanup() {
  local rc=$?
  trap '' INT TERM
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  for dir in primary replica pitr; do
    [[ -f $WORK/$dir/postmaster.pid ]] && as_postgres "$PGBIN/pg_ctl -D $WORK/$dir -m immediate stop" >/dev/null 2>&1
  done
  if [[ -n ${TEST_DEPLOY_KEEP:-} ]]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------------------
log "Tools"
missing=()
command -v caddy >/dev/null || missing+=(caddy)
command -v pgbackrest >/dev/null || missing+=(pgbackrest)
[[ -x $PGBIN/initdb && -x $PGBIN/psql ]] || missing+=(postgresql-15)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
if ((${#missing[@]})); then
  ((EUID == 0)) || fail "missing ${missing[*]}: run as root, or: sudo apt-get install -y ${missing[*]}"
  echo "installing ${missing[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
    fail "apt-get install ${missing[*]} failed: Caddy, PostgreSQL 15 and pgBackRest are needed (Debian 12's packages)"
fi
[[ -x $PGBIN/initdb ]] || fail "PostgreSQL 15 is not in $PGBIN"
echo "$("$PGBIN/postgres" --version); $(caddy version | cut -d' ' -f1); $(pgbackrest version)"

if [[ ! -f .next/BUILD_ID ]]; then
  log "Build (once, for both servers)"
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=${NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:-$(openssl rand -base64 32)} \
    env -u DATABASE_URL npm run build || fail "npm run build failed"
fi

# ---------------------------------------------------------------------------------------------------------------
log "PostgreSQL 15 primary with pgBackRest archiving"
mkdir -p "$WORK"/{repo,pgbr-log,pgbr-lock,pgbr-spool}
chmod 711 "$WORK"
((EUID == 0)) && chown -R postgres: "$WORK"
# deploy/pgbackrest.conf with this machine's folders and ports.
cat >"$WORK/pgbackrest.conf" <<EOF
[global]
repo1-path=$WORK/repo
repo1-retention-full=4
compress-type=zst
start-fast=y
log-path=$WORK/pgbr-log
lock-path=$WORK/pgbr-lock
spool-path=$WORK/pgbr-spool
log-level-console=warn

[tracker]
pg1-path=$WORK/primary
pg1-port=$PRIMARY
pg1-socket-path=$WORK
EOF
((EUID == 0)) && chown postgres: "$WORK/pgbackrest.conf"
BR="pgbackrest --config=$WORK/pgbackrest.conf --stanza=tracker"
as_postgres "$PGBIN/initdb -D $WORK/primary -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null || fail "initdb failed"
# deploy/postgresql.conf, then what this machine needs (ports, sockets in the scratch folder).
sed "s|^archive_command = .*|archive_command = '$BR archive-push %p'|; s|^listen_addresses = .*|listen_addresses = '127.0.0.1'|" \
  deploy/postgresql.conf >>"$WORK/primary/postgresql.conf"
printf "port = %s\nunix_socket_directories = '%s'\n" "$PRIMARY" "$WORK" >>"$WORK/primary/postgresql.conf"
as_postgres "$PGBIN/pg_ctl -D $WORK/primary -l $WORK/primary.log -w start" >/dev/null || { tail "$WORK/primary.log"; fail "the primary did not start"; }
as_postgres "$BR stanza-create && $BR check && $BR --type=full backup" || fail "pgBackRest could not archive or back up"
as_postgres "$PGBIN/psql -h $WORK -p $PRIMARY -U postgres -qc 'CREATE DATABASE tracker'" || fail "CREATE DATABASE failed"

log "Streaming replica (pg_basebackup)"
as_postgres "$PGBIN/pg_basebackup -h $WORK -p $PRIMARY -U postgres -D $WORK/replica -R -X stream -c fast" || fail "pg_basebackup failed"
printf "port = %s\n" "$REPLICA" >>"$WORK/replica/postgresql.conf"
as_postgres "$PGBIN/pg_ctl -D $WORK/replica -l $WORK/replica.log -w start" >/dev/null || { tail "$WORK/replica.log"; fail "the replica did not start"; }

# ---------------------------------------------------------------------------------------------------------------
log "Two app servers, one build, one environment (deploy/tracker.env.example)"
cat >"$WORK/tracker.env" <<EOF
DATABASE_URL=postgresql://postgres@127.0.0.1:$PRIMARY/tracker
DATABASE_READ_URL=postgresql://postgres@127.0.0.1:$REPLICA/tracker
BETTER_AUTH_SECRET=$(openssl rand -base64 32)
BETTER_AUTH_URL=https://localhost:$HTTPS_PORT
TRUSTED_PROXIES=127.0.0.1
HOST=127.0.0.1
EOF
chmod 600 "$WORK/tracker.env"
start_app() { # port log
  # Each server's own state folder (its instance lock), as StateDirectory= gives it in deploy/systemd/tracker.service.
  mkdir -p "$WORK/state-$1"
  (set -a && . "$WORK/tracker.env" && set +a && PORT=$1 TRACKER_DATA_DIR=$WORK/state-$1 SKIP_BUILD=1 NODE_ENV=production \
    exec node --import tsx scripts/start.ts) >"$2" 2>&1 &
  PIDS+=($!)
}
wait_http() { # url seconds
  local i
  for ((i = 0; i < $2 * 2; i++)); do
    curl -ksf -o /dev/null "$1" && return 0
    sleep 0.5
  done
  return 1
}
start_app "$APP_A" "$WORK/app-a.log"
APP_A_PID=${PIDS[-1]}
wait_http "http://127.0.0.1:$APP_A/api/health" 240 || { tail -n 30 "$WORK/app-a.log"; fail "app server A did not start"; }
start_app "$APP_B" "$WORK/app-b.log"
APP_B_PID=${PIDS[-1]}
wait_http "http://127.0.0.1:$APP_B/api/health" 120 || { tail -n 30 "$WORK/app-b.log"; fail "app server B did not start"; }

log "Caddy (deploy/Caddyfile, tls internal)"
mkdir -p "$WORK/caddy"
HOME=$WORK/caddy XDG_DATA_HOME=$WORK/caddy/data XDG_CONFIG_HOME=$WORK/caddy/config \
  TRACKER_SITE=localhost:$HTTPS_PORT CADDY_HTTPS_PORT=$HTTPS_PORT CADDY_HTTP_PORT=$HTTP_PORT \
  TRACKER_UPSTREAMS="127.0.0.1:$APP_A 127.0.0.1:$APP_B" \
  caddy run --config deploy/Caddyfile --adapter caddyfile >"$WORK/caddy.log" 2>&1 &
PIDS+=($!)
wait_http "https://localhost:$HTTPS_PORT/api/health" 30 || { tail -n 20 "$WORK/caddy.log"; fail "Caddy did not answer over HTTPS"; }
echo "ready after ${SECONDS}s"

# ---------------------------------------------------------------------------------------------------------------
if [[ -n ${DEPLOY_BENCH:-} ]]; then
  # npm run bench:two-servers: the same stack, measured instead of checked (bench/two-servers.ts).
  log "Two-server bench"
  DEPLOY_HTTPS_PORT=$HTTPS_PORT DEPLOY_APP_A_PORT=$APP_A npx tsx bench/two-servers.ts
  exit $?
fi

log "Checks in Chromium over HTTPS (tests/deploy)"
DEPLOY_WORK=$WORK DEPLOY_PGBIN=$PGBIN DEPLOY_PRIMARY_PORT=$PRIMARY DEPLOY_REPLICA_PORT=$REPLICA DEPLOY_PITR_PORT=$PITR \
  DEPLOY_HTTPS_PORT=$HTTPS_PORT DEPLOY_APP_A_PORT=$APP_A DEPLOY_APP_B_PORT=$APP_B \
  DEPLOY_APP_A_PID=$APP_A_PID DEPLOY_APP_B_PID=$APP_B_PID \
  PLAYWRIGHT_JSON_OUTPUT_FILE=$REPORT npx playwright test -c playwright.deploy.config.ts --reporter=list,json &
# In the background: a SIGTERM (the time limit of .ci/run) runs the clean-up at once instead of after the browser.
PIDS+=($!)
wait "${PIDS[-1]}"
rc=$?
counts=$(node -e '
  const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const s = r.stats ?? {};
  console.log((s.expected ?? 0) + (s.flaky ?? 0), (s.unexpected ?? 0) + (r.errors ?? []).length);
' "$REPORT" 2>/dev/null) || counts="0 1"
read -r p f <<<"$counts"
((rc != 0 && f == 0)) && f=1
if ((f > 0)); then
  for name in app-a app-b caddy primary replica; do
    echo "--- last lines of $name.log"
    tail -n 15 "$WORK/$name.log" 2>/dev/null
  done
fi
echo "total ${SECONDS}s"
echo "$p passed, $f failed"
((f == 0))
