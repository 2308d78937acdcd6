import { cache, Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { CommuneMap } from "@/components/commune-map";
import { FilterForm } from "@/components/filter-form";
import { KpiCard } from "@/components/kpi-card";
import { coverageText } from "@/components/coverage-note";
import { PeriodForm } from "@/components/period-form";
import { PhoneFold } from "@/components/phone-fold";
import { PrintBar } from "@/components/print-bar";
import { RankingChart } from "@/components/ranking";
import { Skeleton } from "@/components/skeleton";
import { TrendCard, TrendTable } from "@/components/trend-section";
import { rawValuesByCommune, scopeFigures } from "@/lib/data/aggregates";
import { listFormerDistricts, searchCommunes } from "@/lib/data/communes";
import { HEADLINE_CODES, provinceOverview } from "@/lib/data/overview";
import { communeValues, monthlySeries, reportingStandingByCommune, reportingStandingOf } from "@/lib/data/series";
import { INDICATORS, type Indicator, findIndicator, getIndicator, kpiStatus } from "@/lib/domain/indicators";
import { isComparableChange } from "@/lib/domain/aggregate";
import { compareToPrevious } from "@/lib/domain/change";
import { figureCoverage } from "@/lib/domain/coverage";
import { isRangeLocked } from "@/lib/data/coverage";
import { REFORM_START, formatPeriodVi, previousRange } from "@/lib/domain/periods";
import { formatDateVi } from "@/lib/domain/format";
import { type SearchParams, first } from "@/lib/domain/range-query";
import { getUi } from "@/i18n/server";
import { PROVINCE, type PageContext, pageContext } from "@/lib/web/page-context";

const overview = cache(provinceOverview);
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
      <Kpis ctx={ctx} />
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
                {RANKABLE.map((i) => (
                  <option key={i.code} value={i.code}>
                    {ui.name(i)}
                  </option>
                ))}
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
        <Alerts ctx={ctx} />
      </Suspense>
      <Suspense fallback={<Skeleton label={t("loading")} height="h-96" />}>
        <CommuneTable ctx={ctx} />
      </Suspense>
    </div>
  );
}

