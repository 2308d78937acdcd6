import { describe, expect, it } from "vitest";
import { parseScorecardPeriod, rankValues, scorecardPeriodParam } from "@/lib/domain/scorecard";

describe("scorecard period", () => {
  it("reads a month or a quarter", () => {
    expect(parseScorecardPeriod("2025-09")).toEqual({ from: "2025-09", to: "2025-09" });
    expect(parseScorecardPeriod("2025-Q3")).toEqual({ from: "2025-07", to: "2025-09" });
    expect(parseScorecardPeriod("2026-Q1")).toEqual({ from: "2026-01", to: "2026-03" });
    expect(parseScorecardPeriod("2025-Q5")).toBeNull();
    expect(parseScorecardPeriod("2025-13")).toBeNull();
    expect(parseScorecardPeriod(undefined)).toBeNull();
  });

  it("names a range as a month, a quarter, or nothing", () => {
    expect(scorecardPeriodParam({ from: "2025-09", to: "2025-09" })).toBe("2025-09");
    expect(scorecardPeriodParam({ from: "2025-07", to: "2025-09" })).toBe("2025-Q3");
    expect(scorecardPeriodParam({ from: "2025-08", to: "2025-10" })).toBeNull();
  });
});

describe("rankValues", () => {
  const values = new Map<string, number | null>([
    ["a", 90],
    ["b", 95],
    ["c", 90],
    ["d", null],
    ["e", 80],
  ]);
  it("ranks the highest first, shares ties, skips units without a value", () => {
    expect(Object.fromEntries(rankValues(values, "HIGHER_IS_BETTER"))).toEqual({ a: 2, b: 1, c: 2, d: null, e: 4 });
  });
  it("ranks the lowest first for lower-is-better", () => {
    expect(Object.fromEntries(rankValues(values, "LOWER_IS_BETTER"))).toEqual({ a: 2, b: 4, c: 2, d: null, e: 1 });
  });
});
