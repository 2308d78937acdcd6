import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense, cache } from "react";
import { getTranslations } from "next-intl/server";
import { CompareSection } from "@/components/compare-section";
import { KpiCard } from "@/components/kpi-card";
import { PeriodForm } from "@/components/period-form";
import { PrintBar } from "@/components/print-bar";
import { ReportStateBadge } from "@/components/report-state";
import { Skeleton } from "@/components/skeleton";
import { TrendCard } from "@/components/trend-section";
import { scopeFigures, type Scope } from "@/lib/data/aggregates";
import {
  type CommuneDetail,
  communeReportHistory,
  getCommune,
  listFormerDistricts,
  searchCommunes,
} from "@/lib/data/communes";
import { monthlySeries } from "@/lib/data/series";
import { latestReceivedPeriod } from "@/lib/data/coverage";
import { communeShownRange } from "@/lib/domain/coverage";
import { formatDateVi } from "@/lib/domain/format";
import { parseCompareQuery } from "@/lib/domain/compare-query";
import { INDICATORS, findIndicator, getIndicator, kpiStatus } from "@/lib/domain/indicators";
import { REFORM_START, formatPeriodVi, rangeLength } from "@/lib/domain/periods";
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

const KPI_CODES = [
  "proc_on_time_rate",
  "proc_online_rate",
  "quota_fill_rate",
  "shortage_total",
  "dossier_digitisation_rate",
  "pages_digitised_cumulative",
  "feedback_resolution_rate",
  "reporting_rate",
] as const;

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

function communeScope(commune: CommuneDetail): Scope {
  return { provinceCode: PROVINCE, communeCodes: [commune.code] };
}

