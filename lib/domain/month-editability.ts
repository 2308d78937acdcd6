/**
 * Why a month of a commune's report is read-only: the one rule behind the entry form (lib/data/reports
 * loadMonthForm's `editable`), the entry page's notice and the write's refusal (lib/data/reports save-month). Each of
 * them used to phrase it for itself; the reasons and their order live here, the words beside them.
 */
import type { ReportStatus } from "./report-status";

/** In the order they are checked: the first that holds is the reason. */
export type ReadOnlyReason =
  | "NOT_EDITOR" // not the commune's own staff (lib/domain/permissions canEditReport)
  | "NOT_OPEN" // a month after the current one: not reportable yet
  | "LOCKED" // the month is locked (period_lock)
  | "APPROVED" // approved: the province may reopen it
  | "SUBMITTED"; // waiting for the province's review

export type MonthEditability = { editable: true; reason: null } | { editable: false; reason: ReadOnlyReason };

export interface MonthState {
  /** The viewer is the commune's own staff (canEditReport). */
  mayEdit: boolean;
  period: string;
  /** The latest month a commune may report (the current month). */
  latestOpen: string;
  locked: boolean;
  /** The report's status; null when there is no report yet. */
  status: ReportStatus | null;
}

export function monthEditability(month: MonthState): MonthEditability {
  const reason: ReadOnlyReason | null = !month.mayEdit
    ? "NOT_EDITOR"
    : month.period > month.latestOpen
      ? "NOT_OPEN"
      : month.locked
        ? "LOCKED"
        : month.status === "APPROVED"
          ? "APPROVED"
          : month.status === "SUBMITTED"
            ? "SUBMITTED"
            : null;
  return reason === null ? { editable: true, reason: null } : { editable: false, reason };
}

/** What the entry page says above a read-only month. */
export const READ_ONLY_NOTICE_VI: Record<ReadOnlyReason, string> = {
  NOT_EDITOR: "Bạn chỉ được xem báo cáo này.",
  NOT_OPEN: "Bạn chỉ được xem báo cáo này.",
  LOCKED: "Tháng này đã khoá sổ: số liệu chỉ để xem.",
  APPROVED: "Báo cáo đã được duyệt: chỉ xem, không sửa được. Nếu cần sửa, đề nghị tỉnh mở lại báo cáo.",
  SUBMITTED: "Báo cáo đã nộp và đang chờ tỉnh duyệt: chỉ xem.",
};

/** What a refused save says (the data layer's DataError message), for the month `period` (YYYY-MM). */
export function readOnlyRefusalVi(reason: ReadOnlyReason, period: string): string {
  switch (reason) {
    case "NOT_EDITOR":
      return "Bạn không có quyền thực hiện thao tác này.";
    case "NOT_OPEN":
      return "Chưa đến kỳ báo cáo của tháng này.";
    case "LOCKED":
      return `Tháng ${period.slice(5)}/${period.slice(0, 4)} đã khoá sổ: không thể thay đổi số liệu.`;
    case "APPROVED":
      return "Báo cáo đã được duyệt: chỉ xem, không sửa được.";
    case "SUBMITTED":
      return "Báo cáo đã nộp và đang chờ tỉnh duyệt: không sửa được.";
  }
}
