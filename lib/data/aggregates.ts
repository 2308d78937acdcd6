/**
 * Dashboard aggregates, computed in SQL with the semantics of lib/domain/aggregate.ts:
 *  - only values of received reports (SUBMITTED or APPROVED) count, plus values entered on the province itself;
 *  - over time: FLOW sums the months, STOCK/FLAG take each unit's latest month up to the range's end within the
 *    look-back (`stockWindow`), and say which units are carried from an earlier month;
 *  - over units: sums, and the number of units with a value.
 * Computed indicators are then evaluated on those sums by lib/domain (a ratio of two numbers), so the formulas
 * live in one place. tests/integration/aggregation-parity.test.ts checks SQL and domain agree on random data.
 */
import {
  NO_REPORTS,
  type RawAggregates,
  type ReportingCounts,
  STOCK_LOOKBACK_MONTHS,
  evaluate,
  inputPlan,
} from "@/lib/domain/aggregate";
import { type RawCode, getIndicator } from "@/lib/domain/indicators";
import { DEFAULT_DEADLINE_DAY, type PeriodRange, REFORM_START } from "@/lib/domain/periods";
import { type Sql, empty, join, raw, readRows, sql } from "./read-sql";

/** Which communes a figure covers: one province, optionally narrowed by kind, former district or codes. */
export interface Scope {
  provinceCode: string;
  kind?: "XA" | "PHUONG";
  district?: string;
  communeCodes?: string[];
}

/**
 * SQL condition on `u` (a commune) selecting the communes of a scope.
 * The province is a semi-join on its code (`IN (SELECT …)`), not a scalar sub-select (`= (SELECT …)`): the planner
 * then knows it is one row and walks the indexes (org_unit_parent_id_idx, then data_value's primary key), where
 * the scalar form left it guessing and it scanned all of data_value.
 */
export function scopeCondition(scope: Scope): Sql {
  const parts = [
    sql`u.level = 'COMMUNE' AND u.parent_id IN (SELECT p0.id FROM org_unit p0 WHERE p0.code = ${scope.provinceCode}::text)`,
  ];
  if (scope.kind) parts.push(sql`u.kind = ${scope.kind}::"CommuneKind"`);
  if (scope.district) parts.push(sql`${scope.district}::text = ANY(u.former_districts)`);
  if (scope.communeCodes) parts.push(sql`u.code = ANY(${scope.communeCodes}::text[])`);
  return join(parts, " AND ");
}

/** SQL: the first month a stock figure of a range ending at `to` reads: `stockWindow` of lib/domain/aggregate.ts. */
function stockFromSql(to: string): Sql {
  return sql`to_char(to_date(${to}::text, 'YYYY-MM') - ${raw(`interval '${STOCK_LOOKBACK_MONTHS} months'`)}, 'YYYY-MM')`;
}

/** SQL: whether a value of month `period` of an indicator counts for the range: FLOW in the range, others in the window. */
function inWindowSql(period: Sql, temporal: Sql, range: PeriodRange): Sql {
  return sql`(CASE WHEN ${temporal} = 'FLOW' THEN ${period} >= ${range.from}::text ELSE ${period} >= ${stockFromSql(range.to)} END)`;
}

/**
 * Per unit and raw indicator, the value over the range (step 1 of the aggregation rules) and the month it comes from
 * (`period`: the latest month read). Commune values count only from received reports; values entered on a province
 * unit have no report.
 */
