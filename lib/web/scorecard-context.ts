/** Page context of the scorecards: `?period=` may also name a quarter (`2025-Q3`), which the dashboards' parser does not. */
import type { SearchParams } from "@/lib/domain/range-query";
import { first } from "@/lib/domain/range-query";
import { parseScorecardPeriod } from "@/lib/domain/scorecard";
import { pageContext } from "./page-context";

export async function scorecardContext(searchParams: Promise<SearchParams>) {
  const params = await searchParams;
  const period = first(params.period);
  const quarter = period && /-Q/.test(period) ? parseScorecardPeriod(period) : null;
  const rewritten: SearchParams = quarter
    ? { ...params, period: undefined, from: quarter.from, to: quarter.to }
    : params;
  return pageContext(Promise.resolve(rewritten));
}
