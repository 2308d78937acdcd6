import { describe, expect, it } from "vitest";
import { caughtUpTo, chooseReader, lsnValue, parseWroteAt } from "@/lib/domain/read-routing";

describe("read routing between the primary and the replica", () => {
  it("orders WAL positions as numbers, not as text", () => {
    expect(lsnValue("0/A") < lsnValue("0/10")).toBe(true);
    expect(lsnValue("1/0") > lsnValue("0/FFFFFFFF")).toBe(true);
    expect(() => lsnValue("nonsense")).toThrow(/WAL position/);
  });

  it("finds the latest moment the replica has replayed everything of", () => {
    const samples = [
      { at: 1000, primaryLsn: "0/100" },
      { at: 1500, primaryLsn: "0/200" },
      { at: 2000, primaryLsn: "0/300" },
    ];
    expect(caughtUpTo(samples, "0/300")).toBe(2000);
    expect(caughtUpTo(samples, "0/250")).toBe(1500);
    expect(caughtUpTo(samples, "0/50")).toBeNull();
    expect(caughtUpTo(samples, null)).toBeNull();
  });

  const base = { now: 10_000, maxLagMs: 3_000, clockMarginMs: 1_000 };
  it("reads the replica when it is fresh and the user has not just saved", () => {
    expect(chooseReader({ ...base, replicaCaughtUpTo: 9_500, wroteAt: null })).toEqual({ use: "replica" });
    expect(chooseReader({ ...base, replicaCaughtUpTo: 9_500, wroteAt: 8_000 })).toEqual({ use: "replica" });
  });

  it("sends the user who just saved to the primary until the replica has caught up past the save", () => {
    expect(chooseReader({ ...base, replicaCaughtUpTo: 9_500, wroteAt: 9_000 })).toEqual({
      use: "primary",
      reason: "own-write",
    });
  });

  it("skips a replica behind by more than the bound, or one that does not answer", () => {
    expect(chooseReader({ ...base, replicaCaughtUpTo: 6_000, wroteAt: null })).toEqual({
      use: "primary",
      reason: "lagging",
    });
    expect(chooseReader({ ...base, replicaCaughtUpTo: null, wroteAt: null })).toEqual({
      use: "primary",
      reason: "unreachable",
    });
  });

  it("with the primary gone, reads the replica however far behind", () => {
    expect(chooseReader({ ...base, primaryAnswers: false, replicaCaughtUpTo: 1_000, wroteAt: 9_000 })).toEqual({
      use: "replica",
    });
  });

  it("reads the cookie's moment only when it is a plain number", () => {
    expect(parseWroteAt("1796623827448")).toBe(1796623827448);
    expect(parseWroteAt("12e5")).toBeNull();
    expect(parseWroteAt(undefined)).toBeNull();
  });
});
