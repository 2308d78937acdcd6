/**
 * Horizontal bars of a ranking (components/ranking.tsx): where the value axis starts, its ticks, and the box both
 * drawings share. Pure: no React, no DOM. Drawn twice from one BarChartData (made by lib/chart/ranking.ts), as plain
 * SVG in the first HTML (components/bar-chart-static.tsx) and by recharts once its code has arrived
 * (components/charts-live.tsx), which is why this module stays small: it travels with recharts to the browser.
 */
import { type Locale, formatCompact } from "@/lib/domain/format";
import { niceStep, ticksCovering } from "./line";

/**
 * The drawing's box in SVG units, shared by both drawings so that the chart does not move when it becomes interactive:
 * commune names left of the bars, values right of them, the target's label and the axis numbers above. The columns of
 * names and values are as wide as their longest text (barLayout).
 */
export interface BarLayout {
  width: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  row: number;
  bar: number;
  fontSize: number;
  height: number;
  /** Baselines above the bars: the target's label, then the axis numbers. */
  targetLabelY: number;
  tickLabelY: number;
}

/**
 * The band above the bars holds two lines of labels (the target's, then the axis numbers 8 units above the plot, where
 * recharts writes them): room for fonts whose line box is as tall as Noto Sans' (about 1.42 em, Android's family;
 * DejaVu Sans is 1.17 em). The interactive drawing measures the font it gets and makes the band taller if it needs to
 * (fitToFont).
 */
const BASE_LAYOUT = {
  width: 360,
  top: 40,
  bottom: 4,
  row: 16,
  bar: 11,
  fontSize: 12,
  targetLabelY: 14,
  tickLabelY: 32,
} as const;
/** recharts writes a top axis' numbers this far above the axis line (tick size 6 and margin 2). */
const TICK_LABEL_OFFSET = 8;
export const BAR_STROKE = "#64748b";

export function barLayout(rows: readonly { name: string; text: string; value: number | null }[]): BarLayout {
  const widest = (texts: string[]) => Math.max(0, ...texts.map((t) => labelWidth(t, BASE_LAYOUT.fontSize)));
  const left = Math.min(150, Math.max(60, Math.ceil(widest(rows.map((r) => r.name)) + 10)));
  const right = Math.min(
    90,
    Math.max(30, Math.ceil(widest(rows.filter((r) => r.value != null).map((r) => r.text)) + 10)),
  );
  return {
    ...BASE_LAYOUT,
    left,
    right,
    height: BASE_LAYOUT.top + Math.max(1, rows.length) * BASE_LAYOUT.row + BASE_LAYOUT.bottom,
  };
}

export function plotWidthOf(layout: Pick<BarLayout, "width" | "left" | "right">): number {
  return layout.width - layout.left - layout.right;
}

/**
 * From zero, bars whose smallest value is at least this share of the largest differ by at most 15% of their length:
 * 94,5% and 99,6% look alike. Such bars start just below the smallest value instead (the axis says where).
 */
export const LOOK_ALIKE_RATIO = 0.85;

export interface BarAxis {
  min: number;
  max: number;
  ticks: number[];
}

/**
 * The value axis of a ranking. Bars start at zero, where their lengths compare honestly, unless from zero they would
 * all look alike (LOOK_ALIKE_RATIO); then the axis starts a little below the smallest value, so that the smallest bar
 * is still drawn. The axis covers every value and `include` (the target), at a nice step of about `count` intervals;
 * a percentage's axis never runs past 100% unless a value does, nor below 0%.
 */
export function barAxis(
  values: readonly (number | null | undefined)[],
  opts: { unit: string; include?: number | null; count?: number },
): BarAxis {
  const present = values.filter((v): v is number => v != null && Number.isFinite(v));
  const lo = present.length ? Math.min(...present) : 0;
  const hi = present.length ? Math.max(...present) : 0;
  const alike = lo > 0 && lo >= LOOK_ALIKE_RATIO * hi;
  let from = alike ? lo - Math.max(hi - lo, hi * 0.02) * 0.1 : Math.min(0, lo);
  let to = Math.max(hi, 0);
  if (opts.include != null && Number.isFinite(opts.include)) {
    from = Math.min(from, opts.include);
    to = Math.max(to, opts.include);
  }
  if (to === from) to = from + 1;
  // Never finer than the labels can tell apart: percentages are written with one decimal, counts are whole.
  const nice = niceStep(to - from, opts.count ?? 4);
  const step = opts.unit === "%" ? Math.max(nice, 0.5) : Math.max(1, Math.ceil(nice));
  const covering = ticksCovering(from, to, step);
  let { min, max } = covering;
  if (opts.unit === "%") {
    if (to <= 100) max = Math.min(max, 100);
    if (from >= 0) min = Math.max(min, 0);
  }
  min = Number(min.toPrecision(12));
  max = Number(max.toPrecision(12));
  return { min, max, ticks: covering.ticks.filter((t) => t >= min - 1e-9 && t <= max + 1e-9) };
}

