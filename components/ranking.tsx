import { getTranslations } from "next-intl/server";
import type { CommuneRow } from "@/lib/data/org-units";
import { rankingChartData } from "@/lib/chart/ranking";
import { type Indicator, kpiStatus } from "@/lib/domain/indicators";
import type { Ui } from "@/i18n/server";
import { ChartFigure } from "./chart-figure";
import { RankingList } from "./ranking-list";

/**
 * Ranking of communes for one indicator as horizontal bars: best first by the indicator's direction, communes without
 * a value last with the reason written out. A server-drawn SVG in the first HTML (readable without JavaScript,
 * printed as is), made interactive by recharts when the reader reaches for it (components/chart-figure.tsx). Bars are
 * coloured by the one colour rule (lib/domain/colour-rule.ts) and the target is a labelled line across them. The axis
 * starts where the bars tell the truth (lib/chart/bar.ts, barAxis): at zero, unless from zero 94,5% and 99,6% would
 * look alike; then it says where it starts. The same ranking is a list of links beside the chart, for screen readers
 * and for reading figure by figure (components/ranking-list.tsx, drawn from the chart's data: the page's payload holds
 * the rows once).
 */
export async function RankingChart(props: {
  indicator: Indicator;
  values: Map<string, number | null>;
  communes: Pick<CommuneRow, "code" | "fullName">[];
  ui: Ui;
  testId?: string;
}) {
  const t = await getTranslations("ranking");
  const tk = await getTranslations("kpi");
  const { indicator, ui } = props;
  const fmt = (v: number) => ui.value(v, indicator.unit);
  const statusNote = (value: number | null) => {
    const status = kpiStatus(indicator, value);
    return status === "bad" || status === "warning" ? tk(`status.${status}`) : null;
  };
  const name = ui.name(indicator);
  const data = rankingChartData({
    indicator,
    rows: props.communes.map((c) => {
      const value = props.values.get(c.code) ?? null;
      return {
        key: c.code,
        name: c.fullName,
        value,
        text: value == null ? t("noValue") : fmt(value),
        note: statusNote(value),
      };
    }),
    locale: ui.locale,
    targetLabel:
      indicator.target == null
        ? null
        : t("targetLine", {
            sign: indicator.direction === "LOWER_IS_BETTER" ? "≤" : "≥",
            target: fmt(indicator.target),
          }),
    noValue: t("noValue"),
    label: t("chartLabel", { indicator: name }),
  });
  const from = data.axis.min;
  return (
    <div data-testid={props.testId}>
      <ChartFigure kind="bar" data={data} testId="ranking-chart" className="max-w-[30rem]" />
      {from !== 0 && (
        <p className="mt-1 text-xs text-slate-700" data-testid="ranking-axis-from">
          {t("axisFrom", { min: fmt(from) })}
        </p>
      )}
      <RankingList data={data} summary={t("showList", { count: data.rows.length })} />
    </div>
  );
}
