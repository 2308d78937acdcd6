/** How one commune's report for one month looks in the completeness matrix (SPEC §5). */
import type { ReportStatus } from "./aggregate";
import { DEFAULT_DEADLINE_DAY, type Period, isOnTime, reportingPhase } from "./periods";

/**
 * - `approved`: approved by the province (whether it came in on time is shown separately);
 * - `onTime` / `late`: submitted and waiting for approval, first submitted by the deadline or after it;
 * - `returned`: sent back to the commune for corrections (not counted as received);
 * - `draft`: started but not submitted;
 * - `pending`: no report yet, and the deadline has not passed ("đang trong hạn nộp"): not a failure;
 * - `missing`: no report, and the deadline has passed.
 */
export const REPORT_CELL_STATES = ["approved", "onTime", "late", "returned", "draft", "pending", "missing"] as const;
export type ReportCellState = (typeof REPORT_CELL_STATES)[number];

export interface ReportCell {
  state: ReportCellState;
  /** First submission by the deadline (null when never submitted). */
  onTime: boolean | null;
}

export function reportCell(
  period: Period,
  report: { status: ReportStatus; firstSubmittedAt: Date | null } | undefined,
  now: Date,
  deadlineDay = DEFAULT_DEADLINE_DAY,
): ReportCell {
  if (!report)
    return { state: reportingPhase(period, now, deadlineDay) === "overdue" ? "missing" : "pending", onTime: null };
  const onTime = report.firstSubmittedAt ? isOnTime(period, report.firstSubmittedAt, deadlineDay) : null;
  switch (report.status) {
    case "APPROVED":
      return { state: "approved", onTime };
    case "SUBMITTED":
      return { state: onTime === false ? "late" : "onTime", onTime };
    case "RETURNED":
      return { state: "returned", onTime };
    case "DRAFT":
      return { state: "draft", onTime };
  }
}

/** Counts per state, for the matrix's column totals and legend. */
export function countStates(cells: readonly ReportCell[]): Record<ReportCellState, number> {
  const out = Object.fromEntries(REPORT_CELL_STATES.map((s) => [s, 0])) as Record<ReportCellState, number>;
  for (const c of cells) out[c.state]++;
  return out;
}