/** About how wide a label is in SVG units: a conservative average for Vietnamese text with diacritics. */
export function labelWidth(text: string, fontSize: number = BASE_LAYOUT.fontSize): number {
  return text.length * fontSize * 0.62;
}

/**
 * barAxis with as many ticks as the plot holds: fewer when the numbers are long ("300 nghìn"), so that no two labels
 * of the axis ever overlap.
 */
export function fittedBarAxis(
  values: readonly (number | null | undefined)[],
  opts: { unit: string; locale: Locale; include?: number | null; plotWidth: number; width?: (text: string) => number },
): BarAxis {
  const plotWidth = opts.plotWidth;
  const width = opts.width ?? ((text: string) => labelWidth(text));
  let axis = barAxis(values, { ...opts, count: 4 });
  for (let count = 3; count >= 1 && !labelsFit(axis, opts.unit, opts.locale, plotWidth, width); count--) {
    axis = barAxis(values, { ...opts, count });
  }
  return axis;
}

function labelsFit(
  axis: BarAxis,
  unit: string,
  locale: Locale,
  plotWidth: number,
  width: (text: string) => number,
): boolean {
  const widths = axis.ticks.map((t) => width(formatCompact(t, unit, locale)));
  const xs = axis.ticks.map((t) => xOfValue(t, axis, plotWidth));
  return xs.slice(1).every((x, i) => x - xs[i]! >= (widths[i]! + widths[i + 1]!) / 2 + BASE_LAYOUT.fontSize * 0.6);
}

/**
 * The font as the browser renders the chart's labels, measured at layout.fontSize in SVG units: the line box above
 * and below the baseline (the box a label occupies) and the width of a text.
 */
export interface FontMetrics {
  ascent: number;
  descent: number;
  width: (text: string) => number;
}

/** Space between the target's label and the axis numbers below it, in SVG units. */
const LABEL_GAP = 1;

/**
 * The ranking refitted to the font as rendered (issue 28: with Noto Sans the target's label and the axis numbers
 * overlapped, the band above the bars being sized for a shorter line box): the target's label sits a line box below
 * the top, the axis numbers a line box below it, and the band grows when the font needs it; the axis takes fewer
 * ticks when the measured numbers would touch. What already fits is left as it is, so that the interactive drawing
 * matches the static one (the same ticks, the same box) whenever the estimate was enough.
 */
export function fitToFont(
  data: Pick<BarChartData, "layout" | "axis" | "unit" | "locale" | "rows" | "target">,
  font: FontMetrics,
): { layout: BarLayout; axis: BarAxis } {
  const layout = data.layout;
  const targetLabelY = Math.max(layout.targetLabelY, Math.ceil(font.ascent));
  const tickLabelY = Math.max(
    layout.tickLabelY,
    Math.ceil((data.target ? targetLabelY + font.descent + LABEL_GAP : 0) + font.ascent),
  );
  const top = Math.max(layout.top, tickLabelY + TICK_LABEL_OFFSET);
  const fitted = { ...layout, targetLabelY, tickLabelY, top, height: layout.height + (top - layout.top) };
  const plotWidth = plotWidthOf(layout);
  const axis = labelsFit(data.axis, data.unit, data.locale, plotWidth, font.width)
    ? data.axis
    : fittedBarAxis(
        data.rows.map((r) => r.value),
        {
          unit: data.unit,
          locale: data.locale,
          include: data.target?.value ?? null,
          plotWidth,
          width: font.width,
        },
      );
  return { layout: fitted, axis };
}

/** Where a value lies along the plot, from 0 at the axis's start to plotWidth at its end. */
export function xOfValue(v: number, axis: { min: number; max: number }, plotWidth: number): number {
  return ((v - axis.min) / (axis.max - axis.min || 1)) * plotWidth;
}

/** One commune's bar: its value as written ("98,8%"), its colour by the one colour rule, its place in the ranking. */
export interface BarRow {
  key: string;
  name: string;
  value: number | null;
  text: string;
  /** 1 for the best; null without a value. */
  rank: number | null;
  fill: string;
  /** How the value stands against the target, in words ("Chưa đạt chỉ tiêu"), where the colour says so. */
  note: string | null;
}

export interface BarChartData {
  rows: BarRow[];
  unit: string;
  locale: Locale;
  axis: BarAxis;
  layout: BarLayout;
  target: { value: number; label: string } | null;
  /** What a row without a value says. */
  noValue: string;
  /** What the chart shows, for the interactive chart's accessible name. */
  label: string;
}
