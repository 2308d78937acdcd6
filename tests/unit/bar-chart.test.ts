import { describe, expect, it } from "vitest";
import {
  type FontMetrics,
  barAxis,
  barLayout,
  fitToFont,
  fittedBarAxis,
  labelWidth,
  plotWidthOf,
  xOfValue,
} from "@/lib/chart/bar";
import { rankingChartData } from "@/lib/chart/ranking";
import { SHADE_COLOURS } from "@/lib/domain/colour-rule";
import { formatCompact } from "@/lib/domain/format";
import { getIndicator } from "@/lib/domain/indicators";

/** A plot as wide as a ranking of 38 communes leaves for its bars. */
const PLOT = 180;

/** No two neighbouring labels of the axis overlap (with the same estimate of their width as the drawing). */
function labelsApart(axis: { min: number; max: number; ticks: number[] }, unit: string): boolean {
  const xs = axis.ticks.map((t) => xOfValue(t, axis, PLOT));
  const ws = axis.ticks.map((t) => labelWidth(formatCompact(t, unit, "vi")));
  return xs.slice(1).every((x, i) => x - xs[i]! > (ws[i]! + ws[i + 1]!) / 2);
}

describe("the ranking's value axis", () => {
  it("does not start at 0% when every rate lies between 94% and 100%: 94,5% and 99,6% must not look alike", () => {
    // The on-time rates of the demo communes in 07–09/2025 run from 94,52% to 99,62%; the target is 98%.
    const a = barAxis([94.52, 96.3, 98.8, 99.62], { unit: "%", include: 98 });
    expect(a.min).toBeGreaterThan(90);
    expect(a.min).toBeLessThan(94.52);
    expect(a.max).toBe(100);
    expect(a.ticks[0]).toBe(a.min);
    expect(a.ticks.at(-1)).toBe(100);
    // The smallest bar is still drawn, and the two ends differ by most of the plot.
    expect(xOfValue(94.52, a, PLOT)).toBeGreaterThan(0);
    expect(xOfValue(99.62, a, PLOT) - xOfValue(94.52, a, PLOT)).toBeGreaterThan(PLOT / 2);
  });

  it("starts at zero where the bars differ enough from zero, so that their lengths compare honestly", () => {
    // Online rates 26–47%: from zero a bar twice as long is a rate twice as high.
    expect(barAxis([26.56, 35, 47.48], { unit: "%", include: 50 }).min).toBe(0);
    // Feedback resolved 83–100%: differences of a sixth of a bar are visible from zero.
    expect(barAxis([83.33, 91, 100], { unit: "%", include: 80 }).min).toBe(0);
    // Counts of vacant positions, lower is better, target 0.
    const shortage = barAxis([0, 3, 9], { unit: "vị trí", include: 0 });
    expect(shortage.min).toBe(0);
    expect(shortage.max).toBeGreaterThanOrEqual(9);
    expect(shortage.ticks.every(Number.isInteger)).toBe(true);
  });

  it("covers the target even when it lies outside the values", () => {
    const a = barAxis([96, 97, 99], { unit: "%", include: 80 });
    expect(a.min).toBeLessThanOrEqual(80);
    expect(a.max).toBe(100);
    const b = barAxis([20, 30], { unit: "%", include: 50 });
    expect(b.max).toBeGreaterThanOrEqual(50);
  });

  it("never runs a rate past 100% or below 0%, unless a value does", () => {
    for (const values of [
      [99.1, 99.9],
      [0.2, 0.3],
      [50, 100],
      [100, 100],
    ]) {
      const a = barAxis(values, { unit: "%" });
      expect(a.min).toBeGreaterThanOrEqual(0);
      expect(a.max).toBeLessThanOrEqual(100);
      expect(a.max).toBeGreaterThan(a.min);
    }
    expect(barAxis([98, 104], { unit: "%" }).max).toBeGreaterThanOrEqual(104);
  });

  it("has distinct, whole-enough ticks: percentages by half a point at the finest, counts by one", () => {
    const flat = barAxis([100, 100, 100], { unit: "%" });
    expect(flat.ticks.length).toBeGreaterThanOrEqual(2);
    const labels = flat.ticks.map((t) => formatCompact(t, "%", "vi"));
    expect(new Set(labels).size).toBe(labels.length);
    expect(barAxis([0, 0], { unit: "vị trí", include: 0 })).toEqual({ min: 0, max: 1, ticks: [0, 1] });
    expect(barAxis([], { unit: "%" }).ticks.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps as many ticks as fit, so that long numbers never overlap", () => {
    const pages = fittedBarAxis([28_592, 150_000, 318_825], { unit: "trang", locale: "vi", plotWidth: PLOT });
    expect(pages.min).toBe(0);
    expect(pages.max).toBeGreaterThanOrEqual(318_825);
    expect(pages.ticks.length).toBeGreaterThanOrEqual(2);
    expect(labelsApart(pages, "trang")).toBe(true);
    const quota = fittedBarAxis([90.23, 94, 98.29], { unit: "%", locale: "vi", include: 95, plotWidth: PLOT });
    expect(quota.min).toBeGreaterThan(0);
    expect(labelsApart(quota, "%")).toBe(true);
    expect(quota.ticks.length).toBeGreaterThanOrEqual(3);
  });
});

describe("the ranking's data", () => {
  const onTime = getIndicator("proc_on_time_rate");
  const row = (key: string, value: number | null) => ({
    key,
    name: `Xã ${key}`,
    value,
    text: value == null ? "—" : `${value}%`,
  });

  it("orders best first, the lowest first where lower is better, units without a value last by code", () => {
    const rows = [row("03", 97), row("01", null), row("02", 99.5), row("00", null), row("04", 90)];
    const data = rankingChartData({
      indicator: onTime,
      rows,
      locale: "vi",
      targetLabel: "Chỉ tiêu ≥ 98,0%",
      noValue: "Chưa có số liệu",
      label: "x",
    });
    expect(data.rows.map((r) => r.key)).toEqual(["02", "03", "04", "00", "01"]);
    expect(data.rows.map((r) => r.rank)).toEqual([1, 2, 3, null, null]);
    const shortage = getIndicator("shortage_total");
    const low = rankingChartData({
      indicator: shortage,
      rows: [row("a", 5), row("b", 0), row("c", 2)],
      locale: "vi",
      targetLabel: null,
      noValue: "",
      label: "",
    });
    expect(low.rows.map((r) => r.key)).toEqual(["b", "c", "a"]);
  });

  it("colours each bar by the one colour rule and marks the target", () => {
    const data = rankingChartData({
      indicator: onTime,
      rows: [row("a", 99), row("b", 95), row("c", 80), row("d", null)],
      locale: "vi",
      targetLabel: "Chỉ tiêu ≥ 98,0%",
      noValue: "Chưa có số liệu",
      label: "x",
    });
    expect(data.rows.map((r) => r.fill)).toEqual([
      SHADE_COLOURS.good.fill,
      SHADE_COLOURS.warning.fill,
      SHADE_COLOURS.bad.fill,
      "none",
    ]);
    expect(data.target).toEqual({ value: 98, label: "Chỉ tiêu ≥ 98,0%" });
    expect(data.axis.min).toBeLessThanOrEqual(80);
  });

  it("makes the columns of names and values as wide as their longest text, and leaves the bars the rest", () => {
    const short = barLayout([{ name: "Xã Pa Ủ", text: "9%", value: 9 }]);
    const long = barLayout([
      { name: "Phường Tân Phong", text: "318.825", value: 318_825 },
      { name: "Xã A", text: "Chưa có số liệu", value: null },
    ]);
    expect(long.left).toBeGreaterThanOrEqual(labelWidth("Phường Tân Phong"));
    expect(long.right).toBeGreaterThanOrEqual(labelWidth("318.825"));
    // A row without a value says so inside the plot, not in the column of values.
    expect(long.right).toBeLessThan(labelWidth("Chưa có số liệu"));
    expect(plotWidthOf(short)).toBeGreaterThan(plotWidthOf(long));
    expect(long.height).toBe(long.top + 2 * long.row + long.bottom);
  });
});

describe("the ranking fitted to the font as rendered (issue 28)", () => {
  // The on-time ranking of 07–09/2025 at 375 px: rates from 94,5% to 99,6%, target 98%.
  const data = rankingChartData({
    indicator: getIndicator("proc_on_time_rate"),
    rows: Array.from({ length: 38 }, (_, i) => ({
      key: String(i).padStart(5, "0"),
      name: `Xã Số ${i}`,
      value: 94.5 + (i * 5.1) / 37,
      text: `${(94.5 + (i * 5.1) / 37).toFixed(1).replace(".", ",")}%`,
    })),
    locale: "vi",
    targetLabel: "Chỉ tiêu ≥ 98,0%",
    noValue: "Chưa có số liệu",
    label: "Xếp hạng",
  });
  const font = (ascent: number, descent: number, perChar = 0.62): FontMetrics => ({
    ascent,
    descent,
    width: (text) => text.length * 12 * perChar,
  });

  it("leaves the static drawing's box and ticks as they are for DejaVu Sans and Noto Sans (measured at 12 px)", () => {
    for (const f of [font(11, 3, 0.55), font(13, 4, 0.5)]) {
      const fitted = fitToFont(data, f);
      expect(fitted.layout).toEqual(data.layout);
      expect(fitted.axis).toEqual(data.axis);
    }
  });

  it("never lets the target's label touch the axis numbers, nor leave the top, whatever the line box", () => {
    for (let ascent = 6; ascent <= 24; ascent++) {
      for (let descent = 1; descent <= 8; descent++) {
        const { layout } = fitToFont(data, font(ascent, descent));
        expect(layout.targetLabelY - ascent).toBeGreaterThanOrEqual(0);
        expect(layout.tickLabelY - ascent).toBeGreaterThanOrEqual(layout.targetLabelY + descent);
        expect(layout.top - layout.tickLabelY).toBe(8);
        expect(layout.height - layout.top).toBe(data.layout.height - data.layout.top);
      }
    }
  });

  it("takes fewer axis numbers when the measured ones would touch", () => {
    const wide = font(11, 3, 2);
    const { axis } = fitToFont(data, wide);
    expect(axis.ticks.length).toBeLessThan(data.axis.ticks.length);
    const plot = plotWidthOf(data.layout);
    const xs = axis.ticks.map((t) => xOfValue(t, axis, plot));
    const ws = axis.ticks.map((t) => wide.width(formatCompact(t, "%", "vi")));
    xs.slice(1).forEach((x, i) => expect(x - xs[i]!).toBeGreaterThan((ws[i]! + ws[i + 1]!) / 2));
  });
});
