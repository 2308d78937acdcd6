"use client";
/**
 * A chart's static SVG drawn from its data (components/chart-figure.tsx). A client component only for what the page
 * sends (issue 24, item 3): it is still rendered on the server into the first HTML, readable without JavaScript, but
 * the page's React payload carries the chart's data (which ChartIsland receives anyway: React sends the one object
 * once) instead of every line, label and point of the drawing.
 */
import type { BarChartData } from "@/lib/chart/bar";
import type { LineChartData } from "@/lib/chart/line";
import { BarChartStatic } from "./bar-chart-static";
import type { LiveChartData, LiveChartKind } from "./chart-island";
import { LineChartStatic } from "./line-chart-static";

export function ChartStatic<K extends LiveChartKind>({ kind, data }: { kind: K; data: LiveChartData[K] }) {
  return kind === "line" ? (
    <LineChartStatic data={data as LineChartData} />
  ) : (
    <BarChartStatic data={data as BarChartData} />
  );
}
