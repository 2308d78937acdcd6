import { describe, expect, it } from "vitest";
import { type Observation, indicatorValue } from "@/lib/domain/aggregate";
import {
  PUBLIC_INDICATORS,
  aggregatePeriods,
  buildSnapshot,
  parsePublicKey,
  publicPeriods,
  publishProblems,
  selectPublicPeriod,
  withdrawProblems,
} from "@/lib/domain/publication";

const NOW = new Date("2026-11-20T03:00:00Z"); // 20/11/2026 in Vietnam

describe("which months may be published", () => {
  const base = { now: NOW, published: false, awaitingApproval: 0, approved: 36 };
  it("a past month whose received reports are all approved, missing ones allowed", () => {
    expect(publishProblems({ ...base, period: "2026-10" })).toEqual([]);
  });
  it("not while a report waits for approval, nor the month in progress, nor twice, nor with nothing approved", () => {
    expect(publishProblems({ ...base, period: "2026-10", awaitingApproval: 2 })).toEqual([
      "Còn 2 báo cáo tháng 10/2026 chờ duyệt: duyệt hoặc trả lại trước khi công bố.",
    ]);
    expect(publishProblems({ ...base, period: "2026-11" })[0]).toMatch(/chưa kết thúc/);
    expect(publishProblems({ ...base, period: "2026-10", published: true })).toEqual([
      "Tháng 10/2026 đã được công bố.",
    ]);
    expect(publishProblems({ ...base, period: "2026-10", approved: 0 })).toEqual([
      "Tháng 10/2026 chưa có báo cáo nào được duyệt.",
    ]);
    expect(publishProblems({ ...base, period: "2025-06" })[0]).toMatch(/07\/2025/);
    expect(publishProblems({ ...base, period: "2026-13" })[0]).toMatch(/không hợp lệ/);
  });
  it("only a published month may be withdrawn", () => {
    expect(withdrawProblems({ period: "2026-10", published: true })).toEqual([]);
    expect(withdrawProblems({ period: "2026-10", published: false })).toEqual(["Tháng 10/2026 chưa được công bố."]);
  });
});

describe("public periods: months, and quarters, halves and years made only of published months", () => {
  it("keys", () => {
    expect(parsePublicKey("2026-Q3")).toEqual({ key: "2026-Q3", kind: "quarter", from: "2026-07", to: "2026-09" });
    expect(parsePublicKey("2026-H1")).toEqual({ key: "2026-H1", kind: "half", from: "2026-01", to: "2026-06" });
    expect(parsePublicKey("2025")).toEqual({ key: "2025", kind: "year", from: "2025-07", to: "2025-12" });
    expect(parsePublicKey("2025-Q2")).toBeNull(); // before reporting started
    for (const bad of ["2026-Q5", "2026-H3", "x", "2026-10-01", "'; DROP", ""]) expect(parsePublicKey(bad)).toBeNull();
  });
  it("an aggregate only when every month is published", () => {
    expect(aggregatePeriods(["2026-07", "2026-08"]).map((p) => p.key)).toEqual([]);
    expect(aggregatePeriods(["2026-07", "2026-08", "2026-09"]).map((p) => p.key)).toEqual(["2026-Q3"]);
    const all2025 = ["2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"];
    expect(aggregatePeriods(all2025).map((p) => p.key)).toEqual(["2025-Q4", "2025-H2", "2025", "2025-Q3"]);
    expect(aggregatePeriods(all2025.filter((m) => m !== "2025-11")).map((p) => p.key)).toEqual(["2025-Q3"]);
  });
  it("a reader's address picks a published period or nothing", () => {
    const available = publicPeriods(["2026-07", "2026-08", "2026-09", "2026-10"]);
    expect(selectPublicPeriod({}, available)?.key).toBe("2026-10");
    expect(selectPublicPeriod({ period: "2026-08" }, available)?.key).toBe("2026-08");
    expect(selectPublicPeriod({ period: "2026-Q3" }, available)?.key).toBe("2026-Q3");
    expect(selectPublicPeriod({ from: "2026-07", to: "2026-09" }, available)?.key).toBe("2026-Q3");
    expect(selectPublicPeriod({ from: "2026-09", to: "2026-09" }, available)?.key).toBe("2026-09");
    for (const q of [
      { period: "2026-11" },
      { period: "2026-06" },
      { from: "2026-07", to: "2026-10" },
      { from: "2026-07" },
      { period: "2026-07", from: "2026-07", to: "2026-07" },
      { period: "2026-Q4" },
    ]) {
      expect(selectPublicPeriod(q, available), JSON.stringify(q)).toBeNull();
    }
    expect(selectPublicPeriod({}, [])).toBeNull();
  });
});

