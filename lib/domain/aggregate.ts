/**
 * Aggregation rules of SPEC §3, in plain TypeScript. The SQL in lib/data does the same work in the database;
 * tests/integration/aggregation-parity.test.ts checks that both agree on random data.
 *
 * Two steps, always in this order:
 *  1. over time, per unit and raw indicator: FLOW sums the months of the range; STOCK and FLAG take the unit's
 *     latest received value up to the range's end within a look-back of STOCK_LOOKBACK_MONTHS months (DHIS2's
 *     "last value" rule: a unit that missed the month still counts with its latest figure, said as "carried"; a
 *     unit with nothing in the look-back is missing);
 *  2. over units: sum of the per-unit values, and the number of units that had one.
 * Computed indicators are then evaluated on those sums: a province rate is a ratio of sums, never a mean of rates.
 * "No value" is `null`: a range with no data, or a ratio whose denominator is 0, has no value (not 0, not NaN).
 */
import { type Indicator, type RawCode, getIndicator, inputsOf, rawIndicator } from "./indicators";
import { type Period, type PeriodRange, REFORM_START, addMonths, isOnTime, periodsInRange } from "./periods";

/**
 * How far back a stock figure (STOCK, FLAG) may reach for a unit's latest value: a total for a period ending in month
 * M takes each unit's latest value of months M − 3 … M ("12 xã, phường lấy số liệu tháng 10/2026").
 */
export const STOCK_LOOKBACK_MONTHS = 3;

/** The months a stock figure of `range` reads: from `lookback` months before its end up to its end. */
export function stockWindow(range: PeriodRange, lookback = STOCK_LOOKBACK_MONTHS): PeriodRange {
  return { from: addMonths(range.to, -lookback), to: range.to };
}

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

/**
 * History recorded as received (issue 23, "Ghi nhận là đã duyệt"): a month a province loaded from its own workbooks
 * and approved on import, never submitted through the product. It is received, but neither on time nor late: the
 * timeliness rate leaves it out of the reports it expects. SQL twin: recordedSql in lib/data/aggregates.ts.
 */
export function isRecordedHistory(r: { status: ReportStatus; firstSubmittedAt: Date | null }): boolean {
  return r.status === "APPROVED" && r.firstSubmittedAt === null;
}

export interface RawAggregate {
  sum: number;
  /** Units that contributed a value. */
  units: number;
  /**
   * STOCK and FLAG only, and only when some are: units whose value is carried from a month before the range's end,
   * by that month ({ "2026-10": 12 }).
   */
  carried?: Record<Period, number>;
}

export type RawAggregates = Partial<Record<RawCode, RawAggregate>>;

function inRange(period: Period, range: PeriodRange): boolean {
  return period >= range.from && period <= range.to;
}

/** Step 1 with the month each unit's value comes from (its latest month for STOCK and FLAG, for FLOW its last). */
export function aggregateOverTimeDated(
  code: RawCode,
  observations: readonly Observation[],
  range: PeriodRange,
): Map<string, { period: Period; value: number }> {
  const temporal = rawIndicator(code).temporalType;
  const window = temporal === "FLOW" ? range : stockWindow(range);
  const perUnit = new Map<string, { period: Period; value: number }>();
  for (const o of observations) {
    if (o.code !== code || !inRange(o.period, window)) continue;
    const seen = perUnit.get(o.unit);
    if (temporal === "FLOW") {
      perUnit.set(o.unit, {
        period: seen && seen.period > o.period ? seen.period : o.period,
        value: (seen?.value ?? 0) + o.value,
      });
    } else if (!seen || o.period > seen.period) {
      perUnit.set(o.unit, { period: o.period, value: o.value });
    }
  }
  return perUnit;
}

/** Step 1: one value per unit for one raw indicator over the range, or undefined when the unit has none. */
export function aggregateOverTime(
  code: RawCode,
  observations: readonly Observation[],
  range: PeriodRange,
): Map<string, number> {
  return new Map([...aggregateOverTimeDated(code, observations, range)].map(([unit, v]) => [unit, v.value]));
}

