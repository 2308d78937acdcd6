/**
 * Lighthouse's CPU slowdown from the host's benchmarkIndex (bench/lighthouse.ts, issue 24): the formula of Lighthouse's
 * CPU throttling calculator, checked at the anchors its source states (150 → 1×, 800 → 2×, 1300 → 3×, 1533 → 4×,
 * 2000 → 6×) and between them.
 */
import { describe, expect, it } from "vitest";
import { cpuSlowdownFor } from "../../bench/lighthouse";

describe("cpuSlowdownFor", () => {
  it("meets the calculator's anchors", () => {
    expect(cpuSlowdownFor(150).multiplier).toBeCloseTo(1);
    expect(cpuSlowdownFor(800).multiplier).toBeCloseTo(2);
    expect(cpuSlowdownFor(1300).multiplier).toBeCloseTo(3);
    expect(cpuSlowdownFor(1533).multiplier).toBeCloseTo(4, 1);
    expect(cpuSlowdownFor(1766).multiplier).toBeCloseTo(5, 1);
    expect(cpuSlowdownFor(2000).multiplier).toBeCloseTo(6, 1);
  });
  it("is linear between them and never decreases", () => {
    expect(cpuSlowdownFor(475).multiplier).toBeCloseTo(1.5);
    expect(cpuSlowdownFor(1050).multiplier).toBeCloseTo(2.5);
    let last = 0;
    for (let index = 150; index <= 2500; index += 10) {
      const { multiplier } = cpuSlowdownFor(index);
      expect(multiplier).toBeGreaterThanOrEqual(last);
      last = multiplier;
    }
  });
  it("says when the host is too slow to emulate the target, and then does not slow it down", () => {
    expect(cpuSlowdownFor(120)).toEqual({ multiplier: 1, tooSlow: true });
    expect(cpuSlowdownFor(Number.NaN)).toEqual({ multiplier: 1, tooSlow: true });
    expect(cpuSlowdownFor(900).tooSlow).toBe(false);
  });
});
