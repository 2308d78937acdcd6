/** The benchmark's calibration arithmetic (bench/calibration.ts, issue 24): scaled budgets and the drift rule. */
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { budgetScale, calibrated, calibrationTree, drift, MAX_DRIFT, middleSample } from "../../bench/calibration";

describe("calibration", () => {
  it("scales a budget by C / C_ref, both ways", () => {
    expect(budgetScale(30, 10)).toBe(3);
    expect(budgetScale(5, 10)).toBe(0.5);
    const cal = calibrated(1.5);
    expect(cal.pass(90, 60)).toBe(true);
    expect(cal.pass(90.1, 60)).toBe(false);
    expect(cal.pass(Number.NaN, 60)).toBe(false);
    expect(cal.label(60)).toBe("60 ms × 1.50 = 90 ms");
    expect(calibrated(1).label(60)).toBe("60 ms");
  });
  it("calls a run unreliable when its two calibrations differ by more than 15%", () => {
    expect(MAX_DRIFT).toBe(0.15);
    expect(drift(10, 11.5)).toBeCloseTo(0.15);
    expect(drift(11.6, 10) > MAX_DRIFT).toBe(true);
    expect(drift(10, 11) > MAX_DRIFT).toBe(false);
  });
  it("takes the middle of several processes, so that one slow or fast process does not set C", () => {
    const sample = (medianMs: number, spread: number) => ({ medianMs, spread, runs: 310 });
    const c = middleSample([sample(5.1, 0.2), sample(3.2, 0.1), sample(3.4, 0.3)]);
    expect(c.medianMs).toBe(3.4);
    expect(c.spread).toBe(0.3);
    expect(c.runs).toBe(930);
    expect(c.processes).toEqual([5.1, 3.2, 3.4]);
  });
  it("renders the same fixed tree every time", () => {
    const html = renderToString(calibrationTree());
    expect(html).toBe(renderToString(calibrationTree()));
    expect(html.match(/<td/g)).toHaveLength(38 * 24);
    expect(html.match(/<path/g)).toHaveLength(400);
  });
});
