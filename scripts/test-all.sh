#!/usr/bin/env bash
# Runs every test suite (unit, integration, e2e) against a throwaway PostgreSQL cluster and ends with one line
#   N passed, N failed[, N skipped]
# summing all suites (CI reads that line); exits 1 if anything failed.
#
#   npm test                    everything
#   TEST_SKIP_E2E=1 npm test    unit + integration only (no build, no browser)
#   TEST_REPORT_DIR=dir         keep the JSON reports there (default: a temp dir removed on exit)
#
# On a fresh Debian machine it installs what is missing (PostgreSQL, Chromium) when run as root.

# shellcheck disable=SC2317  # functions called only from traps look unreachable to shellcheck

# Not `set -e`: a failing suite must not stop the others; every step checks its own status.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

E2E_SPEC_DIR=tests/e2e
IT_DB=tracker_it
E2E_DB=tracker_e2e

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tracker-tests.XXXXXX")
REPORTS=${TEST_REPORT_DIR:-$WORK/reports}
mkdir -p "$REPORTS"
rm -f "$REPORTS"/{unit,integration,e2e}.json # a stale report must not stand in for a crashed suite
PG_DIR=$WORK/pg     # cluster data, socket and log; owned by the user that runs PostgreSQL
PG_DATA=$PG_DIR/data
PG_BIN=
STEP_PID=           # process group of the suite currently running (see run_step)

if [[ -t 1 ]]; then
  log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
  log() { printf '\n== %s\n' "$*"; }
