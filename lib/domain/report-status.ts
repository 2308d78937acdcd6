/** The workflow states of a monthly report (SPEC §3) and how the UI names them. */
export type ReportStatus = "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED";

export const STATUS_LABEL_VI: Record<ReportStatus | "MISSING", string> = {
  DRAFT: "Bản nháp",
  SUBMITTED: "Chờ duyệt",
  RETURNED: "Bị trả lại",
  APPROVED: "Đã duyệt",
  MISSING: "Chưa nhập",
};

export const STATUS_STYLE: Record<ReportStatus | "MISSING", string> = {
  DRAFT: "bg-slate-100 text-slate-800 border-slate-300",
  SUBMITTED: "bg-sky-50 text-sky-900 border-sky-300",
  RETURNED: "bg-amber-50 text-amber-900 border-amber-400",
  APPROVED: "bg-emerald-50 text-emerald-900 border-emerald-400",
  MISSING: "bg-red-50 text-red-900 border-red-300",
};