export function perUnitSql(
  unitCondition: Sql,
  range: PeriodRange,
  codes: readonly string[],
  level: "COMMUNE" | "PROVINCE" = "COMMUNE",
): Sql {
  const window = sql`least(${range.from}::text, ${stockFromSql(range.to)}) AND ${range.to}::text`;
  const units =
    level === "COMMUNE"
      ? sql`org_unit u
    JOIN monthly_report r ON r.org_unit_id = u.id AND r.period BETWEEN ${window} AND r.status IN ('SUBMITTED', 'APPROVED')
    JOIN data_value dv ON dv.org_unit_id = u.id AND dv.period = r.period AND dv.period BETWEEN ${window}`
      : sql`org_unit u JOIN data_value dv ON dv.org_unit_id = u.id AND dv.period BETWEEN ${window}`;
  const counts = inWindowSql(raw("dv.period"), raw("i.temporal_type"), range);
  return sql`
    SELECT dv.org_unit_id, dv.indicator_code, i.temporal_type = 'FLOW' AS flow,
      CASE WHEN i.temporal_type = 'FLOW' THEN sum(dv.value) FILTER (WHERE ${counts})
           ELSE (array_agg(dv.value ORDER BY dv.period DESC) FILTER (WHERE ${counts}))[1] END AS value,
      max(dv.period) FILTER (WHERE ${counts}) AS period
    FROM ${units}
      AND dv.indicator_code = ANY(${codes}::text[])
    JOIN indicator i ON i.code = dv.indicator_code
    WHERE ${unitCondition}
    GROUP BY dv.org_unit_id, dv.indicator_code, i.temporal_type
    HAVING count(*) FILTER (WHERE ${counts}) > 0`;
}

/** Adds the rows of one (indicator, month) group to aggregates: carried units are STOCK/FLAG values before `to`. */
function addGroup(
  out: RawAggregates,
  code: RawCode,
  period: string,
  flow: boolean,
  sum: number,
  units: number,
  to: string,
): void {
  const a = out[code] ?? { sum: 0, units: 0 };
  a.sum += sum;
  a.units += units;
  if (!flow && period < to && units > 0) a.carried = { ...a.carried, [period]: (a.carried?.[period] ?? 0) + units };
  out[code] = a;
}

/** A scope that is a whole province (no filter): its figures are the province's rows of the monthly rollup. */
export function isWholeProvince(scope: Scope): boolean {
  return !scope.kind && !scope.district && !scope.communeCodes;
}

/**
 * Steps 1 and 2 for the communes of a scope: Σ and number of units per raw indicator. A whole province reads its
 * rows of the monthly rollup (rollupAggregates); a filtered scope aggregates its communes' values (communeAggregates).
 */
export async function rawAggregates(
  scope: Scope,
  range: PeriodRange,
  codes: readonly RawCode[],
): Promise<RawAggregates> {
  if (isWholeProvince(scope))
    return (await rollupAggregates(range, codes, scope.provinceCode)).get(scope.provinceCode) ?? {};
  return communeAggregates(scope, range, codes);
}

/** Steps 1 and 2 from the communes' own values (the definition the rollup is checked against). */
export async function communeAggregates(
  scope: Scope,
  range: PeriodRange,
  codes: readonly RawCode[],
): Promise<RawAggregates> {
  const rows = await readRows<{ indicator_code: RawCode; period: string; flow: boolean; sum: number; units: number }>(
    sql`SELECT indicator_code, period, flow, sum(value)::float8 AS sum, count(*)::int AS units
     FROM (${perUnitSql(scopeCondition(scope), range, codes)}) per_unit GROUP BY indicator_code, period, flow`,
  );
  const out: RawAggregates = {};
  for (const r of rows) addGroup(out, r.indicator_code, r.period, r.flow, r.sum, r.units, range.to);
  return out;
}

/** Per-commune values of raw indicators over the range: Map<communeCode, Partial<Record<code, value>>>. */
export async function rawValuesByCommune(
  scope: Scope,
  range: PeriodRange,
  codes: readonly RawCode[],
): Promise<Map<string, RawAggregates>> {
  const rows = await readRows<{ code: string; indicator_code: RawCode; period: string; flow: boolean; value: number }>(
    sql`SELECT u.code, p.indicator_code, p.period, p.flow, p.value::float8 AS value
     FROM (${perUnitSql(scopeCondition(scope), range, codes)}) p JOIN org_unit u ON u.id = p.org_unit_id`,
  );
  const out = new Map<string, RawAggregates>();
  for (const r of rows) {
    const m = out.get(r.code) ?? {};
    addGroup(m, r.indicator_code, r.period, r.flow, r.value, 1, range.to);
    out.set(r.code, m);
  }
  return out;
}

