import { describe, expect, it } from "vitest";
import { linePath, monthTickIndices, niceStep, placePoints, targetLabelBelow, valueAxis } from "@/lib/chart/line";

const box = { width: 200, height: 100, left: 20, right: 0, top: 0, bottom: 20 };

describe("line chart geometry", () => {
  it("picks 1, 2, 2.5 or 5 × 10^k steps", () => {
    expect(niceStep(100, 4)).toBe(25);
    expect(niceStep(13_054, 4)).toBe(5_000);
    expect(niceStep(3.2, 4)).toBe(1);
    expect(niceStep(0.7, 4)).toBe(0.2);
    expect(niceStep(0, 4)).toBe(1);
  });

  it("starts counts at zero and covers every value and the target", () => {
    const a = valueAxis([120, 480, 13_054], { fromZero: true });
    expect(a.min).toBe(0);
    expect(a.max).toBeGreaterThanOrEqual(13_054);
    expect(a.ticks[0]).toBe(0);
    const r = valueAxis([96.1, 98.8], { fromZero: false, include: 95 });
    expect(r.min).toBeLessThanOrEqual(95);
    expect(r.max).toBeGreaterThanOrEqual(98.8);
    expect(r.min).toBeGreaterThan(50);
  });

  it("gives a flat series some height", () => {
    const a = valueAxis([100, 100], { fromZero: false });
    expect(a.max).toBeGreaterThan(a.min);
    expect(valueAxis([], { fromZero: true }).ticks.length).toBeGreaterThan(1);
  });

  it("breaks the line at a month without a value", () => {
    const pts = placePoints([1, 2, null, 3], { min: 0, max: 4 }, box);
    expect(pts[0]).toEqual({ x: 20, y: 60 });
    expect(pts[3]!.x).toBe(200);
    expect(pts[2]!.y).toBeNull();
    expect(linePath(pts).match(/M/g)).toHaveLength(2);
    expect(linePath(placePoints([null, null], { min: 0, max: 1 }, box))).toBe("");
  });
});

describe("month labels on the time axis", () => {
  it("labels at most the asked number of months, always the first and the latest, never two close together", () => {
    expect(monthTickIndices(17, 5)).toEqual([0, 4, 8, 12, 16]);
    expect(monthTickIndices(16, 5)).toEqual([0, 7, 11, 15]);
    for (let n = 1; n <= 40; n++) {
      const ticks = monthTickIndices(n, 5);
      const step = Math.ceil((n - 1) / 4);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBe(n - 1);
      ticks.slice(1).forEach((t, i) => expect(t - ticks[i]!).toBeGreaterThanOrEqual(step));
    }
    expect(monthTickIndices(0, 5)).toEqual([]);
    expect(monthTickIndices(1, 5)).toEqual([0]);
  });

  it("puts the target's label under its line in the upper half of the plot, above it in the lower half", () => {
    // 100% at the top of a 60–100% axis: under the line, not cut off; 98% at the bottom of 98–99.5%: above it.
    expect(targetLabelBelow(100, { min: 60, max: 100 })).toBe(true);
    expect(targetLabelBelow(98, { min: 98, max: 99.5 })).toBe(false);
  });
});
