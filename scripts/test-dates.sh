#!/usr/bin/env bash
# `npm run test:dates`: the unit and integration suites at instants that have broken date code before, with the
# process clock moved by Debian's faketime (the test database is started under it too) and the machine's time zone
# varied. Prints one summary line per instant, then the total as `N passed, N failed`.
#
#   TEST_DATES="2026-11-30T22:30:00Z|UTC ..."   override the list (instant in UTC | TZ of the process)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

if ! command -v faketime >/dev/null; then
  if ((EUID == 0)); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
  else
    echo "test-dates: faketime is missing: sudo apt-get install -y faketime" >&2
    exit 1
  fi
fi

# Instant (UTC) | the machine's time zone. Vietnam is UTC+7 all year.
DEFAULT_DATES=(
  "2026-11-30T22:30:00Z|Asia/Ho_Chi_Minh"   # 05:30 on 1 December in Vietnam, still 30 November in UTC
  "2026-12-31T17:10:00Z|UTC"                # 00:10 on 1 January 2027 in Vietnam: the year changes
  "2026-08-05T16:59:00Z|UTC"                # 23:59 on 5 August in Vietnam: the last minute before July's deadline
  "2026-08-05T17:01:00Z|UTC"                # 00:01 on 6 August in Vietnam: July's reports are now late
  "2028-02-29T05:00:00Z|Asia/Ho_Chi_Minh"   # 12:00 on 29 February 2028 in Vietnam
  "2026-11-30T22:30:00Z|UTC"                # the first instant again, with the machine in UTC
  "2026-11-30T22:30:00Z|America/Los_Angeles" # and in Los Angeles (UTC−8), still 30 November there
)
read -r -a DATES <<<"${TEST_DATES:-}"
((${#DATES[@]})) || DATES=("${DEFAULT_DATES[@]}")

total_p=0 total_f=0 lines=()
for spec in "${DATES[@]}"; do
  instant=${spec%%|*} tz=${spec#*|}
  # faketime reads its start time in the process's local time: give it the instant in that zone.
  local_time=$(TZ=$tz date -d "$instant" '+%Y-%m-%d %H:%M:%S')
  echo "== $instant (TZ=$tz, local $local_time)"
  out=$(TZ=$tz FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$local_time" env TEST_SKIP_E2E=1 TEST_SKIP_STATIC=1 bash scripts/test-all.sh 2>&1)
  summary=$(printf '%s\n' "$out" | tail -n 1)
  if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    ((total_p += BASH_REMATCH[1], total_f += BASH_REMATCH[2]))
  else
    ((total_f += 1))
    summary="no summary (harness failed): $(printf '%s\n' "$out" | tail -n 5 | tr '\n' ' ')"
  fi
  ((BASH_REMATCH[2] > 0)) 2>/dev/null && printf '%s\n' "$out" | grep -E "FAIL|✗|×" | head -20
  lines+=("$instant TZ=$tz: $summary")
  echo "$summary"
done
echo
echo "== Summary by instant"
printf '%s\n' "${lines[@]}"
echo "$total_p passed, $total_f failed"
((total_f == 0))
