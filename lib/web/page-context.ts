/** What every dashboard page reads from its URL: the period (defaulting to the latest month with data) and filters. */
import { connection } from "next/server";
import { requireViewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { latestReportedPeriod } from "@/lib/data/org-units";
import { scopeOf } from "@/lib/data/communes";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { REFORM_START, lastFullMonth, periodsInRange } from "@/lib/domain/periods";
import { type SearchParams, parseCommuneFilters, parseRangeQuery } from "@/lib/domain/range-query";

export const PROVINCE = HOME_PROVINCE;

export async function pageContext(searchParams: Promise<SearchParams>) {
  await connection();
  // Every dashboard page needs a session (the proxy only checks that a cookie exists). The latest month is read
  // meanwhile (one round trip instead of two in a row); without a session nothing of it is shown.
  const [viewer, params, reported] = await Promise.all([requireViewer(), searchParams, latestReportedPeriod(PROVINCE)]);
  // One instant for the whole page: every "due", "late" and "days left" on it is decided against the same moment.
  const at = now();
  const latest = reported ?? REFORM_START;
  const { range, error } = parseRangeQuery(params, latest, at);
  const filters = parseCommuneFilters(params);
  return {
    viewer,
    now: at,
    params,
    latest,
    // Up to the month now being reported even before any report of it is in: its reports are due, not missing.
    months: periodsInRange(REFORM_START, latest > lastFullMonth(at) ? latest : lastFullMonth(at)),
    range,
    error,
    filters,
    scope: scopeOf(PROVINCE, filters),
  };
}

export type PageContext = Awaited<ReturnType<typeof pageContext>>;
