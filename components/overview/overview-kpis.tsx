import { getTranslations } from "next-intl/server";
import { KpiCard } from "@/components/kpi-card";
import { coverageText } from "@/components/coverage-note";
import { scopeFigures } from "@/lib/data/aggregates";
import { isRangeLocked } from "@/lib/data/coverage";
import { HEADLINE_CODES } from "@/lib/data/overview";
import { reportingStandingOf } from "@/lib/data/series";
import { isComparableChange } from "@/lib/domain/aggregate";
import { compareToPrevious } from "@/lib/domain/change";
import { figureCoverage } from "@/lib/domain/coverage";
import { formatDateVi } from "@/lib/domain/format";
import { getIndicator, kpiStatus } from "@/lib/domain/indicators";
import { REFORM_START, formatPeriodVi, previousRange } from "@/lib/domain/periods";
import { getUi } from "@/i18n/server";
import { PROVINCE, type PageContext } from "@/lib/web/page-context";
import { overview } from "./overview-data";

/**
 * The overview's headline figures: in the first HTML, not streamed, so that the page works without JavaScript (a
 * streamed Suspense boundary is only revealed by a script).
 */
export async function OverviewKpis({ ctx }: { ctx: PageContext }) {
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
