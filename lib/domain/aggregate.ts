/**
 * Aggregation rules of SPEC §3, in plain TypeScript. The SQL in lib/data does the same work in the database;
 * tests/integration/aggregation-parity.test.ts checks that both agree on random data.
 *
 * Two steps, always in this order:
 *  1. over time, per unit and raw indicator: FLOW sums the months of the range; STOCK and FLAG take the unit's
 *     latest month in the range that has a value (DHIS2's "last value" rule, so a unit that missed the last month
 *     still counts with its latest figure in the range);
 *  2. over units: sum of the per-unit values, and the number of units that had one.
 * Computed indicators are then evaluated on those sums: a province rate is a ratio of sums, never a mean of rates.
 * "No value" is `null`: a range with no data, or a ratio whose denominator is 0, has no value (not 0, not NaN).
 */
import {
  type ComputedIndicator,
  type Indicator,
  type RawCode,
  getIndicator,
  inputsOf,
  rawIndicator,
} from "./indicators";
import { type Period, type PeriodRange, REFORM_START, isOnTime, periodsInRange } from "./periods";

export interface Observation {
  unit: string;
  period: Period;
  code: RawCode;
  value: number;
}

export type ReportStatus = "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED";

export interface ReportRecord {
  unit: string;
  period: Period;
  status: ReportStatus;
  firstSubmittedAt: Date | null;
}

/** A report counts as received once submitted; a returned report is back with the commune and does not. */
export function isReceived(status: ReportStatus): boolean {
  return status === "SUBMITTED" || status === "APPROVED";
}

export interface RawAggregate {
  sum: number;
  /** Units that contributed a value. */
  units: number;
}

export type RawAggregates = Partial<Record<RawCode, RawAggregate>>;

function inRange(period: Period, range: PeriodRange): boolean {
  return period >= range.from && period <= range.to;
}

/** Step 1: one value per unit for one raw indicator over the range, or undefined when the unit has none. */
export function aggregateOverTime(
  code: RawCode,
  observations: readonly Observation[],
  range: PeriodRange,
): Map<string, number> {
  const temporal = rawIndicator(code).temporalType;
  const perUnit = new Map<string, { period: Period; value: number }>();
  for (const o of observations) {
    if (o.code !== code || !inRange(o.period, range)) continue;
    const seen = perUnit.get(o.unit);
    if (temporal === "FLOW") {
      perUnit.set(o.unit, { period: o.period, value: (seen?.value ?? 0) + o.value });
    } else if (!seen || o.period > seen.period) {
      perUnit.set(o.unit, { period: o.period, value: o.value });
    }
  }
  return new Map([...perUnit].map(([unit, v]) => [unit, v.value]));
}

/** Steps 1 and 2 for every raw indicator in `codes`. */
export function aggregateRaw(
  codes: readonly RawCode[],
  observations: readonly Observation[],
  range: PeriodRange,
): RawAggregates {
  const result: RawAggregates = {};
  for (const code of codes) {
    const perUnit = aggregateOverTime(code, observations, range);
    if (perUnit.size === 0) continue;
    let sum = 0;
    for (const v of perUnit.values()) sum += v;
    result[code] = { sum, units: perUnit.size };
  }
  return result;
}

function sumTerms(terms: readonly RawCode[], raw: RawAggregates): number | null {
  let any = false;
  let total = 0;
  for (const t of terms) {
    const a = raw[t];
    if (a) {
      any = true;
      total += a.sum;
    }
  }
  return any ? total : null;
}

/** Evaluates a ratio formula on aggregated raw sums; null when there is no numerator or the denominator is 0. */
export function evaluateRatio(
  formula: { numerator: readonly RawCode[]; denominator: readonly RawCode[]; factor: number },
  raw: RawAggregates,
): number | null {
  const num = sumTerms(formula.numerator, raw);
  if (formula.denominator.length === 0) return num;
  const den = sumTerms(formula.denominator, raw);
  if (num === null || den === null || den === 0) return null;
  return (num / den) * formula.factor;
}

