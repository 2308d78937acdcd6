/**
 * Due, not late (SPEC §3): how the reports of a range stand at an instant. A month's report is expected from the
 * month itself; a missing one is only late once the deadline has passed. Before that it is "đang trong hạn nộp".
 */
import type { ReportingCounts } from "./aggregate";
import {
  DEFAULT_DEADLINE_DAY,
  type Period,
  type PeriodRange,
  addMonths,
  daysUntilDeadline,
  lastOverduePeriod,
  reportDeadline,
} from "./periods";

/** The range cut at the deadline: months whose deadline has passed, and months still within it (open or due). */
export function splitByDeadline(
  range: PeriodRange,
  now: Date,
  deadlineDay = DEFAULT_DEADLINE_DAY,
): { overdue: PeriodRange | null; inTime: PeriodRange | null } {
  const cutoff = lastOverduePeriod(now, deadlineDay);
  return {
    overdue: range.from <= cutoff ? { from: range.from, to: range.to < cutoff ? range.to : cutoff } : null,
    inTime: range.to > cutoff ? { from: range.from > cutoff ? range.from : addMonths(cutoff, 1), to: range.to } : null,
  };
}

export interface ReportingStanding {
  expected: number;
  received: number;
  /** Not received, deadline not passed: not a failure. */
  pending: number;
  /** Not received after the deadline. */
  overdue: number;
  /** The earliest deadline among the months still within it, and the whole days left to it (Vietnam's calendar). */
  nextDeadline: { period: Period; at: Date; daysLeft: number } | null;
}

type Counts = Pick<ReportingCounts, "expected" | "received">;

/** Combines the counts of the two parts of `splitByDeadline`. */
export function reportingStanding(
  parts: { overdue: Counts | null; inTime: Counts | null },
  inTime: PeriodRange | null,
  now: Date,
  deadlineDay = DEFAULT_DEADLINE_DAY,
): ReportingStanding {
  const late = parts.overdue ?? { expected: 0, received: 0 };
  const open = parts.inTime ?? { expected: 0, received: 0 };
  const pending = Math.max(0, open.expected - open.received);
  return {
    expected: late.expected + open.expected,
    received: late.received + open.received,
    pending,
    overdue: Math.max(0, late.expected - late.received),
    nextDeadline:
      inTime && pending > 0
        ? {
            period: inTime.from,
            at: reportDeadline(inTime.from, deadlineDay),
            daysLeft: daysUntilDeadline(inTime.from, now, deadlineDay),
          }
        : null,
  };
}
