/**
 * What every figure covers (issue 28): which month is complete enough to open on, how many units a total rests on,
 * and the official names of periods. Pure: no database, no clock (instants are passed in).
 *
 * - A month is *complete* once every expected report is received, or once its deadline passed more than
 *   COMPLETE_AFTER_DAYS days ago (a setting): the dashboards, the briefing and the documents open on the newest
 *   complete month; the month in progress is one click away with its coverage ("Tháng 11/2026: đã nhận 26/38").
 * - A stock figure (lib/domain/aggregate.ts isStockFigure) takes each unit's latest value within the look-back and
 *   says how many units are carried and from when; units with nothing in the look-back are missing.
 * - A flow or a rate over a period in which not every unit reported is *provisional* ("tạm tính") with its coverage
 *   ("26/38 xã, phường") until every unit reported or the month is locked.
 */
import {
  type CarriedSummary,
  type RawAggregates,
  type ReportingCounts,
  carriedSummary,
  isStockFigure,
  unitsBehind,
} from "./aggregate";
import { type Indicator, inputsOf } from "./indicators";
import {
  DEFAULT_DEADLINE_DAY,
  type Period,
  type PeriodRange,
  formatPeriodVi,
  parsePeriod,
  quarterOf,
  reportDeadline,
} from "./periods";

/** Days after a month's deadline from which the month counts as complete even with reports missing. */
export const COMPLETE_AFTER_DAYS = 10;

export interface MonthCoverage {
  period: Period;
  received: number;
  expected: number;
}

export interface CompletenessRule {
  deadlineDay?: number;
  completeAfterDays?: number;
}

/** Whether a month is complete at `now`: every report received, or its deadline passed more than N days ago. */
export function isMonthComplete(c: MonthCoverage, now: Date, rule: CompletenessRule = {}): boolean {
  if (c.expected > 0 && c.received >= c.expected) return true;
  const deadline = reportDeadline(c.period, rule.deadlineDay ?? DEFAULT_DEADLINE_DAY).getTime();
  return now.getTime() > deadline + (rule.completeAfterDays ?? COMPLETE_AFTER_DAYS) * 86_400_000;
}

/**
 * The period a page opens on: the newest complete month up to `latest` (the newest month with a received report),
 * and the month in progress after it, if any, with its coverage. `months` holds the coverage of every month up to
 * `latest` (missing months count as nothing received). With no complete month yet, the page opens on `latest`.
 */
export function defaultPeriod(
  latest: Period,
  months: readonly MonthCoverage[],
  now: Date,
  rule: CompletenessRule = {},
): { period: Period; inProgress: MonthCoverage | null } {
  const byPeriod = new Map(months.map((m) => [m.period, m]));
  const expected = Math.max(0, ...months.map((m) => m.expected));
  const coverageOf = (p: Period): MonthCoverage => byPeriod.get(p) ?? { period: p, received: 0, expected };
  const sorted = [...new Set([...months.map((m) => m.period), latest])]
    .filter((p) => p <= latest)
    .sort()
    .reverse();
  const complete = sorted.find((p) => isMonthComplete(coverageOf(p), now, rule));
  if (!complete) return { period: latest, inProgress: null };
  return { period: complete, inProgress: latest > complete ? coverageOf(latest) : null };
}

/** Whether a month's figures are provisional ("tạm tính"): not every report received and the month not locked. */
export function isProvisional(c: MonthCoverage, locked: boolean): boolean {
  return !locked && c.expected > 0 && c.received < c.expected;
}

/** What a figure over a period rests on, said beside it. */
export type FigureCoverage =
  /** Every unit gave it for the period (or the period is locked). */
  | { kind: "complete" }
  /** A stock figure: `carried` units' values come from earlier months; `missing` units have none in the look-back. */
  | { kind: "carried"; carried: CarriedSummary | null; missing: number; total: number }
  /** A flow or a rate: reports received of expected; provisional ("tạm tính") until complete or locked. */
  | { kind: "provisional"; received: number; expected: number };

