/**
 * A monthly line chart drawn as plain SVG: in the first HTML, readable without JavaScript, printed as is. recharts
 * draws the same chart (components/charts-live.tsx) once its code has arrived; recharts 3 cannot render on the server
 * (it renders an empty wrapper there), hence this drawing. Hidden from screen readers: the figures are in a table.
 */
import {
  type ChartBox,
  type LineChartData,
  TARGET_COLOUR,
  monthTickIndices,
  placePoints,
  splitProvisional,
  targetLabelBelow,
  yOf,
} from "@/lib/chart/line";
import { formatCompact } from "@/lib/domain/format";

/** Shared with the recharts drawing, so that the chart does not move when it becomes interactive. */
export const LINE_BOX: ChartBox = { width: 360, height: 190, left: 62, right: 14, top: 10, bottom: 24 };
export const MAX_MONTH_LABELS = 5;

export function LineChartStatic({ data }: { data: LineChartData }) {
  const box = LINE_BOX;
  const right = box.width - box.right;
  const bottom = box.height - box.bottom;
  const ticks = monthTickIndices(data.months.length, MAX_MONTH_LABELS);
  const xs = placePoints(
    data.months.map(() => 0),
    data.axis,
    box,
  ).map((p) => p.x);
  const targetY = data.target == null ? null : yOf(data.target.value, data.axis, box);
  return (
    <svg
      viewBox={`0 0 ${box.width} ${box.height}`}
      className="chart-static h-auto w-full"
      aria-hidden="true"
      data-testid="line-chart-static"
    >
      {data.axis.ticks.map((t) => {
        const y = yOf(t, data.axis, box).toFixed(1);
        return (
          <g key={t}>
            <line x1={box.left} x2={right} y1={y} y2={y} stroke="#e2e8f0" />
            <text x={box.left - 6} y={y} dy="0.32em" textAnchor="end" fontSize="11" fill="#334155" className="y-tick">
              {formatCompact(t, data.unit, data.locale)}
            </text>
          </g>
        );
      })}
      <line x1={box.left} x2={right} y1={bottom} y2={bottom} stroke="#94a3b8" />
      {ticks.map((i) => (
        <text
          key={i}
          x={xs[i]!.toFixed(1)}
          y={box.height - 6}
          fontSize="11"
          fill="#334155"
          className="x-tick"
          textAnchor={
            i === 0 && data.months.length > 1
              ? "start"
              : i === data.months.length - 1 && data.months.length > 1
                ? "end"
                : "middle"
          }
        >
          {data.months[i]}
        </text>
      ))}
      {targetY != null && (
        <g>
          <line
            x1={box.left}
            x2={right}
            y1={targetY.toFixed(1)}
            y2={targetY.toFixed(1)}
            stroke={TARGET_COLOUR}
            strokeDasharray="4 4"
          />
          <text
            x={right}
            y={targetLabelBelow(data.target!.value, data.axis) ? targetY + 13 : targetY - 4}
            textAnchor="end"
            fontSize="11"
            fill="#92400e"
          >
            {data.target!.label}
          </text>
        </g>
      )}
      {data.series.map((s) => {
        const placed = placePoints(s.values, data.axis, box);
        const partial = data.months.map((_, i) => data.partial?.[i] != null);
        const lines = splitProvisional(placed, partial);
        const last = placed.findLastIndex((p) => p.y != null);
        return (
          <g key={s.key}>
            <path d={lines.solid} fill="none" stroke={s.colour} strokeWidth={2} />
            {lines.dashed && (
              <path
                d={lines.dashed}
                fill="none"
                stroke={s.colour}
                strokeWidth={2}
                strokeDasharray="5 4"
                className="partial-segment"
              />
            )}
            {last >= 0 && !partial[last] && (
              <circle cx={placed[last]!.x.toFixed(1)} cy={placed[last]!.y!.toFixed(1)} r={3} fill={s.colour} />
            )}
            {lines.hollow.map((p) => (
              <circle
                key={p.x}
                cx={p.x.toFixed(1)}
                cy={p.y!.toFixed(1)}
                r={3.5}
                fill="#fff"
                stroke={s.colour}
                strokeWidth={2}
                className="partial-point"
              />
            ))}
          </g>
        );
      })}
    </svg>
  );
}