async function CommuneKpis({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
  const t = await getTranslations("commune");
  const tk = await getTranslations("kpi");
  const ui = await getUi();
  const [own, province] = await Promise.all([
    scopeFigures(communeScope(commune), ctx.range, KPI_CODES),
    scopeFigures({ provinceCode: PROVINCE }, ctx.range, KPI_CODES),
  ]);
  const unitsInProvince = province.reporting.expected / rangeLength(ctx.range);
  if (own.reporting.received === 0 && Object.keys(own.raw).length === 0) {
    return (
      <p className="rounded border border-amber-400 bg-amber-50 p-4" data-testid="commune-no-data">
        {t("noData", { range: ui.range(ctx.range) })}
      </p>
    );
  }
  return (
    <section aria-labelledby="commune-kpis">
      <h2 id="commune-kpis" className="mb-2 text-lg font-semibold">
        {t("kpis")}
      </h2>
      <div
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4 print:grid-cols-4 print:gap-2"
        data-testid="commune-kpis"
      >
        {KPI_CODES.map((code) => {
          const ind = getIndicator(code);
          const v = own.value(code);
          const p = province.value(code);
          const isRate = ind.unit === "%";
          const comparison = p == null ? null : isRate ? p : p / Math.max(1, unitsInProvince);
          const status = kpiStatus(ind, v);
          return (
            <KpiCard
              key={code}
              testId={`commune-kpi-${code}`}
              title={ui.name(ind)}
              value={v == null ? t("noValue") : ui.value(v, ind.unit)}
              status={status}
              statusLabel={tk(`status.${status}`)}
              detail={
                comparison == null
                  ? undefined
                  : t(isRate ? "provinceRate" : "provinceAverage", { value: ui.value(comparison, ind.unit) })
              }
            />
          );
        })}
      </div>
    </section>
  );
}

async function Staffing({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
  const t = await getTranslations("commune");
  const ui = await getUi();
  const codes = [
    "staff_cadres",
    "staff_civil_servants",
    "staff_public_employees",
    "staff_quota",
    "staff_total",
    "shortage_finance",
    "shortage_construction",
    "shortage_land",
    "shortage_it",
  ] as const;
  const f = await scopeFigures(communeScope(commune), ctx.range, codes);
  const quota = f.value("staff_quota");
  const parts = (["staff_cadres", "staff_civil_servants", "staff_public_employees"] as const).map((c) => ({
    code: c,
    value: f.value(c),
  }));
  const colours = ["bg-sky-800", "bg-sky-500", "bg-sky-200"];
  const scale = Math.max(quota ?? 0, f.value("staff_total") ?? 0, 1);
  return (
    <section
      aria-labelledby="staffing"
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="commune-staffing"
    >
      <h2 id="staffing" className="mb-2 text-lg font-semibold">
        {t("staffing")}
      </h2>
      {quota == null ? (
        <p>{t("noData", { range: ui.range(ctx.range) })}</p>
      ) : (
        <>
          <div className="flex h-6 w-full overflow-hidden rounded bg-slate-100" aria-hidden="true">
            {parts.map((p, i) => (
              <div key={p.code} className={colours[i]} style={{ width: `${((p.value ?? 0) / scale) * 100}%` }} />
            ))}
          </div>
          <table className="mt-3 w-full text-sm">
            <tbody>
              {parts.map((p, i) => (
                <tr key={p.code}>
                  <th scope="row" className="py-1 text-left font-normal">
                    <span aria-hidden="true" className={`mr-2 inline-block h-3 w-3 rounded-sm ${colours[i]}`} />
                    {ui.name(getIndicator(p.code))}
                  </th>
                  <td className="text-right tabular-nums">{ui.value(p.value, "người")}</td>
                </tr>
              ))}
              <tr className="border-t border-slate-200 font-medium">
                <th scope="row" className="py-1 text-left">
                  {t("staffTotal")}
                </th>
                <td className="text-right tabular-nums">{ui.value(f.value("staff_total"), "người")}</td>
              </tr>
              <tr>
                <th scope="row" className="py-1 text-left font-normal">
                  {ui.name(getIndicator("staff_quota"))}
                </th>
                <td className="text-right tabular-nums">{ui.value(quota, "người")}</td>
              </tr>
            </tbody>
          </table>
          <h3 className="mt-3 text-sm font-semibold">{t("shortages")}</h3>
          <ul className="text-sm">
            {(["shortage_finance", "shortage_construction", "shortage_land", "shortage_it"] as const).map((c) => (
              <li key={c} className="flex justify-between">
                <span>{ui.name(getIndicator(c))}</span>
                <span className="tabular-nums">{ui.value(f.value(c), "vị trí")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

async function Procedures({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
  const t = await getTranslations("commune");
  const ui = await getUi();
  const codes = [
    "proc_received",
    "proc_received_online",
    "proc_resolved_early",
    "proc_resolved_on_time",
    "proc_resolved_late",
    "proc_pending",
    "proc_resolved",
  ] as const;
  const f = await scopeFigures(communeScope(commune), ctx.range, codes);
  const resolved = f.value("proc_resolved");
  const outcomes = [
    { code: "proc_resolved_early", colour: "bg-emerald-700" },
    { code: "proc_resolved_on_time", colour: "bg-emerald-400" },
    { code: "proc_resolved_late", colour: "bg-red-600" },
  ] as const;
  return (
    <section
      aria-labelledby="procedures"
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="commune-procedures"
    >
      <h2 id="procedures" className="mb-2 text-lg font-semibold">
        {t("procedures")}
      </h2>
      {resolved == null ? (
        <p>{t("noData", { range: ui.range(ctx.range) })}</p>
      ) : (
        <>
          <div className="flex h-6 w-full overflow-hidden rounded bg-slate-100" aria-hidden="true">
            {outcomes.map((o) => (
              <div
                key={o.code}
                className={o.colour}
                style={{ width: `${((f.value(o.code) ?? 0) / Math.max(1, resolved)) * 100}%` }}
              />
            ))}
          </div>
          <table className="mt-3 w-full text-sm">
            <tbody>
              {outcomes.map((o) => (
                <tr key={o.code}>
                  <th scope="row" className="py-1 text-left font-normal">
                    <span aria-hidden="true" className={`mr-2 inline-block h-3 w-3 rounded-sm ${o.colour}`} />
                    {ui.name(getIndicator(o.code))}
                  </th>
                  <td className="text-right tabular-nums">{ui.value(f.value(o.code), "hồ sơ")}</td>
                </tr>
              ))}
              {(["proc_resolved", "proc_pending", "proc_received", "proc_received_online"] as const).map((c) => (
                <tr key={c} className={c === "proc_resolved" ? "border-t border-slate-200 font-medium" : ""}>
                  <th scope="row" className="py-1 text-left font-normal">
                    {ui.name(getIndicator(c))}
                  </th>
                  <td className="text-right tabular-nums">{ui.value(f.value(c), "hồ sơ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
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

async function ReportHistory({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
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

async function Lineage({ commune }: { commune: CommuneDetail }) {
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
