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

/** The last month that has fully ended before `today` (local calendar of Vietnam, UTC+7). */
export function lastFullMonth(today: Date): Period {
  const local = new Date(today.getTime() + 7 * 3600 * 1000);
  return addMonths(toPeriod(local.getUTCFullYear(), local.getUTCMonth() + 1), -1);
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

/** A choice of the period picker: one month, a calendar quarter, or everything since the reform. */
export interface PeriodPreset {
  kind: "month" | "quarter" | "since-reform";
  range: PeriodRange;
}

/**
 * What the period picker offers, newest first: "since the reform" (07/2025 to the latest month), every quarter that
 * has begun (clipped to the months with data), and every month.
 */
export function periodPresets(latest: Period): PeriodPreset[] {
  const months = periodsInRange(REFORM_START, latest).reverse();
  const quarters: PeriodPreset[] = [];
  const seen = new Set<string>();
  for (const m of months) {
    const q = quarterOf(m);
    const range = { from: q.from < REFORM_START ? REFORM_START : q.from, to: q.to > latest ? latest : q.to };
    const key = `${range.from}..${range.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    quarters.push({ kind: "quarter", range });
  }
  return [
    { kind: "since-reform", range: { from: REFORM_START, to: latest } },
    ...quarters,
    ...months.map((m): PeriodPreset => ({ kind: "month", range: { from: m, to: m } })),
  ];
}

/** "Q3/2025" number of a quarter preset. */
export function quarterNumber(period: Period): { quarter: number; year: number } {
  const { year, month } = parsePeriod(period);
  return { quarter: Math.floor((month - 1) / 3) + 1, year };
}
