/**
 * Indicator values by month and by commune, for trend charts, rankings and the communes × months tables.
 * Same semantics as lib/data/aggregates.ts (received reports only; FLOW sums, STOCK/FLAG last value; sums over
 * units; formulas from lib/domain through `evaluate`); tests/integration/series-parity.test.ts checks
 * each function against `scopeFigures` and the domain.
 */
import {
  NO_REPORTS,
  type RawAggregates,
  type ReportingCounts,
  evaluate,
  inputPlan,
  stockWindow,
} from "@/lib/domain/aggregate";
import { type RawCode, getIndicator, rawIndicator } from "@/lib/domain/indicators";
import {
  DEFAULT_DEADLINE_DAY,
  type Period,
  type PeriodRange,
  REFORM_START,
  periodsInRange,
} from "@/lib/domain/periods";
import { type ReportingStanding, reportingStanding, splitByDeadline } from "@/lib/domain/reporting";
import { isProvisional } from "@/lib/domain/coverage";
import {
  type Scope,
  isWholeProvince,
  onTimeSql,
  perUnitSql,
  recordedSql,
  reportingCounts,
  scopeCondition,
} from "./aggregates";
import { readRows, sql } from "./read-sql";

export interface SeriesPoint {
  period: Period;
  value: number | null;
  /** Reports received of the scope's units for the month, and expected (the month's coverage). */
  coverage: { received: number; expected: number };
  /** Not every report in and the month not locked: drawn as provisional ("tạm tính"), never as a fall. */
  partial: boolean;
}

/** A value of a month's group: its sum and units, and the next month with a value of the same units (9999-12: none). */
interface MonthRow {
  period: Period;
  indicator_code: RawCode;
  next_period: Period;
  sum: number;
  units: number;
}

/**
 * The raw aggregates of month `m` from month rows: FLOW its own rows; STOCK and FLAG each unit's latest row of the
 * look-back window (`stockWindow`), i.e. the rows of the window whose next month is after m, with carried units.
 */
export function monthAggregates(rows: readonly MonthRow[], m: Period): RawAggregates {
  const window = stockWindow({ from: m, to: m });
  const out: RawAggregates = {};
  for (const r of rows) {
    const flow = rawIndicator(r.indicator_code).temporalType === "FLOW";
    const counts = flow ? r.period === m : r.period >= window.from && r.period <= m && r.next_period > m;
    if (!counts) continue;
    const a = out[r.indicator_code] ?? { sum: 0, units: 0 };
    a.sum += r.sum;
    if (r.next_period > m) a.units += r.units;
    if (!flow && r.period < m) a.carried = { ...a.carried, [r.period]: (a.carried?.[r.period] ?? 0) + r.units };
    out[r.indicator_code] = a;
  }
  return out;
}

/**
 * The province (or scope) value of each indicator for every month of the range: one query grouping raw values by
 * month (with a running sum for cumulative indicators) and one grouping report counts by month.
 */
