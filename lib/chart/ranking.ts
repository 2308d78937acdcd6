/**
 * A ranking of communes as the bar chart draws it: order, ranks, colours and axis. Pure; on the server only (the
 * indicator catalogue it needs stays out of the chart code sent to the browser).
 */
import { SHADE_COLOURS, colourRule } from "@/lib/domain/colour-rule";
import type { Locale } from "@/lib/domain/format";
import type { Indicator } from "@/lib/domain/indicators";
import { type BarChartData, barLayout, fittedBarAxis, plotWidthOf } from "./bar";

/**
 * The ranking's data: best first by the indicator's direction (the lowest first where lower is better), units without
 * a value last by code; bars coloured by the colour rule of the map and the heat table; the axis by fittedBarAxis.
 */
export function rankingChartData(input: {
  indicator: Indicator;
  rows: { key: string; name: string; value: number | null; text: string; note?: string | null }[];
  locale: Locale;
  targetLabel: string | null;
  noValue: string;
  label: string;
}): BarChartData {
  const lowerBetter = input.indicator.direction === "LOWER_IS_BETTER";
  const sorted = [...input.rows].sort((a, b) => {
    if (a.value == null) return b.value == null ? a.key.localeCompare(b.key) : 1;
    if (b.value == null) return -1;
    return lowerBetter ? a.value - b.value : b.value - a.value;
  });
  const values = sorted.map((r) => r.value);
  const rule = colourRule(input.indicator, values);
  const target = input.indicator.target ?? null;
  const layout = barLayout(sorted);
  return {
    rows: sorted.map((r, i) => {
      const shade = rule.shade(r.value);
      return {
        key: r.key,
        name: r.name,
        value: r.value,
        text: r.text,
        note: r.note ?? null,
        rank: r.value == null ? null : i + 1,
        fill: shade === "none" ? "none" : SHADE_COLOURS[shade].fill,
      };
    }),
    unit: input.indicator.unit,
    locale: input.locale,
    axis: fittedBarAxis(values, {
      unit: input.indicator.unit,
      locale: input.locale,
      include: target,
      plotWidth: plotWidthOf(layout),
    }),
    layout,
    target: target == null || input.targetLabel == null ? null : { value: target, label: input.targetLabel },
    noValue: input.noValue,
    label: input.label,
  };
}
