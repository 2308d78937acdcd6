/**
 * A chart in two drawings of the same data: the static SVG (components/chart-static.tsx: in the first HTML, readable
 * without JavaScript and printed as is) and, once the reader reaches for it, recharts' interactive drawing of `kind`
 * (components/chart-island.tsx). The accessible name is the data's label; the figures themselves are in a table or
 * list beside the chart.
 */
import { ChartIsland, type LiveChartData, type LiveChartKind } from "./chart-island";
import { ChartStatic } from "./chart-static";

export function ChartFigure<K extends LiveChartKind>(props: {
  kind: K;
  data: LiveChartData[K];
  testId?: string;
  className?: string;
}) {
  return (
    <div
      className={["chart relative rounded", props.className].filter(Boolean).join(" ")}
      role="group"
      aria-label={props.data.label}
      data-testid={props.testId}
    >
      <ChartStatic kind={props.kind} data={props.data} />
      <ChartIsland kind={props.kind} data={props.data} />
    </div>
  );
}
