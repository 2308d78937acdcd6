import { getTranslations } from "next-intl/server";
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
      <table className="w-full text-sm" data-testid="report-history">
        <thead className="text-left">
          <tr>
            <th scope="col" className="py-1">
              {t("month")}
            </th>
            <th scope="col" className="py-1">
              {t("status")}
            </th>
            <th scope="col" className="py-1">
              {t("submittedAt")}
            </th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.period} className="border-t border-slate-100 align-top">
              <td className="py-1 tabular-nums">{formatPeriodVi(h.period)}</td>
              <td className="py-1">
                <ReportStateBadge cell={h.cell} />
                {h.report?.returnComment && h.cell.state === "returned" && (
                  <p className="text-xs text-slate-700">{h.report.returnComment}</p>
                )}
              </td>
              <td className="py-1 tabular-nums">
                {h.report?.firstSubmittedAt ? formatDateVi(h.report.firstSubmittedAt) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
      <table className="w-full text-sm" data-testid="lineage">
        <thead className="text-left">
          <tr>
            <th scope="col" className="py-1">
              {t("oldCode")}
            </th>
            <th scope="col" className="py-1">
              {t("oldName")}
            </th>
            <th scope="col" className="py-1">
              {t("oldDistrict")}
            </th>
          </tr>
        </thead>
        <tbody>
          {commune.formerUnits.map((f) => (
            <tr key={`${f.oldCode}-${f.name}`} className="border-t border-slate-100">
              <td className="py-1 tabular-nums">{f.oldCode}</td>
              <td className="py-1">{f.name}</td>
              <td className="py-1">
                {f.oldDistrict} ({f.oldDistrictCode})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
