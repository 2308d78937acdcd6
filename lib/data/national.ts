/**
 * The national level (issue: 34 provinces): one row per province with the headline indicators, computed by the
 * same rules as a province's overview (ratio of sums over its communes), and a drill-down to one province's communes.
 */
import { evaluate, inputPlan } from "@/lib/domain/aggregate";
import { getIndicator } from "@/lib/domain/indicators";
import { type PeriodRange, REFORM_START } from "@/lib/domain/periods";
import { rawAggregatesByProvince, rawValuesByCommune, reportingCountsByProvince } from "./aggregates";
import { db } from "./db";

export const NATIONAL_CODES = [
  "one_stop_coverage",
  "quota_fill_rate",
  "proc_on_time_rate",
  "proc_online_rate",
  "pages_digitised_cumulative",
  "shortage_total",
  "reporting_rate",
] as const;

const rawInputs = (codes: readonly string[]) => inputPlan(codes).raw;

export interface NationalRow {
  code: string;
  name: string;
  communes: number;
  values: Record<string, number | null>;
}

export async function nationalOverview(range: PeriodRange): Promise<NationalRow[]> {
  const [provinces, raw, cumulative, reporting] = await Promise.all([
    db().readPool.query<{ code: string; name: string; communes: number }>(
      `SELECT p.code, p.name, count(u.id)::int AS communes FROM org_unit p
       LEFT JOIN org_unit u ON u.parent_id = p.id AND u.level = 'COMMUNE'
       WHERE p.level = 'PROVINCE' GROUP BY p.id ORDER BY p.code = '12' DESC, p.code`,
    ),
    rawAggregatesByProvince(range, rawInputs(NATIONAL_CODES)),
    rawAggregatesByProvince({ from: REFORM_START, to: range.to }, ["pages_digitised"]),
    reportingCountsByProvince(range),
  ]);
  return provinces.rows.map((p) => ({
    ...p,
    values: Object.fromEntries(
      NATIONAL_CODES.map((code) => [
        code,
        evaluate(getIndicator(code), {
          raw: raw.get(p.code) ?? {},
          cumulative: cumulative.get(p.code) ?? {},
          reporting: reporting.get(p.code) ?? null,
        }),
      ]),
    ),
  }));
}

/** Drill-down: the communes of one province with the same indicators (reporting ones left out: they need report rows). */
export async function provinceCommunes(provinceCode: string, range: PeriodRange) {
  const codes = NATIONAL_CODES.filter((c) => c !== "reporting_rate");
  const [units, raw, cumulative] = await Promise.all([
    db().readPool.query<{ code: string; name: string }>(
      `SELECT u.code, u.full_name AS name FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE p.code = $1 ORDER BY u.search_name`,
      [provinceCode],
    ),
    rawValuesByCommune({ provinceCode }, range, rawInputs(codes)),
    rawValuesByCommune({ provinceCode }, { from: REFORM_START, to: range.to }, ["pages_digitised"]),
  ]);
  return {
    codes,
    rows: units.rows.map((u) => ({
      ...u,
      values: Object.fromEntries(
        codes.map((code) => [
          code,
          evaluate(getIndicator(code), {
            raw: raw.get(u.code) ?? {},
            cumulative: cumulative.get(u.code) ?? {},
            reporting: null,
          }),
        ]),
      ),
    })),
  };
}