/** Steps 1 and 2 for every raw indicator in `codes`. */
export function aggregateRaw(
  codes: readonly RawCode[],
  observations: readonly Observation[],
  range: PeriodRange,
): RawAggregates {
  const result: RawAggregates = {};
  for (const code of codes) {
    const perUnit = aggregateOverTimeDated(code, observations, range);
    if (perUnit.size === 0) continue;
    let sum = 0;
    const carried: Record<Period, number> = {};
    for (const v of perUnit.values()) {
      sum += v.value;
      if (v.period < range.to) carried[v.period] = (carried[v.period] ?? 0) + 1;
    }
    const stock = rawIndicator(code).temporalType !== "FLOW";
    result[code] =
      stock && Object.keys(carried).length ? { sum, units: perUnit.size, carried } : { sum, units: perUnit.size };
  }
  return result;
}

/** What a figure's carried values add up to: the most units carried by any one input, and the months they come from. */
export interface CarriedSummary {
  units: number;
  oldest: Period;
  newest: Period;
}

export function carriedSummary(inputs: readonly (RawAggregate | undefined)[]): CarriedSummary | null {
  let units = 0;
  let oldest: Period | null = null;
  let newest: Period | null = null;
  for (const a of inputs) {
    if (!a?.carried) continue;
    let n = 0;
    for (const [period, count] of Object.entries(a.carried)) {
      n += count;
      if (oldest === null || period < oldest) oldest = period;
      if (newest === null || period > newest) newest = period;
    }
    units = Math.max(units, n);
  }
  return units > 0 && oldest && newest ? { units, oldest, newest } : null;
}

/**
 * A stock figure: a raw STOCK or FLAG indicator, a computed one built only from them, or the running total of pages
 * (each unit's last cumulative value). Its total over units that did not all report the month is still the
 * province's ("hiện có"), built from each unit's latest value; flows and rates instead carry their coverage.
 */
export function isStockFigure(indicator: Indicator): boolean {
  if (indicator.kind === "RAW") return indicator.temporalType !== "FLOW";
  const f = indicator.formula;
  if (f.type === "cumulative") return true;
  if (f.type === "reporting") return false;
  return inputsOf(indicator).every((code) => rawIndicator(code).temporalType !== "FLOW");
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
  /** Received reports recorded from history (isRecordedHistory): counted as received, never as on time or late. */
  recorded: number;
}

/** No report expected: the counts of an empty range. */
export const NO_REPORTS: ReportingCounts = { expected: 0, received: 0, onTime: 0, recorded: 0 };

/**
 * reporting_rate (received / expected) or reporting_timeliness (on time / expected), in percent; null when nothing
 * is expected. History recorded as received is out of the timeliness rate altogether: neither on time nor late.
 */
export function reportingRate(c: ReportingCounts, onTimeOnly: boolean): number | null {
  const expected = onTimeOnly ? c.expected - c.recorded : c.expected;
  if (expected <= 0) return null;
  return ((onTimeOnly ? c.onTime : c.received) / expected) * 100;
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
  let recorded = 0;
  for (const r of reports) {
    if (!unitSet.has(r.unit) || !inRange(r.period, range) || !isReceived(r.status)) continue;
    received++;
    if (isRecordedHistory(r)) recorded++;
    if (r.firstSubmittedAt && isOnTime(r.period, r.firstSubmittedAt, deadlineDay)) onTime++;
  }
  return { expected: unitSet.size * months.length, received, onTime, recorded };
}

export interface IndicatorInputs {
  observations: readonly Observation[];
  range: PeriodRange;
  /** Needed only for reporting indicators: the units expected to report, and their reports. */
  units?: readonly string[];
  reports?: readonly ReportRecord[];
  deadlineDay?: number;
}