/**
 * SQL condition: report `alias` was first submitted on time, i.e. before 00:00 (UTC+7) on the day after the deadline
 * day (`deadlineDay`) of the next month. Same instant as lib/domain/periods.ts `reportDeadline`.
 */
export function onTimeSql(alias: string, deadlineDay: number): Sql {
  const r = raw(alias);
  return sql`${r}.first_submitted_at < ((to_date(${r}.period, 'YYYY-MM') + interval '1 month' + make_interval(days => ${deadlineDay}::int))::timestamp
               AT TIME ZONE 'UTC' - interval '7 hours')`;
}

/** SQL condition: report `alias` is history recorded as received (lib/domain/aggregate.ts isRecordedHistory). */
export function recordedSql(alias: string): Sql {
  const r = raw(alias);
  return sql`(${r}.status = 'APPROVED' AND ${r}.first_submitted_at IS NULL)`;
}

/** Number of months of the range (YYYY-MM to YYYY-MM), inclusive. */
function monthsInRangeSql(range: PeriodRange): Sql {
  const from = sql`to_date(${range.from}::text, 'YYYY-MM')`;
  const to = sql`to_date(${range.to}::text, 'YYYY-MM')`;
  return sql`((extract(year from ${to}) - extract(year from ${from})) * 12
  + extract(month from ${to}) - extract(month from ${from}) + 1)::int`;
}

/** Reports expected, received and received on time, for the communes of a scope over the range. */
export async function reportingCounts(
  scope: Scope,
  range: PeriodRange,
  deadlineDay = DEFAULT_DEADLINE_DAY,
): Promise<ReportingCounts> {
  const cond = scopeCondition(scope);
  const rows = await readRows<ReportingCounts>(
    sql`SELECT
       (SELECT count(*) FROM org_unit u WHERE ${cond})::int * ${monthsInRangeSql(range)} AS expected,
       count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED'))::int AS received,
       count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED')
         AND ${onTimeSql("r", deadlineDay)})::int AS "onTime",
       count(r.id) FILTER (WHERE ${recordedSql("r")})::int AS recorded
     FROM org_unit u JOIN monthly_report r ON r.org_unit_id = u.id AND r.period BETWEEN ${range.from}::text AND ${range.to}::text
     WHERE ${cond}`,
  );
  return rows[0] ?? NO_REPORTS;
}

/** A computed indicator of one unit from its raw aggregates (ratio, coverage or sum: no cumulative or reporting input). */
export function unitValue(code: string, raw: RawAggregates): number | null {
  return evaluate(getIndicator(code), { raw, cumulative: {}, reporting: null });
}

export interface ScopeFigures {
  raw: RawAggregates;
  cumulative: RawAggregates;
  reporting: ReportingCounts;
  value: (code: string) => number | null;
}

/** Everything the headline figures of a scope need, in three queries run in parallel. */
export async function scopeFigures(scope: Scope, range: PeriodRange, codes: readonly string[]): Promise<ScopeFigures> {
  const plan = inputPlan(codes);
  const [raw, cumulative, reporting] = await Promise.all([
    plan.raw.length ? rawAggregates(scope, range, plan.raw) : Promise.resolve({}),
    plan.cumulative.length
      ? rawAggregates(scope, { from: REFORM_START, to: range.to }, plan.cumulative)
      : Promise.resolve({}),
    plan.reporting ? reportingCounts(scope, range) : Promise.resolve(NO_REPORTS),
  ]);
  return {
    raw,
    cumulative,
    reporting,
    value: (code) => evaluate(getIndicator(code), { raw, cumulative, reporting: plan.reporting ? reporting : null }),
  };
}

/** A value recorded on the province unit itself (e.g. the province-wide staff total), over the range. */
export async function provinceUnitValue(
  provinceCode: string,
  range: PeriodRange,
  code: RawCode,
): Promise<number | null> {
  const province = sql`u.code = ${provinceCode}::text AND u.level = 'PROVINCE'`;
  const rows = await readRows<{ value: number }>(
    sql`SELECT pu.value::float8 AS value FROM (${perUnitSql(province, range, [code], "PROVINCE")}) pu`,
  );
  return rows[0]?.value ?? null;
}

