/**
 * A small line chart of one indicator by month, drawn on the server as SVG: no JavaScript is sent for it, it shows
 * before any script runs and prints as is. The latest value is marked. Hidden from screen readers: every month's
 * figure is in the table under it (components/trend-section.tsx).
 */
import { type ChartBox, linePath, placePoints, valueAxis, yOf } from "@/lib/chart/line";

export interface TrendPoint {
  label: string;
  value: number | null;
  /** The value as shown in text ("98,8%"). */
  text: string;
}

const BOX: ChartBox = { width: 360, height: 184, left: 52, right: 12, top: 8, bottom: 22 };

export function TrendChart(props: { points: TrendPoint[]; target?: number | null; locale: string; percent?: boolean }) {
  const fmt = new Intl.NumberFormat(props.locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: props.percent ? 1 : 0 });
  const present = props.points.flatMap((p) => (p.value == null ? [] : [p.value]));
  const axis = valueAxis(present, { fromZero: !props.percent, include: props.target });
  const placed = placePoints(props.points.map((p) => p.value), axis, BOX);
  const right = BOX.width - BOX.right;
  const bottom = BOX.height - BOX.bottom;
  const last = props.points.length - 1;
  const lastValue = placed.findLastIndex((p) => p.y != null);
  return (
    <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} className="h-auto w-full" aria-hidden="true" data-testid="trend-chart">
      {axis.ticks.map((t) => {
        const y = yOf(t, axis, BOX).toFixed(1);
        return (
          <g key={t}>
            <line x1={BOX.left} x2={right} y1={y} y2={y} stroke="#e2e8f0" />
            <text x={BOX.left - 6} y={y} dy="0.32em" textAnchor="end" fontSize="11" fill="#334155">{fmt.format(t)}</text>
          </g>
        );
      })}
      {props.target != null && (
        <line x1={BOX.left} x2={right} y1={yOf(props.target, axis, BOX).toFixed(1)} y2={yOf(props.target, axis, BOX).toFixed(1)}
          stroke="#b45309" strokeDasharray="4 4" />
      )}
      <line x1={BOX.left} x2={right} y1={bottom} y2={bottom} stroke="#94a3b8" />
      {(last > 0 ? [0, last] : last === 0 ? [0] : []).map((i) => (
        <text key={i} x={placed[i]!.x} y={BOX.height - 6} fontSize="11" fill="#334155" textAnchor={i === 0 && last > 0 ? "start" : "end"}>
          {props.points[i]!.label}
        </text>
      ))}
      <path d={linePath(placed)} fill="none" stroke="#075985" strokeWidth={2} />
      {lastValue >= 0 && <circle cx={placed[lastValue]!.x.toFixed(1)} cy={placed[lastValue]!.y!.toFixed(1)} r={3} fill="#075985" />}
    </svg>
  );
}
