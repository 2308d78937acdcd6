/** What every dashboard page reads from its URL: the period (defaulting to the latest month with data) and filters. */
import { connection } from "next/server";
import { requireViewer } from "@/lib/auth/viewer";
import { latestReportedPeriod } from "@/lib/data/org-units";
import { scopeOf } from "@/lib/data/communes";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { REFORM_START, periodsInRange } from "@/lib/domain/periods";
import { type SearchParams, parseCommuneFilters, parseRangeQuery } from "@/lib/domain/range-query";

export const PROVINCE = HOME_PROVINCE;

export async function pageContext(searchParams: Promise<SearchParams>) {
  await connection();
  // Every dashboard page needs a session (the proxy only checks that a cookie exists). The latest month is read
  // meanwhile (one round trip instead of two in a row); without a session nothing of it is shown.
  const [viewer, params, reported] = await Promise.all([requireViewer(), searchParams, latestReportedPeriod(PROVINCE)]);
  const latest = reported ?? REFORM_START;
  const { range, error } = parseRangeQuery(params, latest);
  const filters = parseCommuneFilters(params);
  return {
    viewer,
    params,
    latest,
    months: periodsInRange(REFORM_START, latest),
    range,
    error,
    filters,
    scope: scopeOf(PROVINCE, filters),
  };
}

export type PageContext = Awaited<ReturnType<typeof pageContext>>;
