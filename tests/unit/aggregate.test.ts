import { describe, expect, it } from "vitest";
import {
  type Observation,
  type ReportRecord,
  aggregateOverTime,
  aggregateRaw,
  countReports,
  evaluate,
  indicatorValue,
  inputPlan,
  isComparableChange,
  roundTo,
} from "@/lib/domain/aggregate";
import { type RawCode, getIndicator } from "@/lib/domain/indicators";
import { compareToPrevious } from "@/lib/domain/change";

const obs = (unit: string, period: string, code: RawCode, value: number): Observation => ({
  unit,
  period,
  code,
  value,
});
const q = { from: "2025-07", to: "2025-09" };

describe("FLOW indicators sum over the months of a range", () => {
  const data = [
    obs("A", "2025-07", "proc_received", 10),
    obs("A", "2025-08", "proc_received", 20),
    obs("A", "2025-10", "proc_received", 99),
  ];
  it("sums only the months inside the range", () => {
    expect(aggregateOverTime("proc_received", data, q).get("A")).toBe(30);
  });
  it("a month with no data adds nothing; a range with no data has no value", () => {
    expect(
      indicatorValue("proc_received", { observations: data, range: { from: "2025-09", to: "2025-09" } }),
    ).toBeNull();
  });
});

describe("STOCK indicators take the last month of a range", () => {
  const data = [
    obs("A", "2025-07", "staff_quota", 100),
    obs("A", "2025-09", "staff_quota", 120),
    obs("B", "2025-08", "staff_quota", 50),
  ];
  it("takes September for A, not the sum", () => {
    expect(aggregateOverTime("staff_quota", data, q).get("A")).toBe(120);
  });
  it("a unit that missed the last month counts with its latest month in the range", () => {
    expect(indicatorValue("staff_quota", { observations: data, range: q })).toBe(170);
  });
  it("ignores months after the range", () => {
    expect(indicatorValue("staff_quota", { observations: data, range: { from: "2025-07", to: "2025-08" } })).toBe(150);
  });
});

describe("FLAG indicators give covered / total", () => {
  it("counts units with the flag over units that reported it", () => {
    const data = [
      obs("A", "2025-09", "one_stop_operating", 1),
      obs("B", "2025-09", "one_stop_operating", 0),
      obs("C", "2025-09", "one_stop_operating", 1),
    ];
    expect(aggregateRaw(["one_stop_operating"], data, q).one_stop_operating).toEqual({ sum: 2, units: 3 });
    expect(roundTo(indicatorValue("one_stop_coverage", { observations: data, range: q })!, 1)).toBe(66.7);
  });
  it("over a range, uses each unit's latest flag", () => {
    const data = [obs("A", "2025-07", "one_stop_operating", 0), obs("A", "2025-09", "one_stop_operating", 1)];
    expect(indicatorValue("one_stop_coverage", { observations: data, range: q })).toBe(100);
  });
  it("no unit reported: no value", () => {
    expect(indicatorValue("one_stop_coverage", { observations: [], range: q })).toBeNull();
  });
});

describe("province rates are ratios of sums, never means of rates", () => {
  // A: 1 late of 100 (99%), B: 1 late of 1 (0%). Mean of rates would be 49.5%; the ratio of sums is 98/101.
  const data = [
    obs("A", "2025-07", "proc_resolved_early", 9),
    obs("A", "2025-07", "proc_resolved_on_time", 90),
    obs("A", "2025-07", "proc_resolved_late", 1),
    obs("B", "2025-07", "proc_resolved_early", 0),
    obs("B", "2025-07", "proc_resolved_on_time", 0),
    obs("B", "2025-07", "proc_resolved_late", 1),
  ];
  it("computes (early + on time) / resolved over all units", () => {
    expect(indicatorValue("proc_on_time_rate", { observations: data, range: q })).toBeCloseTo((99 / 101) * 100, 10);
  });
  it("a zero denominator gives no value, not 0% and not NaN", () => {
    const zero = [obs("A", "2025-07", "proc_received", 0), obs("A", "2025-07", "proc_received_online", 0)];
    expect(indicatorValue("proc_online_rate", { observations: zero, range: q })).toBeNull();
  });
  it("a missing numerator gives no value", () => {
    expect(
      indicatorValue("feedback_resolution_rate", {
        observations: [obs("A", "2025-07", "feedback_received", 5)],
        range: q,
      }),
    ).toBeNull();
  });
  it("sums terms: staff_total = cadres + civil servants + public employees", () => {
    const staff = [
      obs("A", "2025-09", "staff_cadres", 20),
      obs("A", "2025-09", "staff_civil_servants", 30),
      obs("A", "2025-09", "staff_public_employees", 250),
      obs("A", "2025-09", "staff_quota", 400),
    ];
    expect(indicatorValue("staff_total", { observations: staff, range: q })).toBe(300);
    expect(indicatorValue("quota_fill_rate", { observations: staff, range: q })).toBe(75);
  });
});

