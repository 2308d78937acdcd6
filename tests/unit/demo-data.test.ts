import { describe, expect, it } from "vitest";
import { aggregateRaw, indicatorValue, roundTo } from "@/lib/domain/aggregate";
import { generateLaiChau, PUBLISHED, toObservations } from "@/lib/demo/generate";
import { LAI_CHAU_COMMUNES } from "@/lib/demo/communes";
import { COMMUNE_RAW_INDICATORS } from "@/lib/domain/indicators";
import { isOnTime, lastFullMonth, reportDeadline } from "@/lib/domain/periods";

const communes = LAI_CHAU_COMMUNES.map((c) => ({ code: c.code, population: c.population }));
// As the data stands on 10/11/2026 (Vietnam): 07/2025 to 10/2026, whose deadline (05/11) has passed.
const TODAY = new Date("2026-11-10T03:00:00Z");
const demo = generateLaiChau(communes, TODAY);
const received = new Set(
  demo.series.flatMap((s) =>
    s.reports.filter((r) => r.status === "SUBMITTED" || r.status === "APPROVED").map((r) => `${r.unit}:${r.period}`),
  ),
);
// Dashboards count values of received reports only (and province-level values).
const observations = toObservations(demo).filter((o) => o.unit === "12" || received.has(`${o.unit}:${o.period}`));
const communeObs = observations.filter((o) => o.unit !== "12");
const q3 = { from: "2025-07", to: "2025-09" };

describe("Lai Châu demo data reproduces the published figures (SPEC §4)", () => {
  it("has the 38 units, 36 xã and 2 phường", () => {
    expect(LAI_CHAU_COMMUNES).toHaveLength(38);
    expect(LAI_CHAU_COMMUNES.filter((c) => c.type === "xã")).toHaveLength(36);
    expect(LAI_CHAU_COMMUNES.filter((c) => c.type === "phường")).toHaveLength(2);
  });

  it("Σ staff_quota at 2025-09 is 13,054 and Σ cadres + civil servants is 2,334", () => {
    const sep = { from: "2025-09", to: "2025-09" };
    expect(indicatorValue("staff_quota", { observations: communeObs, range: sep })).toBe(13054);
    expect(indicatorValue("staff_cbcc", { observations: communeObs, range: sep })).toBe(2334);
    // STOCK over the quarter takes September.
    expect(indicatorValue("staff_cbcc", { observations: communeObs, range: q3 })).toBe(2334);
  });

  it("on-time rate July–September 2025 rounds to 98.8%", () => {
    const rate = indicatorValue("proc_on_time_rate", { observations: communeObs, range: q3 })!;
    expect(roundTo(rate, 1)).toBe(PUBLISHED.onTimeRate);
  });

  it("cumulative pages digitised at 2025-09 are 'gần 4 triệu'", () => {
    const pages = indicatorValue("pages_digitised_cumulative", {
      observations: communeObs,
      range: { from: "2025-09", to: "2025-09" },
    })!;
    expect(pages).toBeGreaterThanOrEqual(3_800_000);
    expect(pages).toBeLessThanOrEqual(3_999_999);
  });

  it("38/38 one-stop shops in every month of the first quarter", () => {
    for (const p of ["2025-07", "2025-08", "2025-09"]) {
      const a = aggregateRaw(["one_stop_operating"], communeObs, { from: p, to: p }).one_stop_operating!;
      expect(a).toEqual({ sum: 38, units: 38 });
    }
  });

  it("records 17,418 staff on the province unit", () => {
    const prov = observations.filter((o) => o.unit === "12");
    expect(indicatorValue("staff_all_levels", { observations: prov, range: q3 })).toBe(17418);
  });

  it("later months include late and missing reports, and every value passes the hard rules", () => {
    const reports = demo.series.flatMap((s) => s.reports);
    const expected = 38 * 16;
    expect(reports.length).toBeLessThan(expected);
    expect(
      reports.some(
        (r) => r.status === "APPROVED" && r.period > "2025-09" && r.firstSubmittedAt! > new Date(Date.UTC(2099, 0)),
      ),
    ).toBe(false);
    const late = indicatorValue("reporting_timeliness", {
      observations: [],
      range: { from: "2025-10", to: "2026-10" },
      units: communes.map((c) => c.code),
      reports,
    })!;
    expect(late).toBeLessThan(100);
    for (const s of demo.series) {
      for (const month of s.values.values()) {
        for (const ind of COMMUNE_RAW_INDICATORS) {
          const v = month[ind.code];
          expect(Number.isInteger(v) && v! >= 0, `${s.code} ${ind.code}=${v}`).toBe(true);
        }
        expect(month.proc_received_online!).toBeLessThanOrEqual(month.proc_received!);
      }
    }
  });

  it("is deterministic", () => {
    const again = generateLaiChau(communes, TODAY);
    expect(toObservations(again)).toEqual(toObservations(demo));
  });
});

describe("demo data respects its own today", () => {
  const instants = [
    new Date("2026-11-30T22:30:00Z"), // 05:30 on 1 December in Vietnam
    new Date("2026-12-03T03:00:00Z"), // within the deadline of November
    new Date("2026-12-31T17:10:00Z"), // 00:10 on 1 January 2027
    new Date("2026-08-05T16:59:00Z"), // 23:59 on the deadline day of July
    new Date("2026-08-05T17:01:00Z"), // 00:01 the day after
    new Date("2028-02-29T05:00:00Z"),
  ];
  it.each(instants)("at %s: nothing after today, nothing late before the deadline, SPEC §4 still exact", (today) => {
    const d = generateLaiChau(communes, today);
    const reports = d.series.flatMap((s) => s.reports);
    const stamps = reports
      .flatMap((r) => [r.firstSubmittedAt, r.submittedAt, r.approvedAt])
      .filter((x): x is Date => x !== null);
    expect(stamps.every((t) => t.getTime() <= today.getTime())).toBe(true);
    const newest = lastFullMonth(today);
    expect(Math.max(...reports.map((r) => Number(r.period.replace("-", ""))))).toBe(Number(newest.replace("-", "")));
    if (today.getTime() <= reportDeadline(newest).getTime()) {
      const latest = reports.filter((r) => r.period === newest);
      expect(latest.some((r) => r.firstSubmittedAt && !isOnTime(newest, r.firstSubmittedAt))).toBe(false);
      expect(latest.some((r) => r.status === "DRAFT")).toBe(true);
    }
    const obs = toObservations(d).filter((o) => o.unit !== "12");
    const rec = new Set(
      reports.filter((r) => r.status === "SUBMITTED" || r.status === "APPROVED").map((r) => `${r.unit}:${r.period}`),
    );
    const communeObsAt = obs.filter((o) => rec.has(`${o.unit}:${o.period}`));
    expect(
      indicatorValue("staff_quota", { observations: communeObsAt, range: { from: "2025-09", to: "2025-09" } }),
    ).toBe(13054);
    expect(roundTo(indicatorValue("proc_on_time_rate", { observations: communeObsAt, range: q3 })!, 1)).toBe(98.8);
  });

  it("a few days into the deadline, the newest month is partial: some in, some drafts", () => {
    const reports = generateLaiChau(communes, new Date("2026-12-03T03:00:00Z"))
      .series.flatMap((s) => s.reports)
      .filter((r) => r.period === "2026-11");
    expect(reports.filter((r) => r.status === "SUBMITTED" || r.status === "APPROVED").length).toBeGreaterThan(0);
    expect(reports.filter((r) => r.status === "DRAFT").length).toBeGreaterThan(0);
  });
});
