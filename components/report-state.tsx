import { getTranslations } from "next-intl/server";
import type { ReportCell, ReportCellState } from "@/lib/domain/completeness";

/**
 * Colour and symbol of each report state; the state's name is always written too (text, not colour alone).
 * The colours are the `state-*` classes of app/globals.css (one rule each, shared by badges, legend and matrix cells).
 */
export const STATE_STYLE: Record<ReportCellState, { box: string; symbol: string }> = {
  approved: { box: "state-approved", symbol: "✓" },
  onTime: { box: "state-onTime", symbol: "●" },
  late: { box: "state-late", symbol: "◐" },
  returned: { box: "state-returned", symbol: "↩" },
  draft: { box: "state-draft", symbol: "✎" },
  pending: { box: "state-pending", symbol: "…" },
  missing: { box: "state-missing", symbol: "✗" },
};

export async function ReportStateBadge({ cell }: { cell: ReportCell }) {
  const t = await getTranslations("reportState");
  const s = STATE_STYLE[cell.state];
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${s.box}`}>
      <span aria-hidden="true">{s.symbol} </span>
      {t(cell.state)}
      {cell.state === "approved" && cell.onTime === false && ` (${t("lateSuffix")})`}
    </span>
  );
}
