/** What every dashboard page reads from its URL: the period (defaulting to the latest month with data) and filters. */
import { connection } from "next/server";
import { requireViewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { latestReportedPeriod } from "@/lib/data/org-units";
import { monthCoverages } from "@/lib/data/coverage";
import { COMPLETE_AFTER_DAYS, type MonthCoverage, defaultPeriod } from "@/lib/domain/coverage";
import { scopeOf } from "@/lib/data/communes";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { REFORM_START, addMonths, lastFullMonth, periodsInRange } from "@/lib/domain/periods";
import { type SearchParams, parseCommuneFilters, parseRangeQuery } from "@/lib/domain/range-query";

export const PROVINCE = HOME_PROVINCE;

/**
 * Days after a month's deadline from which it counts as complete with reports missing (lib/domain/coverage.ts):
 * `REPORTING_COMPLETE_AFTER_DAYS`, 10 by default.
 */
export function completeAfterDays(): number {
  const n = Number(process.env.REPORTING_COMPLETE_AFTER_DAYS);
  return Number.isInteger(n) && n >= 0 && n <= 60 ? n : COMPLETE_AFTER_DAYS;
}

/**
 * The period a page opens on: the newest complete month (every report in, or the deadline passed more than
 * completeAfterDays() ago), and the month in progress after it with its coverage.
 */
export async function openingPeriod(
  latest: string,
  at: Date,
): Promise<{ period: string; inProgress: MonthCoverage | null }> {
  // Months older than a year are complete by then whatever came in: reading a year back is enough.
  const from = addMonths(latest, -12) < REFORM_START ? REFORM_START : addMonths(latest, -12);
  const months = await monthCoverages({ provinceCode: PROVINCE }, { from, to: latest });
  return defaultPeriod(latest, months, at, { completeAfterDays: completeAfterDays() });
}

export async function pageContext(searchParams: Promise<SearchParams>) {
  await connection();
  // Every dashboard page needs a session (the proxy only checks that a cookie exists). The latest month is read
  // meanwhile (one round trip instead of two in a row); without a session nothing of it is shown.
  const [viewer, params, reported] = await Promise.all([requireViewer(), searchParams, latestReportedPeriod(PROVINCE)]);
  // One instant for the whole page: every "due", "late" and "days left" on it is decided against the same moment.
  const at = now();
  const latest = reported ?? REFORM_START;
  const opening = await openingPeriod(latest, at);
  const { range, error } = parseRangeQuery(params, opening.period, at);
  const filters = parseCommuneFilters(params);
  return {
    viewer,
    now: at,
    params,
    latest,
    /** The month the page opens on without `?period=` (the newest complete month) and the month in progress. */
    opening,
    // Up to the month now being reported even before any report of it is in: its reports are due, not missing.
    months: periodsInRange(REFORM_START, latest > lastFullMonth(at) ? latest : lastFullMonth(at)),
    range,
    error,
    filters,
    scope: scopeOf(PROVINCE, filters),
  };
}

export type PageContext = Awaited<ReturnType<typeof pageContext>>;