export interface ReportingCounts {
  expected: number;
  received: number;
  onTime: number;
}

/** Counts reports for `units` over the months of the range. Missing reports count as expected, not received. */
export function countReports(
  units: readonly string[],
  reports: readonly ReportRecord[],
  range: PeriodRange,
  deadlineDay?: number,
): ReportingCounts {
  const unitSet = new Set(units);
  const months = periodsInRange(range.from, range.to);
  let received = 0;
  let onTime = 0;
  for (const r of reports) {
    if (!unitSet.has(r.unit) || !inRange(r.period, range) || !isReceived(r.status)) continue;
    received++;
    if (r.firstSubmittedAt && isOnTime(r.period, r.firstSubmittedAt, deadlineDay)) onTime++;
  }
  return { expected: unitSet.size * months.length, received, onTime };
}

export interface IndicatorInputs {
  observations: readonly Observation[];
  range: PeriodRange;
  /** Needed only for reporting indicators: the units expected to report, and their reports. */
  units?: readonly string[];
  reports?: readonly ReportRecord[];
  deadlineDay?: number;
}

/** The value of any indicator (raw or computed) over the given units' observations and range; null for no value. */
export function indicatorValue(indicatorOrCode: Indicator | string, inputs: IndicatorInputs): number | null {
  const indicator = typeof indicatorOrCode === "string" ? getIndicator(indicatorOrCode) : indicatorOrCode;
  const { observations, range } = inputs;
  if (indicator.kind === "RAW") {
    return aggregateRaw([indicator.code], observations, range)[indicator.code]?.sum ?? null;
  }
  return computedValue(indicator, inputs);
}

function computedValue(indicator: ComputedIndicator, inputs: IndicatorInputs): number | null {
  const { observations, range } = inputs;
  const f = indicator.formula;
  switch (f.type) {
    case "ratio":
      return evaluateRatio(f, aggregateRaw(inputsOf(indicator), observations, range));
    case "coverage": {
      const a = aggregateRaw([f.flag], observations, range)[f.flag];
      return a && a.units > 0 ? (a.sum / a.units) * 100 : null;
    }
    case "cumulative": {
      const a = aggregateRaw([f.of], observations, { from: REFORM_START, to: range.to })[f.of];
      return a?.sum ?? null;
    }
    case "reporting": {
      const c = countReports(inputs.units ?? [], inputs.reports ?? [], range, inputs.deadlineDay);
      if (c.expected === 0) return null;
      return ((f.onTimeOnly ? c.onTime : c.received) / c.expected) * 100;
    }
  }
}

/** Rounds for display and comparisons the way reports do: half away from zero at `digits` decimals. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.sign(value) * Math.round(Math.abs(value) * f + Number.EPSILON) / f;
}

/**
 * Whether the indicator is a total over the units that reported (a sum such as staff or vacancies), as opposed to a
 * rate, which is comparable whoever reported, or the running total of pages, which carries each unit's past months.
 */
export function isUnitTotal(indicator: Indicator): boolean {
  if (indicator.kind === "RAW") return indicator.unit !== "%";
  return indicator.formula.type === "ratio" && indicator.formula.denominator.length === 0;
}

/** How many units a figure rests on: the most units that gave any one of its inputs (0 when none did). */
export function unitsBehind(indicator: Indicator, raw: RawAggregates): number {
  return Math.max(0, ...inputsOf(indicator).map((code) => raw[code]?.units ?? 0));
}

/**
 * Whether a change between two periods compares like with like. A total of 1 commune's report against the total of
 * 38 is no "decrease": while a month's reports are still coming in, its totals are compared with nothing.
 */
export function isComparableChange(indicator: Indicator, current: RawAggregates, previous: RawAggregates): boolean {
  return !isUnitTotal(indicator) || unitsBehind(indicator, current) === unitsBehind(indicator, previous);
}
