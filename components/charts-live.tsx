"use client";
/**
 * The interactive drawings, with recharts: loaded by components/chart-island.tsx after the page is interactive.
 * Hovering or focusing the chart (then the arrow keys: recharts' accessibility layer) shows the month (a line) or the
 * commune (a ranking), each value as written in the page's language, and the target.
 */
import { type ComponentType, type KeyboardEvent as ReactKeyboardEvent, useCallback, useState } from "react";
import {
  Bar,
  BarChart,
  DefaultZIndexes,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import { BAR_STROKE, type BarChartData, type BarRow, type FontMetrics, fitToFont } from "@/lib/chart/bar";
import {
  type LineChartData,
  TARGET_COLOUR,
  monthTickIndices,
  provisionalValues,
  targetLabelBelow,
} from "@/lib/chart/line";
import { formatCompact } from "@/lib/domain/format";
import { TargetLabel } from "./bar-chart-static";
import type { LiveChartData, LiveChartKind } from "./chart-island";
import { LINE_BOX, MAX_MONTH_LABELS } from "./line-chart-static";

/** Grid lines are reference lines behind the data: the same look as CartesianGrid, without its code (SPEC §7's budget). */
const GRID_COLOUR = "#e2e8f0";

type Row = { index: number; month: string } & Record<string, number | string | null>;

function LineTooltip({
  active,
  payload,
  data,
}: Pick<TooltipContentProps, "active" | "payload"> & { data: LineChartData }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow" data-testid="chart-tooltip">
      <p className="font-semibold">{row.month}</p>
      {data.series.map((s) => (
        <p key={s.key} className="tabular-nums">
          <span
            aria-hidden="true"
            className="mr-1 inline-block h-2 w-2 rounded-full"
            style={{ background: s.colour }}
          />
          {data.series.length > 1 ? `${s.name}: ` : ""}
          {s.texts[row.index]}
        </p>
      ))}
      {data.partial?.[row.index] && (
        <p className="text-amber-900" data-testid="tooltip-partial">
          {data.partial[row.index]}
        </p>
      )}
      {data.target && <p className="text-amber-900">{data.target.label}</p>}
    </div>
  );
}

