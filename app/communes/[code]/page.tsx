import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense, cache } from "react";
import { getTranslations } from "next-intl/server";
import { CompareSection } from "@/components/compare-section";
import { PeriodForm } from "@/components/period-form";
import { PrintBar } from "@/components/print-bar";
import { Skeleton } from "@/components/skeleton";
import { TrendCard } from "@/components/trend-section";
import { CommuneKpis, Procedures, Staffing, communeScope } from "@/components/commune/commune-figures";
import { Lineage, ReportHistory } from "@/components/commune/commune-records";
import { type CommuneDetail, getCommune, listFormerDistricts, searchCommunes } from "@/lib/data/communes";
import { monthlySeries } from "@/lib/data/series";
import { latestReceivedPeriod } from "@/lib/data/coverage";
import { communeShownRange } from "@/lib/domain/coverage";
import { parseCompareQuery } from "@/lib/domain/compare-query";
import { INDICATORS, findIndicator, getIndicator } from "@/lib/domain/indicators";
import { REFORM_START, formatPeriodVi } from "@/lib/domain/periods";
import { type SearchParams, first } from "@/lib/domain/range-query";
import { getUi } from "@/i18n/server";
import { PROVINCE, type PageContext, pageContext } from "@/lib/web/page-context";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> };

/** The title and the page read the commune once per request. */
const loadCommune = cache(getCommune);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const commune = /^\d{5}$/.test(code) ? await loadCommune(code) : null;
  return { title: commune?.fullName ?? (await getTranslations("commune"))("notFoundTitle") };
}

export default async function CommunePage({ params, searchParams }: Props) {
  const { code } = await params;
  const [commune, asked] = await Promise.all([
    /^\d{5}$/.test(code) ? loadCommune(code) : null,
    pageContext(searchParams),
  ]);
  if (!commune || commune.provinceCode !== PROVINCE) notFound();
  // Issue 28: without a report for the period asked, the page shows the commune's latest figures, dated.
  const shown = communeShownRange(asked.range, await latestReceivedPeriod(commune.code, asked.range.to));
  const ctx: PageContext = { ...asked, range: shown.range };
  const t = await getTranslations("commune");
  const tf = await getTranslations("filters");
  const te = await getTranslations("errors");
  const ui = await getUi();
  return (
    <div className="space-y-6 print:space-y-3">
      <PrintBar title={commune.fullName} period={ui.range(ctx.range)}>
        <a
          href={`/communes/${commune.code}/scorecard?from=${ctx.range.from}&to=${ctx.range.to}`}
          data-testid="scorecard-link"
        >
          {(await getTranslations("scorecard"))("open")}
        </a>
      </PrintBar>
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <a href="/communes">{t("back")}</a>
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold" data-testid="commune-name">
            {commune.fullName}
          </h1>
          <p className="text-slate-700">
            {t("code")}: {commune.code} · {commune.kind === "PHUONG" ? tf("phuong") : tf("xa")} · {t("formerDistricts")}
            : {commune.formerDistricts.join("; ")}
          </p>
          <p className="text-slate-700">
            {commune.areaKm2 != null && (
              <>
                {t("area")}: {ui.value(commune.areaKm2, "km²")} km² ·{" "}
              </>
            )}
            {commune.population != null && (
              <>
                {t("population")}: {ui.integer(commune.population)}
              </>
            )}
          </p>
          {commune.hqAddress && (
            <p className="text-slate-700">
              {t("hq")}: {commune.hqAddress}
            </p>
          )}
          <p className="text-slate-700" data-testid="period-label">
            {t("period")}: {ui.range(ctx.range)}
          </p>
        </div>
        <PeriodForm
          now={ctx.now}
          months={ctx.months}
          range={asked.range}
          path={`/communes/${commune.code}`}
          params={ctx.params}
          opening={ctx.opening}
        />
      </div>
      {shown.fallback && (
        <p className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="commune-latest-notice">
          {t("latestFigures", { asked: ui.range(asked.range), period: formatPeriodVi(shown.range.to) })}
        </p>
      )}
      {ctx.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {te(ctx.error)} {te("fallback")}
        </p>
      )}
      <Suspense fallback={<Skeleton label={t("loading")} cards={8} />}>
        <CommuneKpis commune={commune} ctx={ctx} />
      </Suspense>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 print:grid-cols-2 print:gap-2">
        <Suspense fallback={<Skeleton label={t("loading")} />}>
          <Staffing commune={commune} ctx={ctx} />
        </Suspense>
        <Suspense fallback={<Skeleton label={t("loading")} />}>
          <Procedures commune={commune} ctx={ctx} />
        </Suspense>
      </div>
      <Suspense fallback={<Skeleton label={t("loading")} />}>
        <CommuneTrends commune={commune} ctx={ctx} />
      </Suspense>
      <div className="print:hidden">
        <Compare commune={commune} ctx={ctx} />
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 print:grid-cols-2 print:gap-2">
        <Suspense fallback={<Skeleton label={t("loading")} />}>
          <ReportHistory commune={commune} ctx={ctx} />
        </Suspense>
        <Lineage commune={commune} />
      </div>
    </div>
  );
}

async function CommuneTrends({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
  const t = await getTranslations("commune");
  const ui = await getUi();
  const codes = ["proc_on_time_rate", "proc_online_rate", "staff_total", "pages_digitised_cumulative"];
  const series = await monthlySeries(communeScope(commune), { from: REFORM_START, to: ctx.latest }, codes);
  return (
    <section aria-labelledby="commune-trends">
      <h2 id="commune-trends" className="mb-2 text-lg font-semibold">
        {t("trends", { from: formatPeriodVi(REFORM_START) })}
      </h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 print:grid-cols-4 print:gap-2">
        {codes.map((c) => (
          <TrendCard key={c} code={c} points={series[c] ?? []} ui={ui} />
        ))}
      </div>
    </section>
  );
}

/** Rates and counts a commune can be compared on: the computed indicators. */
const COMPARABLE = INDICATORS.filter(
  (i) => i.kind === "COMPUTED" && i.code !== "reporting_rate" && i.code !== "reporting_timeliness",
);

/** Not streamed: the comparison chart is readable without JavaScript. This commune and the province by default. */
async function Compare({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
  const ui = await getUi();
  const [communes, districts] = await Promise.all([searchCommunes(PROVINCE, {}), listFormerDistricts(PROVINCE)]);
  const asked = findIndicator(first(ctx.params.cind) ?? "");
  const indicator = asked && COMPARABLE.includes(asked) ? asked : getIndicator("proc_on_time_rate");
  const choice = parseCompareQuery(
    ctx.params,
    { communeCodes: communes.map((c) => c.code), districts, months: ctx.months },
    [`c:${commune.code}`, "p"],
  );
  return (
    <CompareSection
      indicator={indicator}
      choice={choice}
      provinceCode={PROVINCE}
      communes={communes}
      districts={districts}
      months={ctx.months}
      params={ctx.params}
      path={`/communes/${commune.code}`}
      ui={ui}
      indicators={COMPARABLE}
    />
  );
}