describe("cumulative indicators count from the reform to the end of the range", () => {
  const data = [
    obs("A", "2025-07", "pages_digitised", 100),
    obs("A", "2025-08", "pages_digitised", 200),
    obs("B", "2025-09", "pages_digitised", 50),
  ];
  it("ignores the start of the range", () => {
    expect(
      indicatorValue("pages_digitised_cumulative", { observations: data, range: { from: "2025-09", to: "2025-09" } }),
    ).toBe(350);
    expect(
      indicatorValue("pages_digitised_cumulative", { observations: data, range: { from: "2025-08", to: "2025-08" } }),
    ).toBe(300);
  });
});

describe("reporting rate and timeliness", () => {
  const at = (iso: string) => new Date(iso);
  const reports: ReportRecord[] = [
    { unit: "A", period: "2025-07", status: "APPROVED", firstSubmittedAt: at("2025-08-05T16:00:00Z") }, // 23:00 on the 5th, local: on time
    { unit: "A", period: "2025-08", status: "SUBMITTED", firstSubmittedAt: at("2025-09-05T17:30:00Z") }, // 00:30 on the 6th: late
    { unit: "B", period: "2025-07", status: "RETURNED", firstSubmittedAt: at("2025-08-02T02:00:00Z") }, // returned: not received
    { unit: "B", period: "2025-08", status: "DRAFT", firstSubmittedAt: null },
    { unit: "C", period: "2025-07", status: "APPROVED", firstSubmittedAt: at("2025-08-01T02:00:00Z") }, // C is not expected here
  ];
  const range = { from: "2025-07", to: "2025-08" };
  it("counts communes that did not report as expected but not received", () => {
    expect(countReports(["A", "B"], reports, range)).toEqual({ expected: 4, received: 2, onTime: 1, recorded: 0 });
    expect(indicatorValue("reporting_rate", { observations: [], range, units: ["A", "B"], reports })).toBe(50);
    expect(indicatorValue("reporting_timeliness", { observations: [], range, units: ["A", "B"], reports })).toBe(25);
  });
  it("no expected units: no value", () => {
    expect(indicatorValue("reporting_rate", { observations: [], range, units: [], reports })).toBeNull();
  });
  it("history recorded as received (approved, never submitted) is received, and out of the timeliness rate", () => {
    const withHistory: ReportRecord[] = [
      ...reports,
      { unit: "B", period: "2025-07", status: "APPROVED" as const, firstSubmittedAt: null }, // loaded from the province's files
    ].filter((r) => !(r.unit === "B" && r.status === "RETURNED"));
    expect(countReports(["A", "B"], withHistory, range)).toEqual({ expected: 4, received: 3, onTime: 1, recorded: 1 });
    expect(indicatorValue("reporting_rate", { observations: [], range, units: ["A", "B"], reports: withHistory })).toBe(
      75,
    );
    // One on time of the three reports expected through the product: neither on time nor late, the history is not counted.
    const timeliness = indicatorValue("reporting_timeliness", {
      observations: [],
      range,
      units: ["A", "B"],
      reports: withHistory,
    });
    expect(timeliness).toBeCloseTo(100 / 3, 10);
    const onlyHistory: ReportRecord[] = [{ unit: "A", period: "2025-07", status: "APPROVED", firstSubmittedAt: null }];
    const july = { from: "2025-07", to: "2025-07" };
    expect(
      indicatorValue("reporting_timeliness", { observations: [], range: july, units: ["A"], reports: onlyHistory }),
    ).toBeNull();
  });
});