async function Kpis({ ctx }: { ctx: PageContext }) {
  const t = await getTranslations("overview");
  const tk = await getTranslations("kpi");
  const ui = await getUi();
  const prevRange = previousRange(ctx.range);
  const hasPrevious = prevRange.from >= REFORM_START;
  const extra = ["shortage_finance", "shortage_construction", "shortage_land", "shortage_it"] as const;
  const [o, current, previous, standing, locked] = await Promise.all([
    overview(PROVINCE, ctx.range, ctx.filters),
    scopeFigures(ctx.scope, ctx.range, [...HEADLINE_CODES, ...extra]),
    hasPrevious ? scopeFigures(ctx.scope, prevRange, [...HEADLINE_CODES]) : Promise.resolve(null),
    reportingStandingOf(ctx.scope, ctx.range, ctx.now),
    isRangeLocked(ctx.range),
  ]);
  // What each figure covers (issue 28): stock totals say which units are carried, flows and rates their coverage.
  const coverageCodes = [
    "one_stop_coverage",
    "staff_quota",
    "staff_cbcc",
    "proc_on_time_rate",
    "proc_online_rate",
    "shortage_total",
    "pages_digitised_cumulative",
    "feedback_resolution_rate",
  ];
  const coverageNotes = new Map(
    await Promise.all(
      coverageCodes.map(
        async (code) =>
          [
            code,
            await coverageText(
              figureCoverage(getIndicator(code), current.raw, current.reporting, o.units.total, locked),
            ),
          ] as const,
      ),
    ),
  );
  const cover = (code: string) => (current.value(code) == null ? null : (coverageNotes.get(code) ?? null));
  const show = (code: string) => {
    const ind = getIndicator(code);
    const v = o.value(code);
    return { value: v == null ? t("noData") : ui.value(v, ind.unit), status: kpiStatus(ind, v) };
  };
  const prevLabel = ui.range(prevRange);
  const comparable = (code: string) =>
    previous == null || isComparableChange(getIndicator(code), current.raw, previous.raw);
  const change = (code: string) => {
    const ind = getIndicator(code);
    const v = current.value(code);
    const p = previous?.value(code) ?? null;
    // Said once for the page (noPrevious, notComparable below), not on every card.
    const c = compareToPrevious(v, p, ind.unit);
    if (c == null || !comparable(code)) return undefined;
    if (c.direction === "same") return t("change.same", { range: prevLabel });
    const magnitude = c.points
      ? t("change.points", { value: ui.value(c.size, "%").replace("%", "") })
      : ui.value(c.size, ind.unit);
    return t(c.direction === "up" ? "change.up" : "change.down", { delta: magnitude, range: prevLabel });
  };
  const target = (code: string) => {
    const ind = getIndicator(code);
    return ind.target == null
      ? ""
      : t("cards.target", {
          sign: ind.direction === "LOWER_IS_BETTER" ? "≤" : "≥",
          target: ui.value(ind.target, ind.unit),
        });
  };
  const card = (code: string, testId: string, title: string, detail?: string) => {
    const s = show(code);
    return (
      <KpiCard
        title={title}
        value={s.value}
        status={s.status}
        statusLabel={tk(`status.${s.status}`)}
        testId={testId}
        change={change(code)}
        detail={detail ?? (target(code) || undefined)}
        coverage={cover(code)}
      />
    );
  };
  const coverage = show("one_stop_coverage");
  const quotaFill = show("quota_fill_rate");
  const nothing = Object.keys(current.raw).length === 0;
  const noPrevious =
    !nothing && HEADLINE_CODES.some((c) => current.value(c) != null && (previous?.value(c) ?? null) == null);
  const notComparable = HEADLINE_CODES.some(
    (c) => current.value(c) != null && previous?.value(c) != null && !comparable(c),
  );
  return (
    <section aria-labelledby="kpi-heading" className="space-y-3">
      <h2 id="kpi-heading" className="text-lg font-semibold">
        {t("kpis")}
      </h2>
      {nothing && (
        <p className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="overview-no-data">
          {t("noDataFor", { range: ui.range(ctx.range) })}
        </p>
      )}
      {noPrevious && (
        <p className="text-sm text-slate-700" data-testid="kpi-no-previous">
          {t("change.none", { range: prevLabel })}
        </p>
      )}
      {notComparable && (
        <p className="text-sm text-slate-700" data-testid="kpi-not-comparable">
          {t("change.notComparable", { range: prevLabel })}
        </p>
      )}
      <div
        className="grid grid-cols-2 gap-2 sm:gap-4 lg:grid-cols-4 print:grid-cols-4 print:gap-2"
        data-testid="kpi-grid"
      >
        <KpiCard
          title={t("cards.units")}
          value={ui.integer(o.units.total)}
          testId="kpi-units"
          detail={t("cards.unitsDetail", { xa: ui.integer(o.units.xa), phuong: ui.integer(o.units.phuong) })}
        />
        <KpiCard
          title={t("cards.oneStop")}
          testId="kpi-one-stop"
          status={coverage.status}
          statusLabel={tk(`status.${coverage.status}`)}
          value={o.oneStop ? `${ui.integer(o.oneStop.covered)}/${ui.integer(o.oneStop.reporting)}` : t("noData")}
          detail={
            o.oneStop
              ? t("cards.oneStopOfReported", {
                  reported: ui.integer(o.oneStop.reporting),
                  total: ui.integer(o.units.total),
                })
              : undefined
          }
          change={change("one_stop_coverage")}
          coverage={o.oneStop ? cover("one_stop_coverage") : null}
        />
        <KpiCard
          title={t("cards.quota")}
          value={show("staff_quota").value}
          testId="kpi-quota"
          status={quotaFill.status}
          statusLabel={tk(`status.${quotaFill.status}`)}
          detail={t("cards.quotaDetail", { total: show("staff_total").value, rate: quotaFill.value })}
          change={change("quota_fill_rate")}
          coverage={cover("staff_quota")}
        />
        <KpiCard
          title={t("cards.cbcc")}
          value={show("staff_cbcc").value}
          testId="kpi-cbcc"
          change={change("staff_cbcc")}
          coverage={cover("staff_cbcc")}
        />
        <KpiCard
          title={t("cards.allLevels")}
          value={o.staffAllLevels == null ? t("noData") : ui.integer(o.staffAllLevels)}
          testId="kpi-all-levels"
        />
        {card("proc_on_time_rate", "kpi-on-time", t("cards.onTime"))}
        {card("proc_online_rate", "kpi-online", t("cards.online"))}
        {card(
          "shortage_total",
          "kpi-shortage",
          t("cards.shortage"),
          current.value("shortage_total") == null
            ? undefined
            : t("cards.shortageDetail", {
                finance: ui.value(current.value("shortage_finance"), "vị trí"),
                construction: ui.value(current.value("shortage_construction"), "vị trí"),
                land: ui.value(current.value("shortage_land"), "vị trí"),
                it: ui.value(current.value("shortage_it"), "vị trí"),
              }),
        )}
        {card("pages_digitised_cumulative", "kpi-pages", t("cards.pages"))}
        {card("feedback_resolution_rate", "kpi-feedback", t("cards.feedback"))}
        {/* Reports still within their deadline are not a failure: while nothing is overdue the card is neutral. */}
        <KpiCard
          title={t("cards.reporting")}
          testId="kpi-reporting"
          status={standing.overdue === 0 && standing.pending > 0 ? "pending" : show("reporting_rate").status}
          statusLabel={
            standing.overdue === 0 && standing.pending > 0
              ? tk("status.pending")
              : tk(`status.${show("reporting_rate").status}`)
          }
          value={`${ui.integer(o.reporting.received)}/${ui.integer(o.reporting.expected)}`}
          detail={
            <>
              <span className="block" data-testid="reporting-standing">
                {t("cards.reportingStanding", {
                  received: ui.integer(standing.received),
                  pending: ui.integer(standing.pending),
                  overdue: ui.integer(standing.overdue),
                })}
              </span>
              {standing.nextDeadline && (
                <span className="block">
                  {t("cards.reportingDeadline", {
                    period: formatPeriodVi(standing.nextDeadline.period),
                    deadline: formatDateVi(standing.nextDeadline.at),
                    days: standing.nextDeadline.daysLeft,
                  })}
                </span>
              )}
              <span className="block">{t("cards.reportingDetail", { rate: show("reporting_timeliness").value })}</span>
            </>
          }
          change={change("reporting_rate")}
        />
      </div>
    </section>
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

const communeList = cache((filters: PageContext["filters"]) => searchCommunes(PROVINCE, { ...filters, q: undefined }));
const valuesFor = cache((ctx: PageContext, code: string) => communeValues(ctx.scope, ctx.range, code));

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

async function Alerts({ ctx }: { ctx: PageContext }) {
  const t = await getTranslations("overview");
  const tk = await getTranslations("kpi");
  const ui = await getUi();
  const onTimeIndicator = getIndicator("proc_on_time_rate");
  const shortageCodes = ["shortage_finance", "shortage_construction", "shortage_land", "shortage_it"] as const;
  const [onTime, shortages, reporting, communes] = await Promise.all([
    valuesFor(ctx, onTimeIndicator.code),
    rawValuesByCommune(ctx.scope, ctx.range, shortageCodes),
    reportingStandingByCommune(ctx.scope, ctx.range, ctx.now),
    communeList(ctx.filters),
  ]);
  const below = communes
    .map((c) => ({ c, v: onTime.get(c.code) ?? null }))
    .filter(({ v }) => kpiStatus(onTimeIndicator, v) === "bad" || kpiStatus(onTimeIndicator, v) === "warning")
    .sort((a, b) => (a.v ?? 0) - (b.v ?? 0));
  const fieldNames = {
    shortage_finance: "finance",
    shortage_construction: "construction",
    shortage_land: "land",
    shortage_it: "it",
  } as const;
  const missing = communes.flatMap((c) => {
    const raw = shortages.get(c.code) ?? {};
    const fields = shortageCodes
      .filter((k) => (raw[k]?.sum ?? 0) > 0)
      .map((k) => `${t(`fields.${fieldNames[k]}`)} ${ui.integer(raw[k]!.sum)}`);
    return fields.length ? [{ c, fields }] : [];
  });
  // Late only after the deadline; communes still within it are counted in one neutral line under the list.
  const notReported = communes.flatMap((c) => {
    const r = reporting.get(c.code);
    return r && r.overdue > 0 ? [{ c, r }] : [];
  });
  const pending = communes.filter((c) => (reporting.get(c.code)?.pending ?? 0) > 0);
  const nextDeadline = pending.length > 0 ? reporting.get(pending[0]!.code)!.nextDeadline : null;
  const list = (
    testId: string,
    title: string,
    items: { key: string; name: string; code: string; detail: string }[],
  ) => (
    <div className="rounded-lg border border-slate-200 bg-white p-3" data-testid={testId}>
      <h3 className="text-sm font-semibold">
        {title} <span className="font-normal text-slate-700">({ui.integer(items.length)})</span>
      </h3>
      {items.length === 0 ? (
        <p className="text-sm">{t("alertsNone")}</p>
      ) : (
        <ul className="mt-1 max-h-64 overflow-y-auto text-sm">
          {items.map((i) => (
            <li key={i.key} className="flex justify-between gap-2 border-t border-slate-100 py-0.5">
              <a href={`/communes/${i.code}`}>{i.name}</a>
              <span className="text-right tabular-nums">{i.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section aria-labelledby="alerts-heading" className="print:hidden">
      <h2 id="alerts-heading" className="mb-2 text-lg font-semibold">
        {t("alerts")}
      </h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {list(
          "alerts-below-target",
          t("alertsBelowTarget", {
            indicator: ui.name(onTimeIndicator),
            target: `≥ ${ui.value(onTimeIndicator.target!, "%")}`,
          }),
          below.map(({ c, v }) => ({
            key: c.code,
            code: c.code,
            name: c.fullName,
            detail: `${ui.value(v, "%")} · ${tk(`status.${kpiStatus(onTimeIndicator, v)}`)}`,
          })),
        )}
        {list(
          "alerts-shortage",
          t("alertsShortage"),
          missing.map(({ c, fields }) => ({ key: c.code, code: c.code, name: c.fullName, detail: fields.join(", ") })),
        )}
        <div className="space-y-2">
          {list(
            "alerts-not-reported",
            t("alertsNotReported", { range: ui.range(ctx.range) }),
            notReported.map(({ c, r }) => ({
              key: c.code,
              code: c.code,
              name: c.fullName,
              detail: t("alertsNotReportedDetail", { overdue: r.overdue }),
            })),
          )}
          {nextDeadline && (
            <p className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="alerts-pending">
              {t("alertsPending", {
                n: ui.integer(pending.length),
                period: formatPeriodVi(nextDeadline.period),
                deadline: formatDateVi(nextDeadline.at),
                days: nextDeadline.daysLeft,
              })}
            </p>
          )}
        </div>
      </div>
    </section>
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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="commune-table">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("columns.code")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("columns.unit")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("columns.district")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("columns.quota")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("columns.cbcc")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("columns.onTime")}
              </th>
            </tr>
          </thead>
          <tbody>
            {o.communes.map((c) => (
              <tr key={c.code} className="border-t border-slate-100">
                <td className="px-3 py-2 tabular-nums">{c.code}</td>
                <td className="px-3 py-2">
                  <a href={`/communes/${c.code}`}>{c.fullName}</a>
                </td>
                <td className="px-3 py-2">{c.formerDistricts.join("; ")}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {c.reported ? (
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
                  )}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{ui.value(c.staffCbcc, "người")}</td>
                <td className="px-3 py-2 text-right tabular-nums">{ui.value(c.onTimeRate, "%")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
