/**
 * A ranking drawn as plain SVG: in the first HTML, readable without JavaScript, printed as is. recharts draws the same
 * chart (components/charts-live.tsx, LiveBarChart) once its code has arrived, in the same box (data.layout). Hidden
 * from screen readers: the ranking is also a list (components/ranking.tsx).
 */
import { BAR_STROKE, type BarChartData, type BarLayout, plotWidthOf, xOfValue } from "@/lib/chart/bar";
import { TARGET_COLOUR } from "@/lib/chart/line";
import { formatCompact } from "@/lib/domain/format";

export function BarChartStatic({ data }: { data: BarChartData }) {
  const box = data.layout;
  const x = (v: number) => box.left + xOfValue(v, data.axis, plotWidthOf(box));
  const bottom = box.height - box.bottom;
  const base = x(Math.min(Math.max(0, data.axis.min), data.axis.max));
  const targetX = data.target == null ? null : x(data.target.value);
  return (
    <svg
      viewBox={`0 0 ${box.width} ${box.height}`}
      className="chart-static h-auto w-full"
      aria-hidden="true"
      data-testid="bar-chart-static"
      fontSize={box.fontSize}
    >
      {data.axis.ticks.map((t) => (
        <g key={t}>
          <line x1={x(t).toFixed(1)} x2={x(t).toFixed(1)} y1={box.top} y2={bottom} stroke="#e2e8f0" />
          <text x={x(t).toFixed(1)} y={box.tickLabelY} textAnchor="middle" fill="#334155" className="x-tick">
            {formatCompact(t, data.unit, data.locale)}
          </text>
        </g>
      ))}
      {data.rows.map((r, i) => {
        const mid = box.top + i * box.row + box.row / 2;
        const end = r.value == null ? null : x(r.value);
        return (
          <g key={r.key} className="bar-row" data-key={r.key}>
            <text x={box.left - 8} y={mid} dy="0.32em" textAnchor="end" fill="#0f172a">
              {r.name}
            </text>
            {end == null ? (
              <text x={box.left + 4} y={mid} dy="0.32em" fill="#475569" fontStyle="italic">
                {data.noValue}
              </text>
            ) : (
              <>
                <rect
                  x={Math.min(base, end).toFixed(1)}
                  y={(mid - box.bar / 2).toFixed(1)}
                  width={Math.max(1, Math.abs(end - base)).toFixed(1)}
                  height={box.bar}
                  fill={r.fill}
                  stroke={BAR_STROKE}
                  strokeOpacity={0.5}
                />
                <text x={box.width - box.right + 6} y={mid} dy="0.32em" fill="#0f172a">
                  {r.text}
                </text>
              </>
            )}
          </g>
        );
      })}
      <line x1={base.toFixed(1)} x2={base.toFixed(1)} y1={box.top} y2={bottom} stroke="#94a3b8" />
      {targetX != null && (
        <g>
          <line
            x1={targetX.toFixed(1)}
            x2={targetX.toFixed(1)}
            y1={box.top}
            y2={bottom}
            stroke={TARGET_COLOUR}
            strokeWidth={1.5}
            strokeDasharray="4 3"
          />
          <TargetLabel x={targetX} label={data.target!.label} layout={box} />
        </g>
      )}
    </svg>
  );
}

/**
 * The target's label above the axis numbers, beside a stub of its line (which leaves the numbers clear), on the side
 * with room for it. `scale`: SVG units to the pixels of recharts' drawing.
 */
export function TargetLabel({
  x,
  label,
  layout,
  scale = 1,
}: {
  x: number;
  label: string;
  layout: BarLayout;
  scale?: number;
}) {
  const leftOfLine = x / scale > layout.left + plotWidthOf(layout) / 2;
  return (
    <g className="target-label">
      <line
        x1={x}
        x2={x}
        y1={(layout.targetLabelY - 9) * scale}
        y2={(layout.targetLabelY + 3) * scale}
        stroke={TARGET_COLOUR}
        strokeWidth={1.5}
        strokeDasharray="4 3"
      />
      <text
        x={x + (leftOfLine ? -4 : 4) * scale}
        y={layout.targetLabelY * scale}
        textAnchor={leftOfLine ? "end" : "start"}
        fontSize={layout.fontSize * scale}
        fill="#92400e"
      >
        {label}
      </text>
    </g>
  );
}