describe("roundTo", () => {
  it("rounds half away from zero like a report does", () => {
    expect(roundTo(98.85, 1)).toBe(98.9);
    expect(roundTo(98.849, 1)).toBe(98.8);
    expect(roundTo(-1.25, 1)).toBe(-1.3);
  });
});

describe("a change between periods compares like with like", () => {
  const full = {
    staff_cadres: { sum: 800, units: 38 },
    staff_civil_servants: { sum: 1600, units: 38 },
    proc_resolved_on_time: { sum: 900, units: 38 },
  };
  const partial = {
    staff_cadres: { sum: 20, units: 1 },
    staff_civil_servants: { sum: 39, units: 1 },
    proc_resolved_on_time: { sum: 30, units: 1 },
  };
  it("a total of 1 commune's report is not compared with the total of 38", () => {
    expect(isComparableChange(getIndicator("staff_cbcc"), partial, full)).toBe(false);
    expect(isComparableChange(getIndicator("staff_cadres"), partial, full)).toBe(false);
    expect(isComparableChange(getIndicator("shortage_total"), {}, { shortage_it: { sum: 3, units: 38 } })).toBe(false);
  });
  it("totals of the same number of units are compared", () => {
    expect(
      isComparableChange(getIndicator("staff_cbcc"), full, { ...full, staff_cadres: { sum: 790, units: 38 } }),
    ).toBe(true);
  });
  it("rates and the running total of pages are compared whoever reported", () => {
    expect(isComparableChange(getIndicator("proc_on_time_rate"), partial, full)).toBe(true);
    expect(isComparableChange(getIndicator("quota_fill_rate"), partial, full)).toBe(true);
    expect(isComparableChange(getIndicator("pages_digitised_cumulative"), partial, full)).toBe(true);
  });
});

describe("one evaluator on the inputs its plan lists", () => {
  it("the plan reads raw inputs over the range, running totals from the reform, and report counts once each", () => {
    expect(
      inputPlan(["staff_cbcc", "staff_cadres", "pages_digitised_cumulative", "reporting_rate", "reporting_timeliness"]),
    ).toEqual({
      raw: ["staff_cadres", "staff_civil_servants"],
      cumulative: ["pages_digitised"],
      reporting: true,
    });
    expect(inputPlan([getIndicator("one_stop_coverage")])).toEqual({
      raw: ["one_stop_operating"],
      cumulative: [],
      reporting: false,
    });
  });
  it("evaluates each kind of formula on aggregates; a missing input is no value", () => {
    const raw = { staff_cadres: { sum: 800, units: 38 }, one_stop_operating: { sum: 30, units: 38 } };
    const counts = { expected: 38, received: 19, onTime: 0, recorded: 0 };
    const inputs = { raw, cumulative: { pages_digitised: { sum: 5000, units: 12 } }, reporting: counts };
    expect(evaluate(getIndicator("staff_cadres"), inputs)).toBe(800);
    expect(evaluate(getIndicator("staff_cbcc"), inputs)).toBe(800);
    expect(evaluate(getIndicator("one_stop_coverage"), inputs)).toBeCloseTo((30 / 38) * 100);
    expect(evaluate(getIndicator("pages_digitised_cumulative"), inputs)).toBe(5000);
    expect(evaluate(getIndicator("reporting_rate"), inputs)).toBe(50);
    expect(evaluate(getIndicator("reporting_rate"), { ...inputs, reporting: null })).toBeNull();
    expect(evaluate(getIndicator("proc_on_time_rate"), inputs)).toBeNull();
  });
});

describe("change over period: one rule for the overview and the briefing", () => {
  it("a rate moves in points and is unchanged below 0.05 of a point", () => {
    expect(compareToPrevious(98.8, 98.5, "%")).toEqual({ direction: "up", size: expect.closeTo(0.3), points: true });
    expect(compareToPrevious(98.54, 98.5, "%")).toEqual({ direction: "same" });
  });
  it("a count is unchanged below 0.5", () => {
    expect(compareToPrevious(2300, 2334, "người")).toEqual({ direction: "down", size: 34, points: false });
    expect(compareToPrevious(38.4, 38, "")).toEqual({ direction: "same" });
  });
  it("no value on either side: nothing to compare", () => {
    expect(compareToPrevious(null, 38, "")).toBeNull();
    expect(compareToPrevious(38, null, "%")).toBeNull();
  });
});
