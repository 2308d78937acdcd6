/**
 * Reminders of the reporting deadline (issue 28): before and on the day a month's report is due, each commune that has
 * not submitted it is reminded; once the deadline has passed, the province gets the list of the late communes. Pure:
 * lib/data/reminders.ts finds who is lacking and writes the notices, once per unit, month and kind.
 */
import { type Period, addMonths, daysUntilDeadline, lastFullMonth, DEFAULT_DEADLINE_DAY } from "./periods";

export type ReminderKind = "DUE_SOON" | "DUE_TODAY" | "LATE";

/** The first reminder goes out this many days before the deadline (Vietnam's calendar). */
export const REMINDER_DAYS_BEFORE = 2;
/** After the deadline the province's list of late communes is sent within this many days, or not at all. */
export const LATE_LIST_WITHIN_DAYS = 7;

/**
 * The reminders due at `at`: for each month whose deadline is near, the one kind whose window holds today's date in
 * Vietnam. A server that was down on the day a window opened sends it later in that window, never the kind of a
 * window already past, so a commune never gets "2 days left" on the day itself.
 * - DUE_SOON: 1 to REMINDER_DAYS_BEFORE days before the deadline's date;
 * - DUE_TODAY: on the deadline's date;
 * - LATE: 1 to LATE_LIST_WITHIN_DAYS days after it.
 */
export function remindersDue(at: Date, deadlineDay = DEFAULT_DEADLINE_DAY): { period: Period; kind: ReminderKind }[] {
  const last = lastFullMonth(at);
  const due: { period: Period; kind: ReminderKind }[] = [];
  for (const period of [addMonths(last, -1), last]) {
    const days = daysUntilDeadline(period, at, deadlineDay);
    if (days >= 1 && days <= REMINDER_DAYS_BEFORE) due.push({ period, kind: "DUE_SOON" });
    else if (days === 0) due.push({ period, kind: "DUE_TODAY" });
    else if (days <= -1 && days >= -LATE_LIST_WITHIN_DAYS) due.push({ period, kind: "LATE" });
  }
  return due;
}

/** A report in one of these states is in: no reminder for its commune. */
export const SUBMITTED_STATES = ["SUBMITTED", "APPROVED"] as const;
