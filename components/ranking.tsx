import { getTranslations } from "next-intl/server";
import type { CommuneRow } from "@/lib/data/org-units";
import { type Indicator, kpiStatus } from "@/lib/domain/indicators";
import type { Ui } from "@/i18n/server";

/**
 * Ranking of communes for one indicator as horizontal bars (HTML, no client JS): best first by the indicator's
 * direction, communes without a value last with the reason written out.
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
  const max = Math.max(...rows.map((r) => r.value ?? 0), props.indicator.unit === "%" ? 100 : 1);
  return (
    <ol className="space-y-1 text-sm" data-testid={props.testId}>
      {shown.map((r, i) => {
        const status = kpiStatus(props.indicator, r.value);
        const bar = status === "bad" ? "bg-red-600" : status === "warning" ? "bg-amber-500" : "bg-sky-700";
        return (
          <li key={r.code} className="grid grid-cols-[2rem_minmax(7rem,12rem)_1fr_auto] items-center gap-2">
            <span className="text-right tabular-nums text-slate-700">{r.value == null ? "—" : i + 1}</span>
            <a href={`/communes/${r.code}`} className="truncate">{r.fullName}</a>
            <span className="h-3 rounded bg-slate-100" aria-hidden="true">
              {r.value != null && <span className={`block h-3 rounded ${bar}`} style={{ width: `${Math.max(0, (r.value / max) * 100)}%` }} />}
            </span>
            <span className="whitespace-nowrap text-right tabular-nums">
              {r.value == null ? t("noValue") : props.ui.value(r.value, props.indicator.unit)}
              {status === "bad" || status === "warning" ? <span className="ml-1 text-xs">({tk(`status.${status}`)})</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
