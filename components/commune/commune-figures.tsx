import { getTranslations } from "next-intl/server";
import { KpiCard } from "@/components/kpi-card";
import { scopeFigures, type Scope } from "@/lib/data/aggregates";
import type { CommuneDetail } from "@/lib/data/communes";
import { getIndicator, kpiStatus } from "@/lib/domain/indicators";
import { rangeLength } from "@/lib/domain/periods";
import { getUi } from "@/i18n/server";
import { PROVINCE, type PageContext } from "@/lib/web/page-context";

/** The commune page's figures for the period: its headline cards beside the province's, its staff, its procedures. */

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

export function communeScope(commune: CommuneDetail): Scope {
  return { provinceCode: PROVINCE, communeCodes: [commune.code] };
}

export async function CommuneKpis({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
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

export async function Staffing({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
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
          <FigureLegend
            rows={[
              ...parts.map((p, i) => ({
                key: p.code,
                label: ui.name(getIndicator(p.code)),
                colour: colours[i],
                value: ui.value(p.value, "người"),
              })),
              {
                key: "staff_total",
                label: t("staffTotal"),
                value: ui.value(f.value("staff_total"), "người"),
                total: true,
              },
              { key: "staff_quota", label: ui.name(getIndicator("staff_quota")), value: ui.value(quota, "người") },
            ]}
          />
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

export async function Procedures({ commune, ctx }: { commune: CommuneDetail; ctx: PageContext }) {
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
          <FigureLegend
            rows={[
              ...outcomes.map((o) => ({
                key: o.code,
                label: ui.name(getIndicator(o.code)),
                colour: o.colour,
                value: ui.value(f.value(o.code), "hồ sơ"),
              })),
              ...(["proc_resolved", "proc_pending", "proc_received", "proc_received_online"] as const).map((c) => ({
                key: c,
                label: ui.name(getIndicator(c)),
                value: ui.value(f.value(c), "hồ sơ"),
                total: c === "proc_resolved",
              })),
            ]}
          />
        </>
      )}
    </section>
  );
}

/**
 * The key to a stacked bar, with each part's figure and the totals under it. Hand-written rather than a DataTable: it
 * is the bar's legend (no column headers, nothing to sort or scroll), read together with the bar above it.
 */
function FigureLegend(props: {
  rows: readonly { key: string; label: string; value: string; colour?: string; total?: boolean }[];
}) {
  return (
    <table className="mt-3 w-full text-sm">
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key} className={r.total ? "border-t border-slate-200 font-medium" : ""}>
            <th scope="row" className={`py-1 text-left ${r.total ? "" : "font-normal"}`}>
              {r.colour && <span aria-hidden="true" className={`mr-2 inline-block h-3 w-3 rounded-sm ${r.colour}`} />}
              {r.label}
            </th>
            <td className="text-right tabular-nums">{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
