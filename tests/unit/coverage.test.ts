/** Issue 28, items 2 and 3: what each kind of figure covers, the default period either side of a deadline, official names. */
import { describe, expect, it } from "vitest";
import { type Observation, aggregateRaw } from "@/lib/domain/aggregate";
import {
  COMPLETE_AFTER_DAYS,
  type MonthCoverage,
  coverageNoteVi,
  communeShownRange,
  defaultPeriod,
  figureCoverage,
  isMonthComplete,
  officialPeriodVi,
} from "@/lib/domain/coverage";
import { type RawCode, getIndicator, inputsOf } from "@/lib/domain/indicators";

const obs = (unit: string, period: string, code: RawCode, value: number): Observation => ({
  unit,
  period,
  code,
  value,
});

describe("the default period is the newest complete month", () => {
  const months: MonthCoverage[] = [
    { period: "2026-09", received: 38, expected: 38 },
    { period: "2026-10", received: 36, expected: 38 },
    { period: "2026-11", received: 26, expected: 38 },
  ];
  // 10/2026 is due 05/11/2026 23:59 (UTC+7); complete 10 days after: from 15/11/2026 23:59:59 local.
  it("before the deadline + 10 days, a month with reports missing is not complete", () => {
    const at = new Date("2026-11-15T16:59:00Z"); // 23:59 on 15/11 in Vietnam
    expect(COMPLETE_AFTER_DAYS).toBe(10);
    expect(isMonthComplete(months[1]!, at)).toBe(false);
    expect(defaultPeriod("2026-10", months.slice(0, 2), at)).toEqual({ period: "2026-09", inProgress: months[1] });
  });
  it("more than 10 days after the deadline it is", () => {
    const at = new Date("2026-11-15T17:00:01Z"); // 00:00:01 on 16/11 in Vietnam
    expect(isMonthComplete(months[1]!, at)).toBe(true);
    expect(defaultPeriod("2026-10", months.slice(0, 2), at)).toEqual({ period: "2026-10", inProgress: null });
  });
  it("on 07/12/2026 the overview opens on 10/2026, 11/2026 one click away with its coverage", () => {
    const at = new Date("2026-12-07T03:00:00Z");
    expect(defaultPeriod("2026-11", months, at)).toEqual({ period: "2026-10", inProgress: months[2] });
  });
  it("every report received: complete at once, whatever the day", () => {
    expect(isMonthComplete({ period: "2026-11", received: 38, expected: 38 }, new Date("2026-12-01T01:00:00Z"))).toBe(
      true,
    );
  });
  it("the delay is a setting", () => {
    const at = new Date("2026-11-08T03:00:00Z");
    expect(isMonthComplete(months[1]!, at, { completeAfterDays: 2 })).toBe(true);
    expect(isMonthComplete(months[1]!, at)).toBe(false);
  });
  it("no complete month yet: the newest month with data", () => {
    expect(
      defaultPeriod("2025-07", [{ period: "2025-07", received: 3, expected: 38 }], new Date("2025-08-02T00:00:00Z")),
    ).toEqual({ period: "2025-07", inProgress: null });
  });
});

