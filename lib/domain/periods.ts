/** Calendar months as 'YYYY-MM' strings: sortable, readable in URLs, CSV files and SQL alike. */
export type Period = string;

export const REFORM_START: Period = "2025-07";
const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: unknown): value is Period {
  return typeof value === "string" && PERIOD_RE.test(value);
}

export function parsePeriod(period: Period): { year: number; month: number } {
  const m = PERIOD_RE.exec(period);
  if (!m) throw new Error(`Invalid period: ${period}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function toPeriod(year: number, month: number): Period {
  const index = year * 12 + (month - 1);
  const y = Math.floor(index / 12);
  const mo = (index % 12) + 1;
  return `${y}-${String(mo).padStart(2, "0")}`;
}

export function addMonths(period: Period, months: number): Period {
  const { year, month } = parsePeriod(period);
  return toPeriod(year, month + months);
}

/** Number of months from a to b (b − a); 0 when equal. */
export function monthsBetween(a: Period, b: Period): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  return (pb.year - pa.year) * 12 + (pb.month - pa.month);
}

/** Every month from `from` to `to`, inclusive; empty when from > to. */
export function periodsInRange(from: Period, to: Period): Period[] {
  const n = monthsBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addMonths(from, i));
}

export interface PeriodRange {
  from: Period;
  to: Period;
}

export function rangeLength(range: PeriodRange): number {
  return monthsBetween(range.from, range.to) + 1;
}

/** The range of equal length just before this one (for "change since the previous period"). */
export function previousRange(range: PeriodRange): PeriodRange {
  const n = rangeLength(range);
  return { from: addMonths(range.from, -n), to: addMonths(range.to, -n) };
}

/**
 * Vietnam's calendar (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving): every calendar decision reads an instant
 * through these, never through the machine's time zone.
 */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The date in Vietnam at an instant. */
export function vietnamDate(instant: Date): { year: number; month: number; day: number } {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** "2026-12-01": the day in Vietnam at an instant. */
export function vietnamDay(instant: Date): string {
  const { year, month, day } = vietnamDate(instant);
  return `${toPeriod(year, month)}-${String(day).padStart(2, "0")}`;
}

/** "10:31:05": the time of day in Vietnam at an instant (how a page says when its figures were read). */
export function vietnamClock(instant: Date): string {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return [local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
}

/** The month that is running in Vietnam at an instant: the newest month a commune may report. */
export function currentPeriod(instant: Date): Period {
  const { year, month } = vietnamDate(instant);
  return toPeriod(year, month);
}

/** The last month that has fully ended before `today` (Vietnam's calendar). */
export function lastFullMonth(today: Date): Period {
  return addMonths(currentPeriod(today), -1);
}

export function quarterOf(period: Period): PeriodRange {
  const { year, month } = parsePeriod(period);
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return { from: toPeriod(year, first), to: toPeriod(year, first + 2) };
}

/** Default day of the following month by which a report is due (SPEC §3: the 5th, configurable). */
export const DEFAULT_DEADLINE_DAY = 5;

/**
 * The moment a month's report is due: the end of `deadlineDay` of the next month, Vietnam time (UTC+7).
 * A report first submitted at or before this instant is on time.
 */
export function reportDeadline(period: Period, deadlineDay = DEFAULT_DEADLINE_DAY): Date {
  const next = parsePeriod(addMonths(period, 1));
  // 23:59:59.999 local on deadlineDay = 16:59:59.999 UTC the same day.
  return new Date(Date.UTC(next.year, next.month - 1, deadlineDay, 16, 59, 59, 999));
}

export function isOnTime(period: Period, submittedAt: Date, deadlineDay = DEFAULT_DEADLINE_DAY): boolean {
  return submittedAt.getTime() <= reportDeadline(period, deadlineDay).getTime();
}

/**
 * Where a month's report stands in the calendar at `now` (SPEC §3):
 * - `future`: the month has not begun;
 * - `open`: the month is running (a report may be prepared and submitted);
 * - `due`: the month has ended and the deadline has not passed: a missing report is not late yet;
 * - `overdue`: the deadline has passed: a report not received now is late.
 */
export type ReportingPhase = "future" | "open" | "due" | "overdue";

export function reportingPhase(period: Period, now: Date, deadlineDay = DEFAULT_DEADLINE_DAY): ReportingPhase {
  const current = currentPeriod(now);
  if (period > current) return "future";
  if (period === current) return "open";
  return now.getTime() > reportDeadline(period, deadlineDay).getTime() ? "overdue" : "due";
}

/** Whole days from `now`'s day to the deadline's day, in Vietnam (0 on the deadline day itself; negative after it). */
export function daysUntilDeadline(period: Period, now: Date, deadlineDay = DEFAULT_DEADLINE_DAY): number {
  const day = (d: Date) => {
    const { year, month, day } = vietnamDate(d);
    return Date.UTC(year, month - 1, day) / 86_400_000;
  };
  return day(reportDeadline(period, deadlineDay)) - day(now);
}

/** The newest month whose deadline has passed at `now`: reports of this month and earlier that are missing are late. */
export function lastOverduePeriod(now: Date, deadlineDay = DEFAULT_DEADLINE_DAY): Period {
  const previous = lastFullMonth(now);
  return reportingPhase(previous, now, deadlineDay) === "overdue" ? previous : addMonths(previous, -1);
}

/** "10/2026": how Vietnamese reports name a month. */
export function formatPeriodVi(period: Period): string {
  const { year, month } = parsePeriod(period);
  return `${String(month).padStart(2, "0")}/${year}`;
}

export function formatRangeVi(range: PeriodRange): string {
  return range.from === range.to
    ? `tháng ${formatPeriodVi(range.from)}`
    : `${formatPeriodVi(range.from)} – ${formatPeriodVi(range.to)}`;
}

/** A shortcut of the period picker. */
export interface PeriodPreset {
  kind: "last-month" | "this-quarter" | "year-to-date" | "since-reform" | "quarter";
  range: PeriodRange;
}

/**
 * The period picker's shortcuts at `now`: "tháng trước" (the month now being reported), "quý này" and "từ đầu năm"
 * (up to that month), "từ khi sắp xếp" (since 07/2025), then every quarter since Q3/2025, newest first. Nothing ends
 * after `end`: the later of the newest month with data and the last full month (the running month has no report yet).
 */
export function periodPresets(latest: Period, now: Date): PeriodPreset[] {
  const lastMonth = lastFullMonth(now);
  const end = latest > lastMonth ? latest : lastMonth;
  const clip = (r: PeriodRange): PeriodRange => ({
    from: r.from < REFORM_START ? REFORM_START : r.from,
    to: r.to > end ? end : r.to,
  });
  const quarters: PeriodPreset[] = [];
  for (let q = quarterOf(end); q.to >= REFORM_START; q = quarterOf(addMonths(q.from, -1))) {
    quarters.push({ kind: "quarter", range: clip(q) });
  }
  return [
    { kind: "last-month", range: { from: lastMonth, to: lastMonth } },
    { kind: "this-quarter", range: clip(quarterOf(end)) },
    { kind: "year-to-date", range: clip({ from: toPeriod(parsePeriod(end).year, 1), to: end }) },
    { kind: "since-reform", range: { from: REFORM_START, to: end } },
    ...quarters,
  ];
}

/** "Q3/2025" number of a quarter preset. */
export function quarterNumber(period: Period): { quarter: number; year: number } {
  const { year, month } = parsePeriod(period);
  return { quarter: Math.floor((month - 1) / 3) + 1, year };
}
