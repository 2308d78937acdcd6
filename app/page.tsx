import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { CommuneMap } from "@/components/commune-map";
import { DataTable } from "@/components/data-table";
import { FilterForm } from "@/components/filter-form";
import { OverviewAlerts } from "@/components/overview/overview-alerts";
import { communeList, overview, valuesFor } from "@/components/overview/overview-data";
import { OverviewKpis } from "@/components/overview/overview-kpis";
import { PeriodForm } from "@/components/period-form";
import { PhoneFold } from "@/components/phone-fold";
import { PrintBar } from "@/components/print-bar";
import { RankingChart } from "@/components/ranking";
import { Options } from "@/components/select-options";
import { Skeleton } from "@/components/skeleton";
import { TrendCard, TrendTable } from "@/components/trend-section";
import { listFormerDistricts } from "@/lib/data/communes";
import { monthlySeries } from "@/lib/data/series";
import { INDICATORS, type Indicator, findIndicator, getIndicator } from "@/lib/domain/indicators";
import { REFORM_START, formatPeriodVi } from "@/lib/domain/periods";
import { type SearchParams, first } from "@/lib/domain/range-query";
import { getUi } from "@/i18n/server";
import { PROVINCE, type PageContext, pageContext } from "@/lib/web/page-context";

const DEFAULT_INDICATOR = "proc_on_time_rate";
/** Indicators offered for the ranking and the map: computed ones a commune has, plus the raw shortages. */
const RANKABLE = INDICATORS.filter((i) => i.kind === "COMPUTED" || i.category === "shortage");

function chosenIndicator(params: SearchParams): Indicator {
  const found = findIndicator(first(params.indicator) ?? DEFAULT_INDICATOR);
  return found && RANKABLE.includes(found) ? found : getIndicator(DEFAULT_INDICATOR);
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext(searchParams);
  const t = await getTranslations("overview");
  const te = await getTranslations("errors");
  const ui = await getUi();
  const districts = await listFormerDistricts(PROVINCE);
  const indicator = chosenIndicator(ctx.params);
  return (
    // Tighter on a phone, so that the first four KPI cards are on the first screen at 375 × 812 (issue 28).
    <div className="space-y-3 sm:space-y-8 print:space-y-3">
      <PrintBar title={t("title")} period={ui.range(ctx.range)} />
      <div className="flex flex-wrap items-end justify-between gap-2 sm:gap-4">
        <div>
          <h1 className="text-xl font-bold sm:text-2xl">{t("title")}</h1>
          <p className="text-slate-700" data-testid="period-label">
            {t("period")}: {ui.range(ctx.range)}
          </p>
        </div>
        <PeriodForm
          now={ctx.now}
          months={ctx.months}
          range={ctx.range}
          params={ctx.params}
          opening={ctx.opening}
          foldOnPhone={{ summary: t("changePeriod") }}
        />
      </div>
      {/* On a phone the filters fold into one control, so that the first KPI cards are on the first screen (issue 28). */}
      <PhoneFold id="filter-fold" summary={t("filtersToggle")} testId="filter-fold">
        <FilterForm districts={districts} filters={ctx.filters} params={ctx.params} path="/" />
      </PhoneFold>
      {ctx.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(ctx.error)} {te("fallback")}
        </p>
      )}
      {/* Not streamed: the headline figures must arrive in the first HTML, so the page works without JavaScript
          (a streamed Suspense boundary is only revealed by a script). The other sections stream. */}
      <OverviewKpis ctx={ctx} />
      {/* Not streamed either: the charts are readable without JavaScript. */}
      <Trends ctx={ctx} />
      <section aria-labelledby="ranking-heading" className="space-y-3 print:break-before-page">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="ranking-heading" className="text-lg font-semibold">
            {t("ranking")}
          </h2>
          <form method="get" className="flex flex-wrap items-end gap-2 print:hidden" aria-label={t("indicatorForm")}>
            {Object.entries(ctx.params)
              .filter(([k]) => k !== "indicator")
              .map(([k, v]) => {
                const value = first(v);
                return value === undefined ? null : <input key={k} type="hidden" name={k} value={value} />;
              })}
            <label className="flex flex-col text-sm">
              {t("indicator")}
              <select
                name="indicator"
                defaultValue={indicator.code}
                className="mt-1 max-w-72 rounded border border-slate-400 bg-white px-2 py-1.5"
              >
                <Options options={RANKABLE.map((i) => [i.code, ui.name(i)] as const)} />
              </select>
            </label>
            <button type="submit" className="rounded bg-sky-800 px-4 py-1.5 text-white hover:bg-sky-900">
              {t("show")}
            </button>
          </form>
        </div>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2 print:grid-cols-2 print:gap-3">
          {/* Not streamed: the ranking chart is readable without JavaScript, like the trends. */}
          <Ranking ctx={ctx} indicator={indicator} />
          <Suspense fallback={<Skeleton label={t("loading")} height="h-96" />}>
            <MapSection ctx={ctx} indicator={indicator} />
          </Suspense>
        </div>
      </section>
      <Suspense fallback={<Skeleton label={t("loading")} />}>
        <OverviewAlerts ctx={ctx} />
      </Suspense>
      <Suspense fallback={<Skeleton label={t("loading")} height="h-96" />}>
        <CommuneTable ctx={ctx} />
      </Suspense>
    </div>
  );
}

