/**
 * A monthly line chart: the static SVG in the first HTML, made interactive by recharts once its code arrives
 * (components/chart-figure.tsx). Both draw the same LineChartData.
 */
import { type ChartSeries, type LineChartData, SERIES_COLOURS, valueAxis } from "@/lib/chart/line";
import { ChartFigure } from "./chart-figure";

export function LineChartFigure({ data, testId }: { data: LineChartData; testId?: string }) {
  return <ChartFigure kind="line" data={data} testId={testId} />;
}

/**
 * The chart's data from its series: the value axis covers every value and the target, from zero for counts and around
 * the data for rates (where a rate's axis does not start at zero, its first tick says so).
 */
export function lineChartData(input: {
  months: string[];
  /** A series without a colour gets the next of SERIES_COLOURS. */
  series: (Omit<ChartSeries, "colour"> & { colour?: string })[];
  unit: string;
  locale: "vi" | "en";
  target: { value: number; label: string } | null;
  label: string;
  partial?: (string | null)[];
}): LineChartData {
  const present = input.series.flatMap((s) => s.values.filter((v): v is number => v != null));
  const axis = valueAxis(present, { fromZero: input.unit !== "%", include: input.target?.value });
  return {
    ...input,
    axis,
    series: input.series.map((s, i) => ({ ...s, colour: s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length]! })),
  };
}