fi
warn() { printf 'test-all: %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------------------------
# Results: one row per suite; the summary at the end sums them.
SUITES=()
declare -A PASSED FAILED SKIPPED NOTE

record() { # suite passed failed skipped [note]
  SUITES+=("$1")
  PASSED[$1]=$2 FAILED[$1]=$3 SKIPPED[$1]=$4 NOTE[$1]=${5:-}
}

print_summary_and_exit() {
  local suite total_p=0 total_f=0 total_s=0
  log "Summary"
  for suite in "${SUITES[@]}"; do
    printf '%-12s %4d passed, %d failed, %d skipped  %s\n' \
      "$suite" "${PASSED[$suite]}" "${FAILED[$suite]}" "${SKIPPED[$suite]}" "${NOTE[$suite]}"
    ((total_p += PASSED[$suite], total_f += FAILED[$suite], total_s += SKIPPED[$suite]))
  done
  # The last line of output, exactly in this form: CI parses it.
  if ((total_s > 0)); then
    echo "$total_p passed, $total_f failed, $total_s skipped"
  else
    echo "$total_p passed, $total_f failed"
  fi
  exit $((total_f > 0 ? 1 : 0))
}

# The harness itself could not do its job (missing tools, no database): count it as one failure and stop.
harness_failure() {
  warn "$*"
  record harness 0 1 0 "$*"
  print_summary_and_exit
}

# ---------------------------------------------------------------------------------------------------------------
# Cleanup. The cluster and the temp dir must go away however the run ends: success, failure, Ctrl-C, kill.

# Each suite runs in its own session (setsid) in the background while we `wait` for it. Why:
#  - bash runs a trap only after a *foreground* command ends, so Ctrl-C or SIGTERM would wait for a whole
#    Playwright run; `wait` is interrupted at once.
#  - the trap can then stop the suite's whole process tree (vitest workers, tsx) by its process group.
# Background commands of a script start with SIGINT ignored; `env --default-signal=INT` restores it so that
# stop_step can interrupt them the way a terminal's Ctrl-C would.
run_step() {
  setsid env --default-signal=INT "$@" &
  STEP_PID=$!
  wait "$STEP_PID"
  local rc=$?
  STEP_PID=
  return "$rc"
}

# SIGINT first: on SIGINT Playwright stops its web server (a separate process group it started), on SIGTERM
# it just exits and leaves the server running. Then SIGTERM, then SIGKILL, 15 s apart.
stop_step() {
  [[ -n $STEP_PID ]] || return 0
  local sig i
  for sig in INT TERM KILL; do
    kill -"$sig" -- "-$STEP_PID" 2>/dev/null || break
    for ((i = 0; i < 150; i++)); do
      kill -0 -- "-$STEP_PID" 2>/dev/null || break 2
      sleep 0.1
    done
  done
  wait "$STEP_PID" 2>/dev/null
  STEP_PID=
}

# As root (CI), PostgreSQL refuses to run: run its tools as the `postgres` user, from a directory it may read.
as_pg() {
  if ((EUID == 0)); then
    (cd "$PG_DIR" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

stop_postgres() {
  [[ -n $PG_BIN && -f $PG_DATA/postmaster.pid ]] || return 0
  # Immediate mode: the data is thrown away, no need for a clean checkpoint.
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
    kill -KILL "$(head -n1 "$PG_DATA/postmaster.pid")" 2>/dev/null
}

cleanup() {
  local rc=$?
  trap '' INT TERM
  stop_step
  stop_postgres
  rm -rf "$WORK"
  exit "$rc"
}

on_signal() {
  trap '' INT TERM # a second Ctrl-C must not interrupt the cleanup
  warn "interrupted: stopping the running suite and the database"
  exit "$1" # runs cleanup (EXIT trap)
}

trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# ---------------------------------------------------------------------------------------------------------------
# Counting results. Each suite writes a JSON report; a suite that exits non-zero without a report crashed and
# counts as one failure, and so does a non-zero exit whose report shows no failed test (e.g. an unhandled error).

# Prints "passed failed skipped" from a report; fails if the file is missing or unreadable.
read_counts() { # vitest|playwright report.json
  node - "$1" "$2" <<'EOF'
const fs = require("node:fs");
const [kind, file] = process.argv.slice(2);
let r;
try {
  r = JSON.parse(fs.readFileSync(file, "utf8"));
} catch {
  process.exit(1);
}
let passed, failed, skipped;
if (kind === "vitest") {
  // A file that fails to load has no failed test but a failed file result: count it too.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === "failed" && !(f.assertionResults ?? []).some((t) => t.status === "failed"),
  ).length;
  passed = r.numPassedTests;
  failed = r.numFailedTests + brokenFiles;
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
} else {
  const s = r.stats ?? {};
  passed = (s.expected ?? 0) + (s.flaky ?? 0);
  // Top-level errors: a spec that fails to load, a web server that never became ready, ...
  failed = (s.unexpected ?? 0) + (r.errors ?? []).length;
  skipped = s.skipped ?? 0;
}
if (![passed, failed, skipped].every(Number.isInteger)) process.exit(1);
console.log(passed, failed, skipped);
EOF
}

record_suite() { # suite exit-code vitest|playwright report.json seconds
  local suite=$1 rc=$2 kind=$3 report=$4 secs=$5 counts p f s
  local note="${secs}s"
  if counts=$(read_counts "$kind" "$report"); then
    read -r p f s <<<"$counts"
    if ((rc != 0 && f == 0)); then
      f=1 note+=", exit code $rc with no failed test: see the output above"
    fi
  elif ((rc == 0)); then
    p=0 f=0 s=0 note+=", no report (no tests?)"
  else
    p=0 f=1 s=0 note+=", crashed (exit code $rc, no report): see the output above"
  fi
  record "$suite" "$p" "$f" "$s" "$note"
}

# ---------------------------------------------------------------------------------------------------------------
# Tools

free_port() { # [preferred]: prints the preferred port if it is free, else any free port
  node -e '
    const net = require("node:net");
    const listen = (port) => {
      const srv = net.createServer();
      srv.once("error", () => listen(0));
      srv.listen(port, () => { console.log(srv.address().port); srv.close(); });
    };
    listen(Number(process.argv[1]) || 0);
  ' "${1:-0}"
}

has_e2e_specs() {
  [[ -d $E2E_SPEC_DIR ]] &&
    [[ -n $(find "$E2E_SPEC_DIR" -type f \( -name '*.spec.*' -o -name '*.test.*' \) -print -quit) ]]
}

find_pg_bin() { # newest installed PostgreSQL
  local d
  PG_BIN=
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
    [[ -x $d/initdb && -x $d/pg_ctl ]] && PG_BIN=$d
  done
  [[ -n $PG_BIN ]]
}

RUN_E2E=1
if [[ ${TEST_SKIP_E2E:-} == 1 ]]; then
  RUN_E2E=0
elif ! has_e2e_specs; then
  RUN_E2E=0 # nothing to run: no need for Chromium or a production build
fi

missing=()
find_pg_bin || missing+=(postgresql)
if ((RUN_E2E)) && [[ ! -x /usr/bin/chromium ]]; then missing+=(chromium); fi
if ((${#missing[@]})); then
  if ((EUID != 0)); then
    hint=""
    [[ " ${missing[*]} " == *" chromium "* ]] && hint=" (or set TEST_SKIP_E2E=1 to skip the browser tests)"
    harness_failure "missing ${missing[*]}: run as root, or install them: sudo apt-get install -y ${missing[*]}$hint"
  fi
  log "Installing ${missing[*]}"
  start=$SECONDS
  # `apt-get update` only here: it is slow and needs the network.
  if ! { apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    harness_failure "apt-get install ${missing[*]} failed"
  fi
  echo "installed in $((SECONDS - start))s"
  find_pg_bin || harness_failure "PostgreSQL is installed but no initdb in /usr/lib/postgresql/*/bin"
fi

# ---------------------------------------------------------------------------------------------------------------
# Unit tests need no database: run them first, so a broken database setup still reports them.

log "Unit tests"
start=$SECONDS
run_step npx vitest run --project unit \
  --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json"
record_suite unit $? vitest "$REPORTS/unit.json" $((SECONDS - start))

# ---------------------------------------------------------------------------------------------------------------
# Throwaway PostgreSQL: its own data dir, socket dir and port, so it never touches a real cluster.

log "PostgreSQL ($PG_BIN)"
mkdir -p "$PG_DIR"
if ((EUID == 0)); then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  chown postgres: "$PG_DIR"
  chmod 711 "$WORK" # postgres must be able to reach $PG_DIR
fi
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
  { cat "$WORK/initdb.log" >&2; harness_failure "initdb failed"; }

# A port picked now may be taken before PostgreSQL binds it: retry a few times.
pg_started=0
for _ in 1 2 3; do
  PG_PORT=$(free_port)
  # fsync and friends off: a crash loses nothing we care about, and the tests run faster.
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null; then
    pg_started=1
    break
  fi
done
if ((!pg_started)); then
  tail -n 20 "$PG_DIR/postgres.log" >&2
  harness_failure "PostgreSQL did not start (log above)"
fi
echo "listening on 127.0.0.1:$PG_PORT"

PG_URL=postgresql://postgres@127.0.0.1:$PG_PORT
export TEST_ADMIN_DATABASE_URL=$PG_URL/postgres

create_db() {
  "$PG_BIN/psql" "$TEST_ADMIN_DATABASE_URL" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $1" ||
    harness_failure "could not create database $1"
}

# ---------------------------------------------------------------------------------------------------------------
# Integration tests: a migrated, empty database; tests set up their own data.

log "Integration tests"
create_db "$IT_DB"
export DATABASE_URL=$PG_URL/$IT_DB TEST_DATABASE_URL=$PG_URL/$IT_DB
start=$SECONDS
if [[ ! -f scripts/migrate.ts ]]; then
  warn "scripts/migrate.ts is missing: cannot apply prisma/migrations to the test database"
  record integration 0 1 0 "not run: scripts/migrate.ts is missing"
elif ! run_step npx tsx scripts/migrate.ts; then
  record integration 0 1 0 "not run: scripts/migrate.ts failed (output above)"
else
  run_step npx vitest run --project integration \
    --reporter=default --reporter=json --outputFile.json="$REPORTS/integration.json"
  record_suite integration $? vitest "$REPORTS/integration.json" $((SECONDS - start))
fi

# ---------------------------------------------------------------------------------------------------------------
# End-to-end: a production build served by `npm start` (Playwright's webServer, see playwright.config.ts) on its
# own database, which start.ts migrates and seeds.

if [[ ${TEST_SKIP_E2E:-} == 1 ]]; then
  log "E2E tests: skipped (TEST_SKIP_E2E=1)"
elif ((!RUN_E2E)); then
  log "E2E tests: no spec files in $E2E_SPEC_DIR"
  record e2e 0 0 0 "no spec files"
else
  log "Build"
  start=$SECONDS
  # Without DATABASE_URL: the build must not need a database (pages that read it are dynamic).
  if ! run_step env -u DATABASE_URL -u TEST_DATABASE_URL npm run build; then
    record e2e 0 1 0 "not run: npm run build failed (output above)"
  else
    echo "build: $((SECONDS - start))s"
    log "E2E tests"
    create_db "$E2E_DB"
    start=$SECONDS
    # E2E_PORT: 3100 unless something already listens there (playwright.config.ts reads it).
    run_step env E2E_DATABASE_URL="$PG_URL/$E2E_DB" E2E_PORT="$(free_port 3100)" \
      PLAYWRIGHT_JSON_OUTPUT_FILE="$REPORTS/e2e.json" \
      npx playwright test --reporter=list,json
    record_suite e2e $? playwright "$REPORTS/e2e.json" $((SECONDS - start))
  fi
fi

print_summary_and_exit
