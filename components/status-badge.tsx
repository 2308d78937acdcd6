import { STATUS_LABEL_VI, STATUS_STYLE, type ReportStatus } from "@/lib/domain/report-status";

export function StatusBadge({ status }: { status: ReportStatus | "MISSING" }) {
  return (
    <span
      className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}
      data-testid="status"
    >
      {STATUS_LABEL_VI[status]}
    </span>
  );
}
