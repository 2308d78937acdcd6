import { getTranslations } from "next-intl/server";
import { rawValuesByCommune } from "@/lib/data/aggregates";
import { reportingStandingByCommune } from "@/lib/data/series";
import { formatDateVi } from "@/lib/domain/format";
import { getIndicator, kpiStatus } from "@/lib/domain/indicators";
import { formatPeriodVi } from "@/lib/domain/periods";
import { getUi } from "@/i18n/server";
import type { PageContext } from "@/lib/web/page-context";
import { communeList, valuesFor } from "./overview-data";

/** Units that need attention in the period: below the on-time target, short of specialists, reports overdue. */
export async function OverviewAlerts({ ctx }: { ctx: PageContext }) {
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
