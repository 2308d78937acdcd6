import { getTranslations } from "next-intl/server";
import { STATUS_STYLE, type ReportStatus } from "@/lib/domain/report-status";

/** A report's workflow state in the reader's language (catalogue namespace "status"). */
export async function StatusBadge({ status }: { status: ReportStatus | "MISSING" }) {
  const t = await getTranslations("status");
  return (
    <span
      className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}
      data-testid="status"
    >
      {t(status)}
    </span>
  );
}
