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

export async function provinceScorecards(provinceCode: string, range: PeriodRange): Promise<{ ranked: number; cards: Scorecard[] }> {
  const scope = { provinceCode };
  const trendRange = { from: REFORM_START, to: range.to };
  const [communes, values, matrices, shortages] = await Promise.all([
    listCommunes(provinceCode),
    Promise.all(SCORECARD_CODES.map((c) => communeValues(scope, range, c))),
    Promise.all(SCORECARD_CODES.map((c) => communeMonthMatrix(scope, trendRange, c))),
    rawValuesByCommune(scope, range, SHORTAGE_FIELDS),
  ]);
  const ranks = SCORECARD_CODES.map((c, i) => rankValues(values[i]!, getIndicator(c).direction ?? "HIGHER_IS_BETTER"));
  const cards = communes.map((commune) => ({
    commune,
    kpis: SCORECARD_CODES.map((code, i) => ({
      code,
      value: values[i]!.get(commune.code) ?? null,
      rank: ranks[i]!.get(commune.code) ?? null,
      trend: [...(matrices[i]!.get(commune.code) ?? new Map<Period, number | null>())].map(([period, value]) => ({ period, value })),
    })),
    missing: SHORTAGE_FIELDS.flatMap((field) => {
      const v = shortages.get(commune.code)?.[field]?.sum ?? 0;
      return v > 0 ? [{ field, positions: v }] : [];
    }).sort((a, b) => b.positions - a.positions),
  }));
  return { ranked: communes.length, cards };
}
