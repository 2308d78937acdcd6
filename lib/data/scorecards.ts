/**
 * Scorecards of the communes of a province for a month or quarter: each KPI's value, its rank among the communes,
 * the monthly trend since the reform, and the missing specialists. Read once for every commune (the page of all 38
 * and the page of one use the same loader), through the dashboards' series functions.
 */
import { SHORTAGE_FIELDS, type ShortageField } from "@/lib/domain/briefing";
import { getIndicator } from "@/lib/domain/indicators";
import { type Period, type PeriodRange, REFORM_START } from "@/lib/domain/periods";
import { rankValues } from "@/lib/domain/scorecard";
import { rawValuesByCommune } from "./aggregates";
import { listCommunes, type CommuneRow } from "./org-units";
import { communeMonthMatrix, communeValues } from "./series";

export const SCORECARD_CODES = [
  "proc_on_time_rate",
  "proc_online_rate",
  "dossier_digitisation_rate",
  "feedback_resolution_rate",
  "quota_fill_rate",
  "staff_cbcc",
  "staff_quota",
  "shortage_total",
  "pages_digitised_cumulative",
  "reporting_rate",
] as const;

export interface ScorecardKpi {
  code: string;
  value: number | null;
  rank: number | null;
  trend: { period: Period; value: number | null }[];
}

export interface Scorecard {
  commune: CommuneRow;
  kpis: ScorecardKpi[];
  missing: { field: ShortageField; positions: number }[];
}

/** Runs `tasks` at once, or one after the other (a background read that must not take every core at once). */
async function inTurn<T>(tasks: readonly (() => Promise<T>)[], oneAtATime: boolean): Promise<T[]> {
  if (!oneAtATime) return Promise.all(tasks.map((task) => task()));
  const out: T[] = [];
  for (const task of tasks) out.push(await task());
  return out;
}

/**
 * The scorecards of every commune. `oneQueryAtATime` (the Word documents, lib/documents): its 22 reads one after the
 * other instead of at once. A page waits for them; a download can wait a little longer, and two documents built
 * together otherwise set some 40 database processes against the app's request thread on the same cores (issue 29:
 * /api/health stalled 446 ms during four new documents on an otherwise quiet 2-core machine).
 */
export async function provinceScorecards(
  provinceCode: string,
  range: PeriodRange,
  options: { oneQueryAtATime?: boolean } = {},
): Promise<{ ranked: number; cards: Scorecard[] }> {
  const scope = { provinceCode };
  const trendRange = { from: REFORM_START, to: range.to };
  const n = SCORECARD_CODES.length;
  const results = await inTurn<unknown>(
    [
      () => listCommunes(provinceCode),
      () => rawValuesByCommune(scope, range, SHORTAGE_FIELDS),
      ...SCORECARD_CODES.map((c) => () => communeValues(scope, range, c)),
      ...SCORECARD_CODES.map((c) => () => communeMonthMatrix(scope, trendRange, c)),
    ],
    !!options.oneQueryAtATime,
  );
  const communes = results[0] as CommuneRow[];
  const shortages = results[1] as Awaited<ReturnType<typeof rawValuesByCommune>>;
  const values = results.slice(2, 2 + n) as Awaited<ReturnType<typeof communeValues>>[];
  const matrices = results.slice(2 + n) as Awaited<ReturnType<typeof communeMonthMatrix>>[];
  const ranks = SCORECARD_CODES.map((c, i) => rankValues(values[i]!, getIndicator(c).direction ?? "HIGHER_IS_BETTER"));
  const cards = communes.map((commune) => ({
    commune,
    kpis: SCORECARD_CODES.map((code, i) => ({
      code,
      value: values[i]!.get(commune.code) ?? null,
      rank: ranks[i]!.get(commune.code) ?? null,
      trend: [...(matrices[i]!.get(commune.code) ?? new Map<Period, number | null>())].map(([period, value]) => ({
        period,
        value,
      })),
    })),
    missing: SHORTAGE_FIELDS.flatMap((field) => {
      const v = shortages.get(commune.code)?.[field]?.sum ?? 0;
      return v > 0 ? [{ field, positions: v }] : [];
    }).sort((a, b) => b.positions - a.positions),
  }));
  return { ranked: communes.length, cards };
}
