/**
 * Geometry of a small monthly line chart (components/trend-chart.tsx): a "nice" value axis, the points placed in a
 * box, and the line broken wherever a month has no value. Pure: no React, no DOM.
 */

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The step of a tick series: 1, 2, 2.5 or 5 × 10^k, giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / magnitude;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10) * magnitude;
}

/**
 * The axis for these values (and an optional reference such as a target): from zero for counts, around the data for
 * rates; ticks at a nice step that cover every value.
 */
export function valueAxis(
  values: readonly number[],
  opts: { fromZero: boolean; include?: number | null; count?: number },
): { min: number; max: number; ticks: number[] } {
  const all = opts.include == null ? [...values] : [...values, opts.include];
  let lo = all.length ? Math.min(...all) : 0;
  let hi = all.length ? Math.max(...all) : 1;
  if (opts.fromZero) lo = Math.min(0, lo);
  if (hi === lo) {
    hi += hi === 0 ? 1 : Math.abs(hi) * 0.05;
    lo -= opts.fromZero || lo === 0 ? 0 : Math.abs(lo) * 0.05;
  }
  return ticksCovering(lo, hi, niceStep(hi - lo, opts.count ?? 4));
}

/** Ticks every `step` that cover [lo, hi]: from the multiple of step at or below lo to the one at or above hi. */
export function ticksCovering(lo: number, hi: number, step: number): { min: number; max: number; ticks: number[] } {
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min, max, ticks };
}

export interface PlacedPoint {
  x: number;
  y: number | null;
}

/** Points spread evenly across the plot; y in the box for [min, max], null where there is no value. */
export function placePoints(
  values: readonly (number | null)[],
  axis: { min: number; max: number },
  box: ChartBox,
): PlacedPoint[] {
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const n = values.length;
  return values.map((v, i) => ({
    x: box.left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1)),
    y: v == null ? null : yOf(v, axis, box, plotH),
  }));
}

export function yOf(
  v: number,
  axis: { min: number; max: number },
  box: ChartBox,
  plotH = box.height - box.top - box.bottom,
): number {
  return box.top + plotH - ((v - axis.min) / (axis.max - axis.min || 1)) * plotH;
}

/**
 * Whether the target's label goes under its line: where the line is in the upper half of the plot, so that the label
 * is neither cut off at the top (a target of 100% at the top of the axis) nor over the month labels at the bottom.
 */
export function targetLabelBelow(target: number, axis: { min: number; max: number }): boolean {
  return (target - axis.min) / (axis.max - axis.min || 1) > 0.5;
}

/** SVG path data: one sub-path per run of months with values (a month without a value breaks the line). */
export function linePath(points: readonly PlacedPoint[]): string {
  let d = "";
  let drawing = false;
  for (const p of points) {
    if (p.y == null) {
      drawing = false;
      continue;
    }
    d += `${drawing ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    drawing = true;
  }
  return d;
}

/**
 * A line with provisional months (issue 28: a month not fully reported is never drawn as a fall): the solid line
 * joins only complete months; every segment leading into or out of a provisional month is dashed, and provisional
 * points are drawn hollow. `partial[i]` is true for a provisional month.
 */
export function splitProvisional(
  points: readonly PlacedPoint[],
  partial: readonly boolean[],
): { solid: string; dashed: string; hollow: PlacedPoint[] } {
  const solid = linePath(points.map((p, i) => (partial[i] ? { x: p.x, y: null } : p)));
  let dashed = "";
  const hollow: PlacedPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (p.y == null || !partial[i]) continue;
    hollow.push(p);
    const prev = points[i - 1];
    if (prev && prev.y != null)
      dashed += `M${prev.x.toFixed(1)},${prev.y.toFixed(1)}L${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    const next = points[i + 1];
    if (next && next.y != null && !partial[i + 1])
      dashed += `M${p.x.toFixed(1)},${p.y.toFixed(1)}L${next.x.toFixed(1)},${next.y.toFixed(1)}`;
  }
  return { solid, dashed, hollow };
}

/** Rows of the interactive chart: the solid series (complete months) and the dashed one (segments into provisional months). */
export function provisionalValues(
  values: readonly (number | null)[],
  partial: readonly boolean[],
): { solid: (number | null)[]; dashed: (number | null)[] } {
  const solid = values.map((v, i) => (partial[i] ? null : v));
  const dashed = values.map((v, i) =>
    v != null && (partial[i] || partial[i - 1] === true || partial[i + 1] === true) ? v : null,
  );
  return { solid, dashed };
}

/**
 * Which months get a label on the time axis: at most `maxLabels`, the first and the latest month always, the others
 * every `step` months counted back from the latest, none nearer than `step` to another, so labels never overlap.
 */
export function monthTickIndices(count: number, maxLabels: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.ceil((count - 1) / Math.max(1, maxLabels - 1)));
  const indices: number[] = [];
  for (let i = count - 1; i >= step; i -= step) indices.unshift(i);
  return [0, ...indices];
}

/** One line of a chart: its values by month and the same values as written ("98,8%"). */
export interface ChartSeries {
  key: string;
  name: string;
  colour: string;
  values: (number | null)[];
  texts: string[];
}

/**
 * Everything a monthly line chart shows, computed once on the server and drawn twice: as plain SVG in the first HTML
 * (components/line-chart-static.tsx) and by recharts once its code has arrived (components/charts-live.tsx).
 */
export interface LineChartData {
  months: string[];
  series: ChartSeries[];
  unit: string;
  locale: "vi" | "en";
  axis: { min: number; max: number; ticks: number[] };
  target: { value: number; label: string } | null;
  /** What the chart shows, for the interactive chart's accessible name. */
  label: string;
  /** Per month: the note of a provisional month ("tạm tính, 26/38 xã, phường"), null for a complete one (issue 28). */
  partial?: (string | null)[];
}

/** Five colours told apart with the common colour-vision deficiencies, none of them the target's amber. */
export const SERIES_COLOURS = ["#075985", "#15803d", "#7e22ce", "#be123c", "#334155"] as const;
export const TARGET_COLOUR = "#b45309";
