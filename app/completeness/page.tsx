import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { FilterForm } from "@/components/filter-form";
import { PeriodForm } from "@/components/period-form";
import { STATE_STYLE } from "@/components/report-state";
import { Skeleton } from "@/components/skeleton";
import { listFormerDistricts, reportStatusMatrix } from "@/lib/data/communes";
import { REPORT_CELL_STATES, countStates } from "@/lib/domain/completeness";
import { REFORM_START, formatPeriodVi, periodsInRange, reportDeadline } from "@/lib/domain/periods";
import { formatDateVi } from "@/lib/domain/format";
import type { PeriodRange } from "@/lib/domain/periods";
import type { SearchParams } from "@/lib/domain/range-query";
import { getUi } from "@/i18n/server";
import { PROVINCE, type PageContext, pageContext } from "@/lib/web/page-context";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("completeness"))("title") };
}

export default async function CompletenessPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext(searchParams);
  const hasPeriod = ["period", "from", "to"].some((k) => ctx.params[k]);
  const range = hasPeriod && !ctx.error ? ctx.range : { from: REFORM_START, to: ctx.latest };
  const t = await getTranslations("completeness");
  const ts = await getTranslations("reportState");
  const ui = await getUi();
  const districts = await listFormerDistricts(PROVINCE);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro", { day: 5 })}</p>
        <p className="text-slate-700" data-testid="period-label">{t("period")}: {ui.range(range)}</p>
      </div>
      <div className="flex flex-wrap items-end gap-6">
        <PeriodForm months={ctx.months} range={range} path="/completeness" params={ctx.params} />
        <FilterForm districts={districts} filters={ctx.filters} params={ctx.params} path="/completeness" />
      </div>
      <section aria-labelledby="legend-heading">
        <h2 id="legend-heading" className="sr-only">{t("legend")}</h2>
        <ul className="flex flex-wrap gap-3 text-sm" data-testid="completeness-legend">
          {REPORT_CELL_STATES.map((s) => (
            <li key={s} className="flex items-center gap-1">
              <span className={`inline-flex h-6 w-6 items-center justify-center rounded ${STATE_STYLE[s].box}`} aria-hidden="true">{STATE_STYLE[s].symbol}</span>
              {ts(s)}
            </li>
          ))}
        </ul>
      </section>
      <Suspense fallback={<Skeleton label={t("loading")} height="h-96" />}>
        <Matrix ctx={ctx} range={range} />
      </Suspense>
    </div>
  );
}

async function Matrix({ ctx, range }: { ctx: PageContext; range: PeriodRange }) {
  const t = await getTranslations("completeness");
  const ts = await getTranslations("reportState");
  const ui = await getUi();
  const rows = await reportStatusMatrix(ctx.scope, range);
  const months = periodsInRange(range.from, range.to);
  if (rows.length === 0) return <p className="rounded border border-slate-300 bg-white p-4">{t("noUnits")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-xs" data-testid="completeness-matrix">
        <caption className="sr-only">{t("caption", { range: ui.range(range) })}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="sticky left-0 bg-slate-100 px-2 py-2 text-left">{t("commune")}</th>
            {months.map((m) => (
              <th key={m} scope="col" className="px-1 py-2 text-center tabular-nums" title={t("deadline", { date: formatDateVi(reportDeadline(m)) })}>
                {formatPeriodVi(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} className="border-t border-slate-100">
              <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-2 py-1 text-left font-normal">
                <a href={`/communes/${r.code}`}>{r.fullName}</a>
              </th>
              {months.map((m) => {
                const cell = r.cells.get(m)!;
                const label = ts(cell.state) + (cell.state === "approved" && cell.onTime === false ? ` (${ts("lateSuffix")})` : "");
                return (
                  <td key={m} className="px-1 py-1 text-center" data-state={cell.state} data-testid={`cell-${r.code}-${m}`}>
                    <span className={`relative inline-flex h-6 w-6 items-center justify-center rounded ${STATE_STYLE[cell.state].box}`} title={label}>
                      <span aria-hidden="true">{STATE_STYLE[cell.state].symbol}</span>
                      <span className="sr-only">{label}</span>
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot className="bg-slate-50">
          <tr>
            <th scope="row" className="sticky left-0 bg-slate-50 px-2 py-1 text-left">{t("received")}</th>
            {months.map((m) => {
              const c = countStates(rows.map((r) => r.cells.get(m)!));
              return <td key={m} className="px-1 py-1 text-center tabular-nums">{ui.integer(c.approved + c.onTime + c.late)}/{ui.integer(rows.length)}</td>;
            })}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
