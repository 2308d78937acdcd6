import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { FilterForm } from "@/components/filter-form";
import { colourRule, heatStep, heatStyles } from "@/components/colour-scale";
import { CompareSection } from "@/components/compare-section";
import { HeatTable } from "@/components/heat-table";
import { Legend } from "@/components/legend";
import { PeriodForm } from "@/components/period-form";
import { RankingChart } from "@/components/ranking";
import { Skeleton } from "@/components/skeleton";
import { TrendCard } from "@/components/trend-section";
import { listFormerDistricts, searchCommunes } from "@/lib/data/communes";
import { communeMonthMatrix, communeValues, monthlySeries } from "@/lib/data/series";
import { type Indicator, findIndicator } from "@/lib/domain/indicators";
import { parseCompareQuery } from "@/lib/domain/compare-query";
import { REFORM_START, formatPeriodVi, periodsInRange } from "@/lib/domain/periods";
import type { SearchParams } from "@/lib/domain/range-query";
import { getUi } from "@/i18n/server";
import { PROVINCE, type PageContext, pageContext } from "@/lib/web/page-context";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const indicator = findIndicator((await params).code);
  const ui = await getUi();
  return { title: indicator ? ui.name(indicator) : (await getTranslations("indicator"))("notFoundTitle") };
}

export default async function IndicatorPage({ params, searchParams }: Props) {
  const indicator = findIndicator((await params).code);
  if (!indicator || (indicator.kind === "RAW" && indicator.entryLevel !== "COMMUNE")) notFound();
  const [ctx, districts] = await Promise.all([pageContext(searchParams), listFormerDistricts(PROVINCE)]);
  // Without a period in the URL the table shows every month since the reform.
  const hasPeriod = ["period", "from", "to"].some((k) => ctx.params[k]);
  const tableRange = hasPeriod && !ctx.error ? ctx.range : { from: REFORM_START, to: ctx.latest };
  const t = await getTranslations("indicator");
  const te = await getTranslations("errors");
  const ui = await getUi();
  const path = `/indicators/${indicator.code}`;
  return (
    <div className="space-y-6">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <a href="/indicators">{t("back")}</a>
      </nav>
      <div>
        <h1 className="text-2xl font-bold" data-testid="indicator-name">
          {ui.name(indicator)}
        </h1>
        <p className="text-slate-700">{ui.description(indicator)}</p>
        <p className="text-slate-700">
          {t("unit")}: {ui.unit(indicator.unit)}
          {indicator.target != null && indicator.direction && (
            <>
              {" "}
              · {t("target")}: {indicator.direction === "HIGHER_IS_BETTER" ? "≥" : "≤"}{" "}
              {ui.value(indicator.target, indicator.unit)}
            </>
          )}
        </p>
        <p className="text-slate-700" data-testid="period-label">
          {t("period")}: {ui.range(tableRange)}
        </p>
      </div>
      {ctx.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(ctx.error)} {te("fallback")}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-6">
        <PeriodForm
          now={ctx.now}
          months={ctx.months}
          range={tableRange}
          path={path}
          params={ctx.params}
          opening={ctx.opening}
        />
        <FilterForm districts={districts} filters={ctx.filters} params={ctx.params} path={path} />
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Suspense fallback={<Skeleton label={t("loading")} />}>
          <ProvinceSeries indicator={indicator} ctx={ctx} />
        </Suspense>
        <Suspense fallback={<Skeleton label={t("loading")} height="h-96" />}>
          <Ranking indicator={indicator} ctx={ctx} range={tableRange} />
        </Suspense>
      </div>
      <Compare indicator={indicator} ctx={ctx} districts={districts} path={path} />
      <Suspense fallback={<Skeleton label={t("loading")} height="h-96" />}>
        <Matrix indicator={indicator} ctx={ctx} range={tableRange} />
      </Suspense>
    </div>
  );
}

async function ProvinceSeries({ indicator, ctx }: { indicator: Indicator; ctx: PageContext }) {
  const t = await getTranslations("indicator");
  const ui = await getUi();
  const series = await monthlySeries(ctx.scope, { from: REFORM_START, to: ctx.latest }, [indicator.code]);
  return (
    <section aria-labelledby="province-series">
      <h2 id="province-series" className="mb-2 text-lg font-semibold">
        {t("provinceSeries")}
      </h2>
      <TrendCard code={indicator.code} points={series[indicator.code] ?? []} ui={ui} testId="province-series" />
    </section>
  );
}

/** What the ranking and the matrix are drawn for: the indicator, the page's filters and the months asked. */
interface SectionProps {
  indicator: Indicator;
  ctx: PageContext;
  range: { from: string; to: string };
}

/** The province's communes that the page's filters keep (the search box filters the table only). */
const filteredCommunes = (ctx: PageContext) => searchCommunes(PROVINCE, { ...ctx.filters, q: undefined });

async function Ranking({ indicator, ctx, range }: SectionProps) {
  const t = await getTranslations("indicator");
  const ui = await getUi();
  const [values, communes] = await Promise.all([
    communeValues(ctx.scope, range, indicator.code),
    filteredCommunes(ctx),
  ]);
  return (
    <section aria-labelledby="ranking" className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="ranking" className="mb-2 text-lg font-semibold">
        {t("ranking", { range: ui.range(range) })}
      </h2>
      <RankingChart indicator={indicator} values={values} communes={communes} ui={ui} testId="indicator-ranking" />
    </section>
  );
}

async function Matrix({ indicator, ctx, range }: SectionProps) {
  const t = await getTranslations("indicator");
  const ui = await getUi();
  const [matrix, communes] = await Promise.all([
    communeMonthMatrix(ctx.scope, range, indicator.code),
    filteredCommunes(ctx),
  ]);
  const months = periodsInRange(range.from, range.to);
  const all = [...matrix.values()].flatMap((row) => [...row.values()]);
  const rule = colourRule(indicator, all);
  return (
    <section aria-labelledby="matrix">
      <h2 id="matrix" className="mb-2 text-lg font-semibold">
        {t("matrix")}
      </h2>
      <Legend rule={rule} indicator={indicator} ui={ui} noData={t("noValue")} label={t("legend")} />
      <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        {/* 38 units × up to 36 months: each cell carries only its colour class (rules below) and its value. */}
        <style href="heat-scale" precedence="medium">
          {heatStyles()}
        </style>
        <HeatTable
          communeHeader={t("commune")}
          months={months.map((m) => ({ key: m, label: formatPeriodVi(m) }))}
          rows={communes.map((c) => {
            const values = months.map((m) => matrix.get(c.code)?.get(m) ?? null);
            return {
              code: c.code,
              name: c.fullName,
              steps: values.map((v) => heatStep(rule.shade(v))).join(""),
              texts: values.map((v) => (v == null ? "—" : ui.value(v, indicator.unit))),
            };
          })}
        />
      </div>
    </section>
  );
}

/** Not streamed: the comparison chart is readable without JavaScript. */
async function Compare(props: { indicator: Indicator; ctx: PageContext; districts: string[]; path: string }) {
  const ui = await getUi();
  const communes = await searchCommunes(PROVINCE, {});
  const choice = parseCompareQuery(
    props.ctx.params,
    { communeCodes: communes.map((c) => c.code), districts: props.districts, months: props.ctx.months },
    ["p"],
  );
  return (
    <CompareSection
      indicator={props.indicator}
      choice={choice}
      provinceCode={PROVINCE}
      communes={communes}
      districts={props.districts}
      months={props.ctx.months}
      params={props.ctx.params}
      path={props.path}
      ui={ui}
    />
  );
}
