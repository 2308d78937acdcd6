#!/usr/bin/env bash
# `npm run test:faults`: the process-level fault tests (tests/faults: npm start with its embedded database frozen and
# killed, two servers starting together, a backup onto a full disk) against a throwaway PostgreSQL cluster, ending with
# one line "N passed, N failed[, N skipped]". The tests that run `npm start` need a production build (`npm run build`
# first; `npm test` runs this suite after its end-to-end tests, on the build it made); without one they are skipped.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tracker-faults.XXXXXX")
chmod 711 "$WORK"
cleanup() {
  npx tsx scripts/pg-cluster.ts stop "$WORK/pg" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
[[ -f .next/BUILD_ID ]] || echo "test-faults: no production build (.next/BUILD_ID): the tests that run npm start are skipped (npm run build first)" >&2
mkdir -p "$WORK/pg"
TEST_ADMIN_DATABASE_URL=$(env -u LD_PRELOAD -u FAKETIME npx tsx scripts/pg-cluster.ts start "$WORK/pg") || { echo "0 passed, 1 failed"; exit 1; }
export TEST_ADMIN_DATABASE_URL
env -u DATABASE_URL -u TEST_DATABASE_URL -u LD_PRELOAD -u FAKETIME \
  npx vitest run --project faults --reporter=default --reporter=json --outputFile.json="$WORK/faults.json"
rc=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const broken = (r.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((t) => t.status === "failed")).length;
  const s = r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + broken} failed` + (s ? `, ${s} skipped` : ""));
' "$WORK/faults.json" 2>/dev/null || echo "0 passed, 1 failed"
exit "$rc"
