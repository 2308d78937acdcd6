import { getTranslations } from "next-intl/server";
import type { CommuneRow } from "@/lib/data/org-units";
import { valueAxis } from "@/lib/chart/line";
import { colourRule } from "@/lib/domain/colour-rule";
import { type Indicator, kpiStatus } from "@/lib/domain/indicators";
import type { Ui } from "@/i18n/server";
import { shadeBackground } from "./colour-scale";

/**
 * Ranking of communes for one indicator as horizontal bars (HTML, no client JS): best first by the indicator's
 * direction, communes without a value last with the reason written out. Bars are coloured by the one colour rule
 * (lib/domain/colour-rule.ts). A rate's axis starts where the values are (94% to 100%, not 0%), so that 94,5% and
 * 99,6% do not look alike; the axis is labelled at both ends and the target is marked on every bar.
 */
export async function RankingChart(props: {
  indicator: Indicator;
  values: Map<string, number | null>;
  communes: Pick<CommuneRow, "code" | "fullName">[];
  ui: Ui;
  testId?: string;
  limit?: number;
}) {
  const t = await getTranslations("ranking");
  const tk = await getTranslations("kpi");
  const lowerBetter = props.indicator.direction === "LOWER_IS_BETTER";
  const rows = props.communes.map((c) => ({ ...c, value: props.values.get(c.code) ?? null }));
  rows.sort((a, b) => {
    if (a.value == null) return b.value == null ? a.code.localeCompare(b.code) : 1;
    if (b.value == null) return -1;
    return lowerBetter ? a.value - b.value : b.value - a.value;
  });
  const shown = props.limit ? rows.slice(0, props.limit) : rows;
  const present = rows.flatMap((r) => (r.value == null ? [] : [r.value]));
  const isRate = props.indicator.unit === "%";
  const axis = valueAxis(present, { fromZero: !isRate, include: props.indicator.target });
  const min = isRate ? axis.min : 0;
  const max = isRate ? Math.min(axis.max, Math.max(100, ...present)) : axis.max;
  const at = (v: number) => Math.min(100, Math.max(0, ((v - min) / (max - min || 1)) * 100));
  const rule = colourRule(props.indicator, present);
  const target = props.indicator.target;
  const fmt = (v: number) => props.ui.value(v, props.indicator.unit);
  return (
    <div data-testid={props.testId}>
      <p className="mb-1 grid grid-cols-[2rem_minmax(7rem,12rem)_1fr_auto] gap-2 text-xs text-slate-700" data-testid="ranking-axis">
        <span className={`relative col-start-3 tabular-nums ${target != null ? "h-8" : "h-4"}`}>
          <span className="absolute left-0 top-0">{fmt(min)}</span>
          <span className="absolute right-0 top-0">{fmt(max)}</span>
          {/* Under the target's place on the bars; shifted by as much of its width as its place, so it never overflows. */}
          {target != null && (
            <span className="absolute bottom-0 whitespace-nowrap text-amber-900" style={{ left: `${at(target)}%`, transform: `translateX(-${at(target)}%)` }}>
              {t("targetMark", { target: fmt(target) })}
            </span>
          )}
        </span>
      </p>
      {isRate && min > 0 && <p className="sr-only">{t("axisFrom", { min: fmt(min) })}</p>}
      <ol className="space-y-1 text-sm">
        {shown.map((r, i) => {
          const status = kpiStatus(props.indicator, r.value);
          return (
            <li key={r.code} className="grid grid-cols-[2rem_minmax(7rem,12rem)_1fr_auto] items-center gap-2">
              <span className="text-right tabular-nums text-slate-700">{r.value == null ? "—" : i + 1}</span>
              <a href={`/communes/${r.code}`} className="truncate">{r.fullName}</a>
              <span className="relative h-3 rounded bg-slate-100" aria-hidden="true">
                {r.value != null && <span className="block h-3 rounded border border-slate-500/40" style={{ width: `${Math.max(1, at(r.value))}%`, background: shadeBackground(rule.shade(r.value)) }} />}
                {target != null && <span className="absolute -top-0.5 h-4 border-l-2 border-dashed border-amber-800" style={{ left: `${at(target)}%` }} />}
              </span>
              <span className="whitespace-nowrap text-right tabular-nums">
                {r.value == null ? t("noValue") : fmt(r.value)}
                {status === "bad" || status === "warning" ? <span className="ml-1 text-xs">({tk(`status.${status}`)})</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