describe("the snapshot", () => {
  const units = [
    { code: "00001", nameVi: "Xã A", kind: "XA" as const },
    { code: "00002", nameVi: "Xã B", kind: "XA" as const },
    { code: "00003", nameVi: "Phường C", kind: "PHUONG" as const },
  ];
  const obs: Observation[] = [
    { unit: "00001", period: "2026-09", code: "proc_resolved_on_time", value: 90 },
    { unit: "00001", period: "2026-09", code: "proc_resolved_late", value: 10 },
    { unit: "00002", period: "2026-09", code: "proc_resolved_on_time", value: 50 },
    { unit: "00001", period: "2026-08", code: "staff_quota", value: 300 },
    { unit: "00001", period: "2026-09", code: "pages_digitised", value: 1000 },
    { unit: "00001", period: "2026-08", code: "pages_digitised", value: 500 },
  ];
  const reports = [
    { unit: "00001", period: "2026-09", firstSubmittedAt: new Date("2026-10-03T03:00:00Z") },
    { unit: "00002", period: "2026-09", firstSubmittedAt: new Date("2026-10-08T03:00:00Z") },
    { unit: "00001", period: "2026-08", firstSubmittedAt: new Date("2026-09-03T03:00:00Z") },
  ];
  const s = buildSnapshot({ from: "2026-09", to: "2026-09" }, units, obs, reports);
  it("province figures follow the aggregation rules (ratio of sums, stock carried, cumulative)", () => {
    expect(s.province.proc_on_time_rate!.value).toBeCloseTo((140 / 150) * 100, 9);
    expect(s.province.staff_quota).toEqual({ value: 300, units: 1 });
    expect(s.province.pages_digitised_cumulative!.value).toBe(1500);
    expect(s.province.reporting_rate!.value).toBeCloseTo((2 / 3) * 100, 9);
    expect(s.province.reporting_timeliness!.value).toBeCloseTo((1 / 3) * 100, 9);
    for (const i of PUBLIC_INDICATORS) {
      const expected = indicatorValue(i, {
        observations: obs,
        range: { from: "2026-09", to: "2026-09" },
        units: units.map((u) => u.code),
        reports: reports.map((r) => ({ ...r, status: "APPROVED" as const })),
      });
      expect(s.province[i.code]!.value, i.code).toEqual(expected);
    }
  });
  it("coverage and each unit's own values", () => {
    expect(s.reported).toEqual(["00001", "00002"]);
    expect(s.communes["00001"]!.proc_on_time_rate).toBeCloseTo(90, 9);
    expect(s.communes["00003"]!.proc_on_time_rate).toBeNull();
  });
  it("has no indicator entered by the province itself", () => {
    expect(PUBLIC_INDICATORS.some((i) => i.code === "staff_all_levels")).toBe(false);
    expect(Object.keys(s.province)).not.toContain("staff_all_levels");
  });
});

describe("the snapshot's Decision 766 part", () => {
  const units = [
    { code: "00001", nameVi: "Xã A", kind: "XA" as const },
    { code: "00002", nameVi: "Xã B", kind: "XA" as const },
  ];
  const o = (unit: string, period: string, code: Observation["code"], value: number): Observation => ({
    unit,
    period,
    code,
    value,
  });
  const observations = [
    o("00001", "2026-07", "proc_resolved_on_time", 90),
    o("00001", "2026-07", "proc_resolved_late", 10),
    o("00001", "2026-08", "proc_resolved_early", 50),
    o("00001", "2026-08", "proc_resolved_late", 50),
    o("00001", "2026-08", "proc_received", 100),
    o("00001", "2026-08", "proc_received_online", 20),
    o("00002", "2026-08", "feedback_received", 0),
    o("00002", "2026-09", "proc_resolved_late", 1000), // outside the period
  ];
  const s = buildSnapshot({ from: "2026-07", to: "2026-08" }, units, observations, []);

  it("scores the period's sums with the decision's rules, per unit and for the province", () => {
    const a = s.index766!.communes["00001"]!;
    // 2.1: (90 + 50) / 200 resolved = 0.7 → 14 of 20; 3.x: 20% online → 12 × 0.2 / 0.5 = 4.8 of 12.
    expect(a.components.find((c) => c.id === "2.1")).toEqual({ id: "2.1", rate: 0.7, points: 14 });
    expect(a.components.find((c) => c.id === "3.x")!.points).toBeCloseTo(4.8);
    expect(a.components.find((c) => c.id === "4.2")!.points).toBeNull();
    expect(a.total).toBeCloseTo(18.8);
    expect(a.totalMax).toBe(32);
    // No feedback received: full 6 points of 5.2, nothing else.
    expect(s.index766!.communes["00002"]).toMatchObject({ total: 6, totalMax: 6 });
    // The province: sums over both units, the September value left out.
    expect(s.index766!.province.components.find((c) => c.id === "2.1")!.rate).toBeCloseTo(0.7);
    expect(s.index766!.province.total).toBeCloseTo(14 + 4.8 + 6);
  });

  it("keeps points only, never the components the province enters from the portal", () => {
    const ids = s.index766!.province.components.map((c) => c.id);
    expect(ids).toEqual(["2.1", "3.x", "4.2", "5.2"]);
  });
});