/**
 * The coverage of one figure: `raw` the scope's raw aggregates of the range, `reporting` its report counts, `total`
 * the number of units of the scope, `locked` whether every month of the range is locked.
 */
export function figureCoverage(
  indicator: Indicator,
  raw: RawAggregates,
  reporting: ReportingCounts,
  total: number,
  locked = false,
): FigureCoverage {
  if (indicator.kind === "COMPUTED" && indicator.formula.type === "reporting") return { kind: "complete" };
  if (isStockFigure(indicator) && !(indicator.kind === "COMPUTED" && indicator.formula.type === "cumulative")) {
    const carried = carriedSummary(inputsOf(indicator).map((c) => raw[c]));
    const missing = Math.max(0, total - unitsBehind(indicator, raw));
    return carried || missing > 0 ? { kind: "carried", carried, missing, total } : { kind: "complete" };
  }
  if (locked || reporting.expected === 0 || reporting.received >= reporting.expected) return { kind: "complete" };
  return { kind: "provisional", received: reporting.received, expected: reporting.expected };
}

/** "26/38 xã, phường". */
export function coverageVi(received: number, expected: number): string {
  return `${received}/${expected} xã, phường`;
}

/** "tháng 10/2026" or "các tháng 08/2026 – 10/2026": the months carried values come from. */
function carriedMonthsVi(c: CarriedSummary): string {
  return c.oldest === c.newest
    ? `tháng ${formatPeriodVi(c.newest)}`
    : `các tháng ${formatPeriodVi(c.oldest)} – ${formatPeriodVi(c.newest)}`;
}

/**
 * The note beside a figure, in Vietnamese, or null when it covers everything:
 * "12 xã, phường lấy số liệu tháng 10/2026", "tạm tính: 26/38 xã, phường", "2 xã, phường chưa có số liệu".
 */
export function coverageNoteVi(c: FigureCoverage): string | null {
  switch (c.kind) {
    case "complete":
      return null;
    case "provisional":
      return `tạm tính: ${coverageVi(c.received, c.expected)}`;
    case "carried": {
      const parts: string[] = [];
      if (c.carried) parts.push(`${c.carried.units} xã, phường lấy số liệu ${carriedMonthsVi(c.carried)}`);
      if (c.missing > 0) parts.push(`${c.missing} xã, phường chưa có số liệu trong 3 tháng gần nhất`);
      return parts.join("; ");
    }
  }
}

const ROMAN = ["I", "II", "III", "IV"];

/**
 * The official name of a period in a document's subject: "tháng 11 năm 2026", "quý III năm 2025",
 * "6 tháng đầu năm 2026", "9 tháng đầu năm 2026", "năm 2025"; otherwise "từ tháng 07/2025 đến tháng 10/2026".
 */
export function officialPeriodVi(range: PeriodRange): string {
  const from = parsePeriod(range.from);
  const to = parsePeriod(range.to);
  if (range.from === range.to) return `tháng ${to.month} năm ${to.year}`;
  const q = quarterOf(range.from);
  if (q.from === range.from && q.to === range.to)
    return `quý ${ROMAN[Math.floor((from.month - 1) / 3)]} năm ${from.year}`;
  if (from.year === to.year && from.month === 1) {
    if (to.month === 12) return `năm ${to.year}`;
    return `${to.month} tháng đầu năm ${to.year}`;
  }
  if (from.year === to.year && from.month === 7 && to.month === 12) return `6 tháng cuối năm ${to.year}`;
  return `từ tháng ${formatPeriodVi(range.from)} đến tháng ${formatPeriodVi(range.to)}`;
}

/**
 * The period a commune page shows (issue 28, item 4: a commune page never opens empty): the range asked when the
 * commune has a received report in it; otherwise its latest month with a received report up to the range's end,
 * dated on the page; the range asked when it has never reported.
 */
export function communeShownRange(
  range: PeriodRange,
  latestReceived: Period | null,
): { range: PeriodRange; fallback: boolean } {
  if (latestReceived === null || latestReceived >= range.from) return { range, fallback: false };
  return { range: { from: latestReceived, to: latestReceived }, fallback: true };
}