export function LiveLineChart({ data }: { data: LineChartData }) {
  const partial = data.months.map((_, i) => data.partial?.[i] != null);
  const split = data.series.map((s) => provisionalValues(s.values, partial));
  const rows: Row[] = data.months.map((month, index) => ({
    index,
    month,
    ...Object.fromEntries(
      data.series.flatMap((s, k) => [
        [s.key, split[k]!.solid[index] ?? null],
        [`${s.key}__partial`, split[k]!.dashed[index] ?? null],
      ]),
    ),
  }));
  const box = LINE_BOX;
  const monthTicks = monthTickIndices(data.months.length, MAX_MONTH_LABELS).map((i) => data.months[i]!);
  return (
    <div data-testid="line-chart-live">
      <LineChart
        data={rows}
        margin={{ top: box.top, right: box.right + 10, bottom: 0, left: 0 }}
        title={data.label}
        accessibilityLayer
        responsive
        style={{ width: "100%", aspectRatio: `${box.width} / ${box.height}` }}
      >
        {data.axis.ticks.map((t) => (
          <ReferenceLine key={t} y={t} stroke={GRID_COLOUR} zIndex={DefaultZIndexes.grid} ifOverflow="hidden" />
        ))}
        <XAxis
          dataKey="month"
          ticks={monthTicks}
          interval={0}
          tick={{ fontSize: 11, fill: "#334155" }}
          tickLine={false}
          stroke="#94a3b8"
        />
        <YAxis
          domain={[data.axis.min, data.axis.max]}
          ticks={data.axis.ticks}
          width={box.left - 4}
          tick={{ fontSize: 11, fill: "#334155" }}
          tickFormatter={(v: number) => formatCompact(v, data.unit, data.locale)}
          axisLine={false}
          tickLine={false}
          allowDataOverflow
        />
        {data.target && (
          <ReferenceLine
            y={data.target.value}
            stroke={TARGET_COLOUR}
            strokeDasharray="4 4"
            label={{
              value: data.target.label,
              position: targetLabelBelow(data.target.value, data.axis) ? "insideTopRight" : "insideBottomRight",
              fontSize: 11,
              fill: "#92400e",
            }}
          />
        )}
        {data.series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.colour}
            strokeWidth={2}
            dot={false}
            activeDot={{ r: 4 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
        {/* Provisional months: dashed segments and hollow points, never a solid fall (issue 28). */}
        {partial.some(Boolean) &&
          data.series.map((s) => (
            <Line
              key={`${s.key}__partial`}
              dataKey={`${s.key}__partial`}
              name={s.name}
              stroke={s.colour}
              strokeWidth={2}
              strokeDasharray="5 4"
              className="partial-segment"
              activeDot={false}
              isAnimationActive={false}
              connectNulls={false}
              legendType="none"
              tooltipType="none"
              dot={(p: { cx?: number; cy?: number; index?: number }) =>
                p.index != null && partial[p.index] && p.cx != null && p.cy != null ? (
                  <circle
                    key={p.index}
                    cx={p.cx}
                    cy={p.cy}
                    r={3.5}
                    fill="#fff"
                    stroke={s.colour}
                    strokeWidth={2}
                    className="partial-point"
                  />
                ) : (
                  <g key={p.index} />
                )
              }
            />
          ))}
        <Tooltip
          content={({ active, payload }) => <LineTooltip active={active} payload={payload} data={data} />}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}

function BarTooltip({
  active,
  payload,
  data,
}: Pick<TooltipContentProps, "active" | "payload"> & { data: BarChartData }) {
  const row = payload?.[0]?.payload as BarRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow" data-testid="chart-tooltip">
      <p className="font-semibold">
        {row.rank == null ? "" : `${row.rank}. `}
        {row.name}
      </p>
      <p className="tabular-nums">
        {row.value != null && (
          <span
            aria-hidden="true"
            className="mr-1 inline-block h-2 w-2 rounded-full border border-slate-500"
            style={{ background: row.fill }}
          />
        )}
        {row.value == null ? data.noValue : row.text}
        {row.note ? ` (${row.note})` : ""}
      </p>
      {data.target && <p className="text-amber-900">{data.target.label}</p>}
    </div>
  );
}

/**
 * Which key recharts 3.11 needs to move through the rows of a vertical chart: its keyboard layer takes a vertical
 * layout's direction (top to bottom) as reversed, so its ArrowLeft goes down a row and ArrowRight up. A reader expects
 * ArrowDown (and ArrowRight, as on the line charts) to go to the next commune in the ranking.
 */
const ROW_KEYS: Record<string, string> = {
  ArrowDown: "ArrowLeft",
  ArrowRight: "ArrowLeft",
  ArrowUp: "ArrowRight",
  ArrowLeft: "ArrowRight",
};

function moveByRows(e: ReactKeyboardEvent<HTMLDivElement>) {
  const key = ROW_KEYS[e.key];
  // The reader's key only: the one this sends on passes through.
  if (!key || !e.nativeEvent.isTrusted) return;
  e.preventDefault();
  e.stopPropagation();
  e.target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
}

/**
 * The font the labels are rendered in, measured in the browser (a canvas resolves the family as the page does) at
 * `fontSize` px, which is `fontSize` SVG units before scaling. Null where a canvas cannot measure.
 */
function measureFont(el: Element, fontSize: number): FontMetrics | null {
  const canvas = document.createElement("canvas").getContext("2d");
  if (!canvas) return null;
  const style = getComputedStyle(el);
  canvas.font = `${style.fontWeight} ${fontSize}px ${style.fontFamily}`;
  const line = canvas.measureText("ÁĐg");
  if (!(line.fontBoundingBoxAscent > 0)) return null;
  return {
    ascent: line.fontBoundingBoxAscent,
    descent: line.fontBoundingBoxDescent,
    width: (text) => canvas.measureText(text).width,
  };
}

/**
 * The ranking in the box of the static drawing (data.layout), scaled as the static SVG is scaled to the width it gets, so
 * that nothing moves or changes size when it becomes interactive: names and values are drawn by the name axis' ticks.
 * Its labels are fitted to the font as rendered (lib/chart/bar.ts fitToFont): the static drawing's estimate holds for
 * the usual fonts; a taller or wider one gets more room above the bars or fewer axis numbers rather than overlaps.
 */
export function LiveBarChart({ data }: { data: BarChartData }) {
  const [fit, setFit] = useState<Pick<BarChartData, "layout" | "axis"> | null>(null);
  const box = fit?.layout ?? data.layout;
  const axis = fit?.axis ?? data.axis;
  const [k, setK] = useState(1);
  const measured = useCallback(
    (el: HTMLDivElement | null) => {
      if (!el) return;
      const font = measureFont(el, data.layout.fontSize);
      if (font) setFit(fitToFont(data, font));
      const observer = new ResizeObserver(() => setK(el.clientWidth > 0 ? el.clientWidth / data.layout.width : 1));
      observer.observe(el);
      return () => observer.disconnect();
    },
    [data],
  );
  // recharts writes the axis numbers 8 px above the axis (tick size and margin); the rest of the top is the target's.
  const axisHeight = box.top - box.tickLabelY + box.fontSize;
  const font = box.fontSize * k;
  const RowTick = ({ y, payload }: { y: number | string; payload: { index: number } }) => {
    const row = data.rows[payload.index];
    if (!row) return null;
    return (
      <g fontSize={font}>
        <text x={(box.left - 8) * k} y={y} dy="0.32em" textAnchor="end" fill="#0f172a">
          {row.name}
        </text>
        {row.value == null ? (
          <text x={(box.left + 4) * k} y={y} dy="0.32em" fill="#475569" fontStyle="italic">
            {data.noValue}
          </text>
        ) : (
          <text x={(box.width - box.right + 6) * k} y={y} dy="0.32em" fill="#0f172a">
            {row.text}
          </text>
        )}
      </g>
    );
  };
  return (
    <div ref={measured} data-testid="bar-chart-live" onKeyDownCapture={moveByRows}>
      <BarChart
        layout="vertical"
        data={data.rows}
        margin={{ top: (box.top - axisHeight) * k, right: box.right * k, bottom: box.bottom * k, left: 0 }}
        responsive
        style={{ width: "100%", aspectRatio: `${box.width} / ${box.height}` }}
        barSize={box.bar * k}
        title={data.label}
        accessibilityLayer
      >
        {axis.ticks.map((t) => (
          <ReferenceLine key={t} x={t} stroke={GRID_COLOUR} zIndex={DefaultZIndexes.grid} ifOverflow="hidden" />
        ))}
        <XAxis
          type="number"
          orientation="top"
          domain={[axis.min, axis.max]}
          ticks={axis.ticks}
          interval={0}
          height={axisHeight * k}
          tick={{ fontSize: font, fill: "#334155" }}
          tickFormatter={(v: number) => formatCompact(v, data.unit, data.locale)}
          axisLine={false}
          tickLine={false}
          allowDataOverflow
        />
        <YAxis
          type="category"
          dataKey="key"
          width={box.left * k}
          interval={0}
          tick={RowTick}
          tickLine={false}
          axisLine={{ stroke: "#94a3b8" }}
        />
        {data.target && (
          <ReferenceLine
            x={data.target.value}
            className="target-line"
            stroke={TARGET_COLOUR}
            strokeWidth={1.5}
            strokeDasharray="4 3"
            label={({ viewBox }: { viewBox?: { x?: number } }) => (
              <TargetLabel x={viewBox?.x ?? 0} label={data.target!.label} layout={box} scale={k} />
            )}
          />
        )}
        <Bar dataKey="value" stroke={BAR_STROKE} strokeOpacity={0.5} isAnimationActive={false} />
        <Tooltip
          content={({ active, payload }) => <BarTooltip active={active} payload={payload} data={data} />}
          cursor={{ fill: "#f1f5f9" }}
          isAnimationActive={false}
        />
      </BarChart>
    </div>
  );
}

/** The drawing of each kind of chart, for components/chart-island.tsx. */
export const LIVE_CHARTS: { [K in LiveChartKind]: ComponentType<{ data: LiveChartData[K] }> } = {
  line: LiveLineChart,
  bar: LiveBarChart,
};
