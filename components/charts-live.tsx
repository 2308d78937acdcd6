"use client";
/**
 * The interactive drawings, with recharts: loaded by components/chart-island.tsx after the page is interactive.
 * Hovering or focusing the chart (then the arrow keys: recharts' accessibility layer) shows the month, each value as
 * written in the page's language, and the target.
 */
import type { ComponentType } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, type TooltipContentProps, XAxis, YAxis } from "recharts";
import { type LineChartData, TARGET_COLOUR, monthTickIndices } from "@/lib/chart/line";
import { formatCompact } from "@/lib/domain/format";
import type { LiveChartData, LiveChartKind } from "./chart-island";
import { LINE_BOX, MAX_MONTH_LABELS } from "./line-chart-static";

type Row = { index: number; month: string } & Record<string, number | string | null>;

function LineTooltip({ active, payload, data }: Pick<TooltipContentProps, "active" | "payload"> & { data: LineChartData }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow" data-testid="chart-tooltip">
      <p className="font-semibold">{row.month}</p>
      {data.series.map((s) => (
        <p key={s.key} className="tabular-nums">
          <span aria-hidden="true" className="mr-1 inline-block h-2 w-2 rounded-full" style={{ background: s.colour }} />
          {data.series.length > 1 ? `${s.name}: ` : ""}{s.texts[row.index]}
        </p>
      ))}
      {data.target && <p className="text-amber-900">{data.target.label}</p>}
    </div>
  );
}

export function LiveLineChart({ data }: { data: LineChartData }) {
  const rows: Row[] = data.months.map((month, index) => ({
    index,
    month,
    ...Object.fromEntries(data.series.map((s) => [s.key, s.values[index] ?? null])),
  }));
  const box = LINE_BOX;
  const monthTicks = monthTickIndices(data.months.length, MAX_MONTH_LABELS).map((i) => data.months[i]!);
  return (
    <div style={{ aspectRatio: `${box.width} / ${box.height}` }} className="w-full" data-testid="line-chart-live">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: box.top, right: box.right + 10, bottom: 0, left: 0 }} title={data.label} accessibilityLayer>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="month" ticks={monthTicks} interval={0} tick={{ fontSize: 11, fill: "#334155" }} tickLine={false} stroke="#94a3b8" />
          <YAxis domain={[data.axis.min, data.axis.max]} ticks={data.axis.ticks} width={box.left - 4} tick={{ fontSize: 11, fill: "#334155" }}
            tickFormatter={(v: number) => formatCompact(v, data.unit, data.locale)} axisLine={false} tickLine={false} allowDataOverflow />
          {data.target && (
            <ReferenceLine y={data.target.value} stroke={TARGET_COLOUR} strokeDasharray="4 4"
              label={{ value: data.target.label, position: "insideTopRight", fontSize: 11, fill: "#92400e" }} />
          )}
          {data.series.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.colour} strokeWidth={2} dot={false} activeDot={{ r: 4 }}
              isAnimationActive={false} connectNulls={false} />
          ))}
          <Tooltip content={({ active, payload }) => <LineTooltip active={active} payload={payload} data={data} />} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The drawing of each kind of chart, for components/chart-island.tsx. */
export const LIVE_CHARTS: { [K in LiveChartKind]: ComponentType<{ data: LiveChartData[K] }> } = { line: LiveLineChart };