/** What a set of indicators reads: raw inputs over the range, inputs of running totals, report counts. */
export interface InputPlan {
  /** Raw indicators aggregated over the range itself. */
  raw: RawCode[];
  /** Raw indicators of running totals, aggregated from REFORM_START to the range's end. */
  cumulative: RawCode[];
  /** Whether report counts are needed (reporting indicators). */
  reporting: boolean;
}

/** The inputs `evaluate` needs for the given indicators (codes or catalogue entries), each input once. */
export function inputPlan(indicators: readonly (Indicator | string)[]): InputPlan {
  const raw = new Set<RawCode>();
  const cumulative = new Set<RawCode>();
  let reporting = false;
  for (const i of indicators) {
    const indicator = typeof i === "string" ? getIndicator(i) : i;
    const type = indicator.kind === "COMPUTED" ? indicator.formula.type : "raw";
    if (type === "reporting") reporting = true;
    for (const code of inputsOf(indicator)) (type === "cumulative" ? cumulative : raw).add(code);
  }
  return { raw: [...raw], cumulative: [...cumulative], reporting };
}

/** The aggregates a figure is evaluated on, as `inputPlan` lists them; whatever is not there counts as no value. */
export interface EvaluationInputs {
  raw: RawAggregates;
  cumulative: RawAggregates;
  reporting: ReportingCounts | null;
}

/**
 * The one evaluator of SPEC §3's formulas: the value of an indicator from its aggregated inputs, null for no value.
 * The domain (`indicatorValue`) and the SQL layer's post-processing both call it.
 */
export function evaluate(indicator: Indicator, inputs: EvaluationInputs): number | null {
  if (indicator.kind === "RAW") return inputs.raw[indicator.code]?.sum ?? null;
  const f = indicator.formula;
  switch (f.type) {
    case "ratio":
      return evaluateRatio(f, inputs.raw);
    case "coverage": {
      const a = inputs.raw[f.flag];
      return a && a.units > 0 ? (a.sum / a.units) * 100 : null;
    }
    case "cumulative":
      return inputs.cumulative[f.of]?.sum ?? null;
    case "reporting":
      return inputs.reporting ? reportingRate(inputs.reporting, f.onTimeOnly) : null;
  }
}

/** The value of any indicator (raw or computed) over the given units' observations and range; null for no value. */
export function indicatorValue(indicatorOrCode: Indicator | string, inputs: IndicatorInputs): number | null {
  const indicator = typeof indicatorOrCode === "string" ? getIndicator(indicatorOrCode) : indicatorOrCode;
  const { observations, range } = inputs;
  const plan = inputPlan([indicator]);
  return evaluate(indicator, {
    raw: aggregateRaw(plan.raw, observations, range),
    cumulative: aggregateRaw(plan.cumulative, observations, { from: REFORM_START, to: range.to }),
    reporting: plan.reporting
      ? countReports(inputs.units ?? [], inputs.reports ?? [], range, inputs.deadlineDay)
      : null,
  });
}

/** Rounds for display and comparisons the way reports do: half away from zero at `digits` decimals. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return (Math.sign(value) * Math.round(Math.abs(value) * f + Number.EPSILON)) / f;
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

/**
 * Whether one unit's aggregates (one unit: `units` is 1) hold a value of a month of the range, as opposed to values
 * carried only from before it; and, when carried only, the newest month they come from.
 */
export function unitReportedIn(
  raw: RawAggregates,
  range: PeriodRange,
): { reported: boolean; carriedFrom: Period | null } {
  let carriedFrom: Period | null = null;
  for (const a of Object.values(raw)) {
    if (!a) continue;
    const months = Object.keys(a.carried ?? {});
    if (months.length === 0 || months.some((m) => m >= range.from)) return { reported: true, carriedFrom: null };
    for (const m of months) if (carriedFrom === null || m > carriedFrom) carriedFrom = m;
  }
  return { reported: false, carriedFrom };
}
