/**
 * Issue 28, item 1: a stock figure (STOCK, FLAG, and computed indicators built only from them) for a month or a range
 * takes each unit's latest received value up to the period's end, within a look-back of STOCK_LOOKBACK_MONTHS months;
 * the aggregate says how many units' values are carried and from which months.
 */
import { describe, expect, it } from "vitest";
import {
  type Observation,
  STOCK_LOOKBACK_MONTHS,
  aggregateRaw,
  carriedSummary,
  indicatorValue,
  isStockFigure,
  stockWindow,
  unitReportedIn,
} from "@/lib/domain/aggregate";
import { type RawCode, getIndicator } from "@/lib/domain/indicators";

const obs = (unit: string, period: string, code: RawCode, value: number): Observation => ({
  unit,
  period,
  code,
  value,
});
const nov = { from: "2026-11", to: "2026-11" };

describe("carry-forward of stock figures", () => {
  const data = [
    obs("A", "2026-11", "staff_quota", 300),
    obs("A", "2026-10", "staff_quota", 290),
    obs("B", "2026-10", "staff_quota", 200), // missed November: carried from October
    obs("C", "2026-08", "staff_quota", 100), // three months back: still within the look-back
    obs("D", "2026-07", "staff_quota", 999), // four months back: outside the look-back, missing
    obs("E", "2026-12", "staff_quota", 5), // after the period: never
  ];
  it("the look-back is 3 months by default", () => {
    expect(STOCK_LOOKBACK_MONTHS).toBe(3);
    expect(stockWindow(nov)).toEqual({ from: "2026-08", to: "2026-11" });
  });
  it("a month's total takes each unit's latest value up to its end, within the look-back", () => {
    expect(indicatorValue("staff_quota", { observations: data, range: nov })).toBe(600);
  });
  it("says how many units are carried and from which month", () => {
    const a = aggregateRaw(["staff_quota"], data, nov).staff_quota!;
    expect(a).toEqual({ sum: 600, units: 3, carried: { "2026-10": 1, "2026-08": 1 } });
    expect(carriedSummary([a])).toEqual({ units: 2, oldest: "2026-08", newest: "2026-10" });
  });
  it("a range ends at its last month: the look-back counts from there", () => {
    expect(indicatorValue("staff_quota", { observations: data, range: { from: "2026-01", to: "2026-11" } })).toBe(600);
  });
  it("computed stock figures follow their inputs", () => {
    const staff = [
      obs("A", "2026-11", "staff_cadres", 20),
      obs("A", "2026-11", "staff_civil_servants", 30),
      obs("B", "2026-10", "staff_cadres", 10),
      obs("B", "2026-10", "staff_civil_servants", 15),
    ];
    expect(indicatorValue("staff_cbcc", { observations: staff, range: nov })).toBe(75);
  });
  it("FLAG coverage counts carried units", () => {
    const flags = [obs("A", "2026-11", "one_stop_operating", 1), obs("B", "2026-09", "one_stop_operating", 0)];
    expect(indicatorValue("one_stop_coverage", { observations: flags, range: nov })).toBe(50);
  });
  it("flows are never carried", () => {
    const flows = [obs("A", "2026-10", "proc_received", 10)];
    expect(indicatorValue("proc_received", { observations: flows, range: nov })).toBeNull();
  });
  it("which figures are stock figures", () => {
    expect(isStockFigure(getIndicator("staff_quota"))).toBe(true);
    expect(isStockFigure(getIndicator("one_stop_coverage"))).toBe(true);
    expect(isStockFigure(getIndicator("staff_cbcc"))).toBe(true);
    expect(isStockFigure(getIndicator("pages_digitised_cumulative"))).toBe(true);
    expect(isStockFigure(getIndicator("proc_received"))).toBe(false);
    expect(isStockFigure(getIndicator("proc_on_time_rate"))).toBe(false);
    expect(isStockFigure(getIndicator("reporting_rate"))).toBe(false);
  });
});

describe("a unit's own figures: reported in the period, or carried from an earlier month", () => {
  it("tells a report of the month from values carried from before it", () => {
    const data = [obs("B", "2026-10", "staff_quota", 200), obs("B", "2026-09", "proc_received", 3)];
    const raw = aggregateRaw(["staff_quota", "proc_received"], data, nov);
    expect(unitReportedIn(raw, nov)).toEqual({ reported: false, carriedFrom: "2026-10" });
    expect(
      unitReportedIn(aggregateRaw(["staff_quota"], data, { from: "2026-10", to: "2026-11" }), {
        from: "2026-10",
        to: "2026-11",
      }),
    ).toEqual({ reported: true, carriedFrom: null });
    expect(unitReportedIn({}, nov)).toEqual({ reported: false, carriedFrom: null });
  });
});
