/**
 * The months any request may name: from the reform (2025-07) to the current month in Vietnam, and no range longer
 * than MAX_SPAN_MONTHS. Every parser of `period`, `from` and `to` (dashboards, export, API, month locks) checks it,
 * so no URL can make the server build a matrix of thousands of years (attack 4: `?to=9999-11`).
 */
import { type Period, type PeriodRange, REFORM_START, currentPeriod, isPeriod, monthsBetween } from "./periods";

export const MAX_SPAN_MONTHS = 120;

/** Message keys of the catalogue (namespace `errors`). */
export type WindowError = "beforeReform" | "afterCurrent" | "rangeTooLong";

export const WINDOW_MESSAGES_VI: Record<WindowError, string> = {
  beforeReform: "Số liệu bắt đầu từ tháng 07/2025.",
  afterCurrent: "Không thể chọn tháng sau tháng hiện tại.",
  rangeTooLong: `Khoảng thời gian dài tối đa ${MAX_SPAN_MONTHS} tháng.`,
};

export function windowError(range: PeriodRange, now: Date): WindowError | null {
  if (range.from < REFORM_START || range.to < REFORM_START) return "beforeReform";
  const current = currentPeriod(now);
  if (range.from > current || range.to > current) return "afterCurrent";
  if (monthsBetween(range.from, range.to) + 1 > MAX_SPAN_MONTHS) return "rangeTooLong";
  return null;
}

/** Whether one month is within the window (a well-formed YYYY-MM from 2025-07 to the current month). */
export function isOpenMonth(value: unknown, now: Date): value is Period {
  return isPeriod(value) && windowError({ from: value, to: value }, now) === null;
}