const TREND_CODES = [
  "proc_on_time_rate",
  "proc_online_rate",
  "reporting_rate",
  "quota_fill_rate",
  "pages_digitised_cumulative",
  "feedback_resolution_rate",
];

async function Trends({ ctx }: { ctx: PageContext }) {
  const t = await getTranslations("overview");
  const ui = await getUi();
  const series = await monthlySeries(ctx.scope, { from: REFORM_START, to: ctx.latest }, TREND_CODES);
  return (
    <section aria-labelledby="trends-heading">
      <h2 id="trends-heading" className="mb-2 text-lg font-semibold">
        {t("trends", { from: formatPeriodVi(REFORM_START) })}
      </h2>
      <div
        className="grid grid-cols-1 gap-4 md:grid-cols-2 lg:grid-cols-3 print:grid-cols-3 print:gap-2"
        data-testid="trends"
      >
        {TREND_CODES.map((c) => (
          <TrendCard key={c} code={c} points={series[c] ?? []} ui={ui} testId={`trend-${c}`} table={false} />
        ))}
      </div>
      <div className="mt-4 print:hidden">
        <TrendTable codes={TREND_CODES} series={series} ui={ui} testId="trend-table" />
      </div>
    </section>
  );
}

async function Ranking({ ctx, indicator }: { ctx: PageContext; indicator: Indicator }) {
  const t = await getTranslations("overview");
  const ui = await getUi();
  const [values, communes] = await Promise.all([valuesFor(ctx, indicator.code), communeList(ctx.filters)]);
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <h3 className="mb-2 text-sm font-medium">
        {t("rankingFor", { indicator: ui.name(indicator), range: ui.range(ctx.range) })}
      </h3>
      <RankingChart indicator={indicator} values={values} communes={communes} ui={ui} testId="ranking" />
    </div>
  );
}

async function MapSection({ ctx, indicator }: { ctx: PageContext; indicator: Indicator }) {
  const t = await getTranslations("overview");
  const ui = await getUi();
  const values = await valuesFor(ctx, indicator.code);
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <h3 className="mb-2 text-sm font-medium">{t("map")}</h3>
      <CommuneMap indicator={indicator} values={values} ui={ui} rangeLabel={ui.range(ctx.range)} />
    </div>
  );
}

async function CommuneTable({ ctx }: { ctx: PageContext }) {
  const t = await getTranslations("overview");
  const ui = await getUi();
  const o = await overview(PROVINCE, ctx.range, ctx.filters);
  return (
    <section aria-labelledby="units-heading" className="print:hidden">
      <h2 id="units-heading" className="mb-2 text-lg font-semibold">
        {t("table", { n: o.communes.length })}
      </h2>
      <DataTable
        testId="commune-table"
        density="roomy"
        rows={o.communes}
        rowKey={(c) => c.code}
        columns={[
          {
            key: "code",
            header: t("columns.code"),
            cell: (c) => c.code,
            cellClassName: () => "tabular-nums",
          },
          { key: "unit", header: t("columns.unit"), cell: (c) => <a href={`/communes/${c.code}`}>{c.fullName}</a> },
          { key: "district", header: t("columns.district"), cell: (c) => c.formerDistricts.join("; ") },
          {
            key: "quota",
            header: t("columns.quota"),
            numeric: true,
            cell: (c) =>
              c.reported ? (
                ui.value(c.staffQuota, "người")
              ) : c.carriedFrom && c.staffQuota != null ? (
                <>
                  {ui.value(c.staffQuota, "người")}{" "}
                  <span className="text-xs text-slate-600">
                    ({t("carriedFrom", { period: formatPeriodVi(c.carriedFrom) })})
                  </span>
                </>
              ) : (
                t("notReported")
              ),
          },
          { key: "cbcc", header: t("columns.cbcc"), numeric: true, cell: (c) => ui.value(c.staffCbcc, "người") },
          { key: "onTime", header: t("columns.onTime"), numeric: true, cell: (c) => ui.value(c.onTimeRate, "%") },
        ]}
      />
    </section>
  );
}
