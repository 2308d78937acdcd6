import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/data-table";
import { ReportStateBadge } from "@/components/report-state";
import { type CommuneDetail, communeReportHistory } from "@/lib/data/communes";
import { formatDateVi } from "@/lib/domain/format";
import { formatPeriodVi } from "@/lib/domain/periods";
import type { PageContext } from "@/lib/web/page-context";

/** The commune's records: its monthly reports' history and the former units it was merged from. */

export async function ReportHistory({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
  const t = await getTranslations("commune");
  const history = await communeReportHistory(ctx.viewer, commune.code, ctx.months, ctx.now);
  return (
    <section aria-labelledby="report-history" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="report-history" className="mb-2 text-lg font-semibold">
        {t("reportHistory")}
      </h2>
      <DataTable
        testId="report-history"
        rows={history}
        rowKey={(h) => h.period}
        columns={[
          {
            key: "month",
            header: t("month"),
            cell: (h) => formatPeriodVi(h.period),
            cellClassName: () => "tabular-nums",
          },
          {
            key: "status",
            header: t("status"),
            cell: (h) => (
              <>
                <ReportStateBadge cell={h.cell} />
                {h.report?.returnComment && h.cell.state === "returned" && (
                  <p className="text-xs text-slate-700">{h.report.returnComment}</p>
                )}
              </>
            ),
          },
          {
            key: "submittedAt",
            header: t("submittedAt"),
            cell: (h) => (h.report?.firstSubmittedAt ? formatDateVi(h.report.firstSubmittedAt) : "—"),
            cellClassName: () => "tabular-nums",
          },
        ]}
      />
    </section>
  );
}

export async function Lineage({ commune }: { commune: CommuneDetail }) {
  const t = await getTranslations("commune");
  return (
    <section aria-labelledby="lineage" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="lineage" className="mb-1 text-lg font-semibold">
        {t("lineage")}
      </h2>
      <p className="mb-2 text-sm text-slate-700">
        {t("lineageIntro", { n: commune.formerUnits.length, resolution: commune.resolution ?? "1670/NQ-UBTVQH15" })}
      </p>
      <DataTable
        testId="lineage"
        rows={commune.formerUnits}
        rowKey={(f) => `${f.oldCode}-${f.name}`}
        columns={[
          { key: "oldCode", header: t("oldCode"), cell: (f) => f.oldCode, cellClassName: () => "tabular-nums" },
          { key: "oldName", header: t("oldName"), cell: (f) => f.name },
          { key: "oldDistrict", header: t("oldDistrict"), cell: (f) => `${f.oldDistrict} (${f.oldDistrictCode})` },
        ]}
      />
    </section>
  );
}