export async function monthlySeries(
  scope: Scope,
  range: PeriodRange,
  codes: readonly string[],
  deadlineDay = DEFAULT_DEADLINE_DAY,
): Promise<Record<string, SeriesPoint[]>> {
  const indicators = codes.map(getIndicator);
  const needs = inputPlan(indicators);
  const rawCodes = [...new Set([...needs.raw, ...needs.cumulative])];
  const cond = scopeCondition(scope);
  // Cumulative values need every month since the reform, whatever the range's start; stock values the look-back.
  const lookbackFrom = stockWindow({ from: range.from, to: range.from }).from;
  const cumulativeFrom = needs.cumulative.length && REFORM_START < range.from ? REFORM_START : range.from;
  const queryFrom = cumulativeFrom < lookbackFrom ? cumulativeFrom : lookbackFrom;
  // Σ and units per month and "next month with a value": a whole province reads its rows of the monthly rollup; a
  // filtered scope groups its communes' received values the same way.
  const queried = sql`BETWEEN ${queryFrom}::text AND ${range.to}::text`;
  const values = isWholeProvince(scope)
    ? sql`SELECT v.period, v.indicator_code, v.next_period, v.sum::float8 AS sum, v.units
              FROM province_month_value v JOIN org_unit p0 ON p0.id = v.province_id
              WHERE p0.code = ${scope.provinceCode}::text AND v.period ${queried} AND v.indicator_code = ANY(${rawCodes}::text[])`
    : sql`SELECT period, indicator_code, next_period, sum(value)::float8 AS sum, count(*)::int AS units
              FROM (SELECT dv.period, dv.indicator_code, dv.value,
                      coalesce(lead(dv.period) OVER (PARTITION BY dv.org_unit_id, dv.indicator_code ORDER BY dv.period), '9999-12') AS next_period
                    FROM org_unit u
                    JOIN data_value dv ON dv.org_unit_id = u.id AND dv.period ${queried} AND dv.indicator_code = ANY(${rawCodes}::text[])
                    JOIN monthly_report r ON r.org_unit_id = dv.org_unit_id AND r.period = dv.period
                    WHERE ${cond} AND r.status IN ('SUBMITTED', 'APPROVED')) s
              GROUP BY period, indicator_code, next_period`;
  const inRange = sql`BETWEEN ${range.from}::text AND ${range.to}::text`;
  const [valueRows, reportRows, unitCount, lockRows] = await Promise.all([
    rawCodes.length ? readRows<MonthRow>(values) : Promise.resolve([] as MonthRow[]),
    readRows<{ period: Period; received: number; onTime: number; recorded: number }>(
      sql`SELECT r.period,
         count(*) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED'))::int AS received,
         count(*) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED') AND ${onTimeSql("r", deadlineDay)})::int AS "onTime",
         count(*) FILTER (WHERE ${recordedSql("r")})::int AS recorded
       FROM org_unit u JOIN monthly_report r ON r.org_unit_id = u.id AND r.period ${inRange}
       WHERE ${cond} GROUP BY r.period`,
    ),
    countUnits(scope),
    readRows<{ period: Period }>(sql`SELECT period FROM period_lock WHERE period ${inRange}`),
  ]);
  const locked = new Set(lockRows.map((r) => r.period));

  const reportsByMonth = new Map<Period, ReportingCounts>();
  for (const r of reportRows)
    reportsByMonth.set(r.period, { expected: unitCount, received: r.received, onTime: r.onTime, recorded: r.recorded });

  const months = periodsInRange(range.from, range.to);
  // The running total of a cumulative input: every FLOW row of the months up to m (a month without values carries
  // the total of the months before it).
  const flowByMonth = new Map<Period, RawAggregates>();
  for (const r of valueRows) {
    if (rawIndicator(r.indicator_code).temporalType !== "FLOW") continue;
    const a = flowByMonth.get(r.period) ?? {};
    const c = a[r.indicator_code] ?? { sum: 0, units: 0 };
    c.sum += r.sum;
    c.units += r.units;
    a[r.indicator_code] = c;
    flowByMonth.set(r.period, a);
  }
  const carried: Record<Period, RawAggregates> = {};
  let running: RawAggregates = {};
  for (const m of periodsInRange(queryFrom, range.to)) {
    const next: RawAggregates = { ...running };
    if (m >= REFORM_START)
      for (const [code, a] of Object.entries(flowByMonth.get(m) ?? {}) as [RawCode, { sum: number; units: number }][]) {
        next[code] = { sum: (running[code]?.sum ?? 0) + a.sum, units: a.units };
      }
    running = next;
    carried[m] = running;
  }
  const rawByMonth = new Map(months.map((m) => [m, monthAggregates(valueRows, m)]));
  const out: Record<string, SeriesPoint[]> = {};
  for (const indicator of indicators) {
    out[indicator.code] = months.map((period) => {
      const reports = reportsByMonth.get(period) ?? { ...NO_REPORTS, expected: unitCount };
      return {
        period,
        value: evaluate(indicator, {
          raw: rawByMonth.get(period) ?? {},
          cumulative: carried[period] ?? {},
          reporting: reports,
        }),
        coverage: { received: reports.received, expected: reports.expected },
        partial: isProvisional({ period, received: reports.received, expected: reports.expected }, locked.has(period)),
      };
    });
  }
  return out;
}