describe("each kind of figure carries its coverage", () => {
  const nov = { from: "2026-11", to: "2026-11" };
  const data = [
    obs("A", "2026-11", "staff_quota", 300),
    obs("B", "2026-10", "staff_quota", 200),
    obs("A", "2026-11", "proc_resolved_early", 1),
    obs("A", "2026-11", "proc_resolved_on_time", 1),
    obs("A", "2026-11", "proc_resolved_late", 0),
  ];
  const reporting = { expected: 3, received: 1, onTime: 1, recorded: 0 };
  const rawOf = (code: string) => aggregateRaw(inputsOf(getIndicator(code)), data, nov);
  it("a stock total says which units are carried and which are missing", () => {
    const c = figureCoverage(getIndicator("staff_quota"), rawOf("staff_quota"), reporting, 3);
    expect(c).toEqual({
      kind: "carried",
      carried: { units: 1, oldest: "2026-10", newest: "2026-10" },
      missing: 1,
      total: 3,
    });
    expect(coverageNoteVi(c)).toBe(
      "1 xã, phường lấy số liệu tháng 10/2026; 1 xã, phường chưa có số liệu trong 3 tháng gần nhất",
    );
  });
  it("a rate is provisional with its coverage until every unit reported", () => {
    const c = figureCoverage(getIndicator("proc_on_time_rate"), rawOf("proc_on_time_rate"), reporting, 3);
    expect(c).toEqual({ kind: "provisional", received: 1, expected: 3 });
    expect(coverageNoteVi(c)).toBe("tạm tính: 1/3 xã, phường");
  });
  it("a flow likewise; a locked month is final", () => {
    expect(figureCoverage(getIndicator("proc_received"), {}, reporting, 3).kind).toBe("provisional");
    expect(figureCoverage(getIndicator("proc_received"), {}, reporting, 3, true)).toEqual({ kind: "complete" });
    expect(
      figureCoverage(getIndicator("proc_received"), {}, { expected: 3, received: 3, onTime: 3, recorded: 0 }, 3),
    ).toEqual({
      kind: "complete",
    });
  });
  it("the running total of pages is provisional while the month's pages are coming in", () => {
    expect(figureCoverage(getIndicator("pages_digitised_cumulative"), {}, reporting, 3).kind).toBe("provisional");
  });
  it("a stock total every unit gave for the month needs no note", () => {
    const full = aggregateRaw(["staff_quota"], [obs("A", "2026-11", "staff_quota", 1)], nov);
    const c = figureCoverage(
      getIndicator("staff_quota"),
      full,
      { expected: 1, received: 1, onTime: 1, recorded: 0 },
      1,
    );
    expect(c).toEqual({ kind: "complete" });
    expect(coverageNoteVi(c)).toBeNull();
  });
  it("the reporting rate is its own coverage", () => {
    expect(figureCoverage(getIndicator("reporting_rate"), {}, reporting, 3)).toEqual({ kind: "complete" });
  });
});

describe("official names of periods", () => {
  it("writes them the way documents do", () => {
    expect(officialPeriodVi({ from: "2026-11", to: "2026-11" })).toBe("tháng 11 năm 2026");
    expect(officialPeriodVi({ from: "2025-07", to: "2025-09" })).toBe("quý III năm 2025");
    expect(officialPeriodVi({ from: "2026-01", to: "2026-06" })).toBe("6 tháng đầu năm 2026");
    expect(officialPeriodVi({ from: "2026-01", to: "2026-09" })).toBe("9 tháng đầu năm 2026");
    expect(officialPeriodVi({ from: "2025-01", to: "2025-12" })).toBe("năm 2025");
    expect(officialPeriodVi({ from: "2025-07", to: "2026-10" })).toBe("từ tháng 07/2025 đến tháng 10/2026");
  });
});

describe("a commune page never opens empty", () => {
  const nov = { from: "2026-11", to: "2026-11" };
  it("shows the month asked when the commune reported it", () => {
    expect(communeShownRange(nov, "2026-11")).toEqual({ range: nov, fallback: false });
    expect(communeShownRange({ from: "2026-09", to: "2026-11" }, "2026-10")).toEqual({
      range: { from: "2026-09", to: "2026-11" },
      fallback: false,
    });
  });
  it("otherwise its latest reported month, marked as such", () => {
    expect(communeShownRange(nov, "2026-09")).toEqual({ range: { from: "2026-09", to: "2026-09" }, fallback: true });
  });
  it("a commune that never reported: the month asked (the page says there is no data)", () => {
    expect(communeShownRange(nov, null)).toEqual({ range: nov, fallback: false });
  });
});
