import { getTranslations } from "next-intl/server";
import type { ReportCell, ReportCellState } from "@/lib/domain/completeness";

/** Colour and symbol of each report state; the state's name is always written too (text, not colour alone). */
export const STATE_STYLE: Record<ReportCellState, { box: string; symbol: string }> = {
  approved: { box: "bg-emerald-700 text-white", symbol: "✓" },
  onTime: { box: "bg-emerald-100 text-emerald-950", symbol: "●" },
  late: { box: "bg-amber-200 text-amber-950", symbol: "◐" },
  returned: { box: "bg-orange-100 text-orange-950", symbol: "↩" },
  draft: { box: "bg-slate-200 text-slate-900", symbol: "✎" },
  missing: { box: "bg-red-100 text-red-950", symbol: "✗" },
};

export async function ReportStateBadge({ cell }: { cell: ReportCell }) {
  const t = await getTranslations("reportState");
  const s = STATE_STYLE[cell.state];
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${s.box}`}>
      <span aria-hidden="true">{s.symbol} </span>{t(cell.state)}
      {cell.state === "approved" && cell.onTime === false && ` (${t("lateSuffix")})`}
    </span>
  );
}
