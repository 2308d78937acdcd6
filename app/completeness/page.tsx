import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { FilterForm } from "@/components/filter-form";
import { PeriodForm } from "@/components/period-form";
import { STATE_STYLE } from "@/components/report-state";
import { Skeleton } from "@/components/skeleton";
import { type CellKind, CompletenessTable } from "@/components/completeness-table";
import { listFormerDistricts, reportStatusMatrix } from "@/lib/data/communes";
import { REPORT_CELL_STATES, type ReportCellState, countStates } from "@/lib/domain/completeness";
import { REFORM_START, addMonths, formatPeriodVi, periodsInRange, reportDeadline } from "@/lib/domain/periods";
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
  // By default the last twelve months, so that the newest month is in view without scrolling on a laptop.
  const newest = ctx.months.at(-1)!;
  const twelve = addMonths(newest, -11);
  const range =
    hasPeriod && !ctx.error ? ctx.range : { from: twelve > REFORM_START ? twelve : REFORM_START, to: newest };
  const t = await getTranslations("completeness");
  const ts = await getTranslations("reportState");
  const ui = await getUi();
  const te = await getTranslations("errors");
  const districts = await listFormerDistricts(PROVINCE);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro", { day: 5 })}</p>
        <p className="text-slate-700" data-testid="period-label">
          {t("period")}: {ui.range(range)}
        </p>
      </div>
      {ctx.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(ctx.error)} {te("fallback")}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-6">
        <PeriodForm now={ctx.now} months={ctx.months} range={range} path="/completeness" params={ctx.params} />
        <FilterForm districts={districts} filters={ctx.filters} params={ctx.params} path="/completeness" />
      </div>
      <section aria-labelledby="legend-heading">
        <h2 id="legend-heading" className="sr-only">
          {t("legend")}
        </h2>
        <ul className="flex flex-wrap gap-3 text-sm" data-testid="completeness-legend">
          {REPORT_CELL_STATES.map((s) => (
            <li key={s} className="flex items-center gap-1">
              <span
                className={`inline-flex h-6 w-6 items-center justify-center rounded ${STATE_STYLE[s].box}`}
                aria-hidden="true"
              >
                {STATE_STYLE[s].symbol}
              </span>
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
  const rows = await reportStatusMatrix(ctx.scope, range, ctx.now);
  const months = periodsInRange(range.from, range.to);
  if (rows.length === 0) return <p className="rounded border border-slate-300 bg-white p-4">{t("noUnits")}</p>;
  // One letter per cell state (its index in REPORT_CELL_STATES); an approved report that came in late reads differently.
  const kind = (state: ReportCellState, late: boolean): CellKind => ({
    state,
    box: STATE_STYLE[state].box,
    symbol: STATE_STYLE[state].symbol,
    label: ts(state) + (late ? ` (${ts("lateSuffix")})` : ""),
  });
  const kinds: Record<string, CellKind> = {
    ...Object.fromEntries(REPORT_CELL_STATES.map((state, i) => [String.fromCharCode(97 + i), kind(state, false)])),
    z: kind("approved", true),
  };
  const letterOf = (state: ReportCellState, late: boolean) =>
    late ? "z" : String.fromCharCode(97 + REPORT_CELL_STATES.indexOf(state));
  // The scroll box runs right to left, the table inside left to right: a box too narrow for every month (a phone)
  // opens scrolled to its right end, on the newest month, with no script (issue 28); older months are a swipe away.
  return (
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white [direction:rtl]"
      data-testid="matrix-scroll"
    >
      <CompletenessTable
        caption={t("caption", { range: ui.range(range) })}
        communeHeader={t("commune")}
        receivedHeader={t("received")}
        months={months.map((m) => ({
          key: m,
          label: formatPeriodVi(m),
          title: t("deadline", { date: formatDateVi(reportDeadline(m)) }),
        }))}
        kinds={kinds}
        rows={rows.map((r) => ({
          code: r.code,
          name: r.fullName,
          cells: months
            .map((m) => {
              const cell = r.cells.get(m)!;
              return letterOf(cell.state, cell.state === "approved" && cell.onTime === false);
            })
            .join(""),
        }))}
        received={months.map((m) => {
          const c = countStates(rows.map((r) => r.cells.get(m)!));
          return `${ui.integer(c.approved + c.onTime + c.late)}/${ui.integer(rows.length)}`;
        })}
      />
    </div>
  );
}