/**
 * Step 2 per province instead of over one scope: Σ and units per raw indicator for every province at once (or for
 * one), with the same results as communeAggregates on each province, read from the monthly rollup
 * `province_month_value` (kept by triggers in every writer's transaction: see its migration) instead of every
 * commune's values, i.e. 34 provinces × months rows instead of 3,321 communes × months. A commune's latest value up
 * to the range's end is its one row with `next_period` after the range: STOCK and FLAG sum those of the look-back
 * window, FLOW sums every row of the range; units count them, and rows of STOCK and FLAG before the range's end are
 * the carried units.
 */
export async function rollupAggregates(
  range: PeriodRange,
  codes: readonly RawCode[],
  provinceCode?: string,
): Promise<Map<string, RawAggregates>> {
  const to = sql`${range.to}::text`;
  const counts = sql`${inWindowSql(raw("v.period"), raw("i.temporal_type"), range)} AND (i.temporal_type = 'FLOW' OR v.next_period > ${to})`;
  const rows = await readRows<{
    province: string;
    indicator_code: RawCode;
    period: string;
    flow: boolean;
    sum: number;
    units: number;
  }>(
    sql`SELECT p.code AS province, v.indicator_code, v.period, i.temporal_type = 'FLOW' AS flow,
       coalesce(sum(v.sum) FILTER (WHERE ${counts}), 0)::float8 AS sum,
       coalesce(sum(v.units) FILTER (WHERE ${counts} AND v.next_period > ${to}), 0)::int AS units
     FROM province_month_value v JOIN org_unit p ON p.id = v.province_id JOIN indicator i ON i.code = v.indicator_code
     WHERE v.period BETWEEN least(${range.from}::text, ${stockFromSql(range.to)}) AND ${to} AND v.indicator_code = ANY(${codes}::text[])
       ${provinceCode == null ? empty : sql`AND p.code = ${provinceCode}::text`}
     GROUP BY p.code, v.indicator_code, v.period, i.temporal_type
     HAVING count(*) FILTER (WHERE ${counts}) > 0`,
  );
  const out = new Map<string, RawAggregates>();
  for (const r of rows) {
    const m = out.get(r.province) ?? {};
    addGroup(m, r.indicator_code, r.period, r.flow, r.sum, r.units, range.to);
    out.set(r.province, m);
  }
  for (const m of out.values()) for (const [code, a] of Object.entries(m)) if (a.units === 0) delete m[code as RawCode];
  return out;
}

/** Every province's aggregates (the national overview). */
export const rawAggregatesByProvince = (range: PeriodRange, codes: readonly RawCode[]) =>
  rollupAggregates(range, codes);

/**
 * Reporting counts for every province at once. The reports of the range are read by period (one index range) and
 * grouped by their commune's province, instead of looked up commune by commune.
 */
export async function reportingCountsByProvince(
  range: PeriodRange,
  deadlineDay = DEFAULT_DEADLINE_DAY,
): Promise<Map<string, ReportingCounts>> {
  const rows = await readRows<ReportingCounts & { province: string }>(
    sql`SELECT p.code AS province,
       (SELECT count(*) FROM org_unit c WHERE c.parent_id = p.id AND c.level = 'COMMUNE')::int * ${monthsInRangeSql(range)} AS expected,
       coalesce(x.received, 0) AS received, coalesce(x.on_time, 0) AS "onTime", coalesce(x.recorded, 0) AS recorded
     FROM org_unit p LEFT JOIN (
       SELECT u.parent_id,
         count(*) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED'))::int AS received,
         count(*) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED') AND ${onTimeSql("r", deadlineDay)})::int AS on_time,
         count(*) FILTER (WHERE ${recordedSql("r")})::int AS recorded
       FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id AND u.level = 'COMMUNE'
       WHERE r.period BETWEEN ${range.from}::text AND ${range.to}::text
       GROUP BY u.parent_id) x ON x.parent_id = p.id
     WHERE p.level = 'PROVINCE'`,
  );
  return new Map(
    rows.map((r) => [
      r.province,
      { expected: r.expected, received: r.received, onTime: r.onTime, recorded: r.recorded },
    ]),
  );
}