async function countUnits(scope: Scope): Promise<number> {
  const rows = await readRows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM org_unit u WHERE ${scopeCondition(scope)}`,
  );
  return rows[0]?.n ?? 0;
}

/** Reports expected, received and on time per commune of a scope over the range. */
export async function reportingCountsByCommune(
  scope: Scope,
  range: PeriodRange,
  deadlineDay = DEFAULT_DEADLINE_DAY,
): Promise<Map<string, ReportingCounts>> {
  const months = periodsInRange(range.from, range.to).length;
  const rows = await readRows<{ code: string; received: number; onTime: number; recorded: number }>(
    sql`SELECT u.code,
       count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED'))::int AS received,
       count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED') AND ${onTimeSql("r", deadlineDay)})::int AS "onTime",
       count(r.id) FILTER (WHERE ${recordedSql("r")})::int AS recorded
     FROM org_unit u LEFT JOIN monthly_report r ON r.org_unit_id = u.id
       AND r.period BETWEEN ${range.from}::text AND ${range.to}::text
     WHERE ${scopeCondition(scope)} GROUP BY u.code`,
  );
  return new Map(
    rows.map((r) => [r.code, { expected: months, received: r.received, onTime: r.onTime, recorded: r.recorded }]),
  );
}

/** Per-commune raw values of one raw indicator set over a range, keyed by commune code (the values of step 1). */
async function perCommuneRaw(
  scope: Scope,
  range: PeriodRange,
  codes: readonly RawCode[],
): Promise<Map<string, RawAggregates>> {
  const out = new Map<string, RawAggregates>();
  if (codes.length === 0) return out;
  const rows = await readRows<{ code: string; indicator_code: RawCode; value: number }>(
    sql`SELECT u.code, p.indicator_code, p.value::float8 AS value
     FROM (${perUnitSql(scopeCondition(scope), range, codes)}) p JOIN org_unit u ON u.id = p.org_unit_id`,
  );
  for (const r of rows) {
    const m = out.get(r.code) ?? {};
    m[r.indicator_code] = { sum: r.value, units: 1 };
    out.set(r.code, m);
  }
  return out;
}

/**
 * The value of one indicator for every commune of the scope over the range (a commune with nothing received has
 * null), keyed by commune code. Used by rankings, the map and the alerts.
 */
export async function communeValues(
  scope: Scope,
  range: PeriodRange,
  code: string,
): Promise<Map<string, number | null>> {
  const indicator = getIndicator(code);
  const needs = inputPlan([indicator]);
  const [units, raw, cumulative, reporting] = await Promise.all([
    scopeUnitCodes(scope),
    perCommuneRaw(scope, range, needs.raw),
    perCommuneRaw(scope, { from: REFORM_START, to: range.to }, needs.cumulative),
    needs.reporting ? reportingCountsByCommune(scope, range) : Promise.resolve(new Map<string, ReportingCounts>()),
  ]);
  return new Map(
    units.map((c) => [
      c,
      evaluate(indicator, {
        raw: raw.get(c) ?? {},
        cumulative: cumulative.get(c) ?? {},
        reporting: reporting.get(c) ?? null,
      }),
    ]),
  );
}

async function scopeUnitCodes(scope: Scope): Promise<string[]> {
  const rows = await readRows<{ code: string }>(
    sql`SELECT u.code FROM org_unit u WHERE ${scopeCondition(scope)} ORDER BY u.code`,
  );
  return rows.map((r) => r.code);
}

/**
 * Communes × months of one indicator: for each commune of the scope and each month of the range, the commune's value
 * for that month alone (cumulative indicators: since the reform up to that month). One query over the values
 * (with a running sum per commune), one over the reports for reporting indicators.
 */
export async function communeMonthMatrix(
  scope: Scope,
  range: PeriodRange,
  code: string,
  deadlineDay = DEFAULT_DEADLINE_DAY,
): Promise<Map<string, Map<Period, number | null>>> {
  const indicator = getIndicator(code);
  const needs = inputPlan([indicator]);
  const cond = scopeCondition(scope);
  const rawCodes = [...needs.raw, ...needs.cumulative];
  const lookbackFrom = stockWindow({ from: range.from, to: range.from }).from;
  const queryFrom = needs.cumulative.length && REFORM_START < lookbackFrom ? REFORM_START : lookbackFrom;
  const [units, valueRows, reportRows] = await Promise.all([
    scopeUnitCodes(scope),
    rawCodes.length
      ? readRows<{ code: string; period: Period; indicator_code: RawCode; value: number; cumulative: number }>(
          sql`SELECT u.code, dv.period, dv.indicator_code, dv.value::float8 AS value,
             (sum(dv.value) OVER (PARTITION BY u.id, dv.indicator_code ORDER BY dv.period))::float8 AS cumulative
           FROM org_unit u
           JOIN data_value dv ON dv.org_unit_id = u.id AND dv.period BETWEEN ${queryFrom}::text AND ${range.to}::text
             AND dv.indicator_code = ANY(${rawCodes}::text[])
           JOIN monthly_report r ON r.org_unit_id = dv.org_unit_id AND r.period = dv.period
           WHERE ${cond} AND r.status IN ('SUBMITTED', 'APPROVED')`,
        )
      : Promise.resolve([]),
    needs.reporting
      ? readRows<{ code: string; period: Period; received: boolean; onTime: boolean; recorded: boolean }>(
          sql`SELECT u.code, r.period, r.status IN ('SUBMITTED', 'APPROVED') AS received,
             (r.status IN ('SUBMITTED', 'APPROVED') AND ${onTimeSql("r", deadlineDay)}) AS "onTime", ${recordedSql("r")} AS recorded
           FROM org_unit u JOIN monthly_report r ON r.org_unit_id = u.id
             AND r.period BETWEEN ${range.from}::text AND ${range.to}::text
           WHERE ${cond}`,
        )
      : Promise.resolve([]),
  ]);
  const raw = new Map<string, RawAggregates>();
  const cum = new Map<string, RawAggregates>();
  for (const r of valueRows) {
    const key = `${r.code}|${r.period}`;
    const a = raw.get(key) ?? {};
    a[r.indicator_code] = { sum: r.value, units: 1 };
    raw.set(key, a);
    const c = cum.get(key) ?? {};
    c[r.indicator_code] = { sum: r.cumulative, units: 1 };
    cum.set(key, c);
  }
  const reports = new Map<string, ReportingCounts>();
  for (const r of reportRows)
    reports.set(`${r.code}|${r.period}`, {
      expected: 1,
      received: r.received ? 1 : 0,
      onTime: r.onTime ? 1 : 0,
      recorded: r.recorded ? 1 : 0,
    });

  // The same for every unit: the months read, where each month's look-back starts, which inputs are flows.
  const periods = periodsInRange(queryFrom, range.to);
  const windowFrom = periods.map((m) => stockWindow({ from: m, to: m }).from);
  const flow = new Map(needs.raw.map((code) => [code, rawIndicator(code).temporalType === "FLOW"]));
  const out = new Map<string, Map<Period, number | null>>();
  for (const unit of units) {
    const row = new Map<Period, number | null>();
    let carried: RawAggregates = {};
    // Each raw input's latest value so far and its month: a STOCK or FLAG cell takes it within the look-back.
    const latest = new Map<RawCode, { period: Period; value: number }>();
    for (const [i, m] of periods.entries()) {
      const key = `${unit}|${m}`;
      const cumulative = cum.get(key);
      if (cumulative && m >= REFORM_START) carried = { ...carried, ...cumulative };
      for (const [code, a] of Object.entries(raw.get(key) ?? {}) as [RawCode, { sum: number }][])
        latest.set(code, { period: m, value: a.sum });
      if (m < range.from) continue;
      const cell: RawAggregates = {};
      for (const code of needs.raw) {
        const l = latest.get(code);
        if (!l) continue;
        if (flow.get(code) ? l.period === m : l.period >= windowFrom[i]!) cell[code] = { sum: l.value, units: 1 };
      }
      row.set(
        m,
        evaluate(indicator, {
          raw: cell,
          cumulative: carried,
          reporting: reports.get(key) ?? { ...NO_REPORTS, expected: 1 },
        }),
      );
    }
    out.set(unit, row);
  }
  return out;
}

/** How the scope's reports of the range stand at `now`: received, still within the deadline, overdue. */
export async function reportingStandingOf(scope: Scope, range: PeriodRange, now: Date): Promise<ReportingStanding> {
  const split = splitByDeadline(range, now);
  const [overdue, inTime] = await Promise.all([
    split.overdue ? reportingCounts(scope, split.overdue) : null,
    split.inTime ? reportingCounts(scope, split.inTime) : null,
  ]);
  return reportingStanding({ overdue, inTime }, split.inTime, now);
}

/** The same per commune of the scope, keyed by commune code. */
export async function reportingStandingByCommune(
  scope: Scope,
  range: PeriodRange,
  now: Date,
): Promise<Map<string, ReportingStanding>> {
  const split = splitByDeadline(range, now);
  const none = new Map<string, ReportingCounts>();
  const [overdue, inTime] = await Promise.all([
    split.overdue ? reportingCountsByCommune(scope, split.overdue) : none,
    split.inTime ? reportingCountsByCommune(scope, split.inTime) : none,
  ]);
  const codes = new Set([...overdue.keys(), ...inTime.keys()]);
  return new Map(
    [...codes].map((code) => [
      code,
      reportingStanding({ overdue: overdue.get(code) ?? null, inTime: inTime.get(code) ?? null }, split.inTime, now),
    ]),
  );
}
