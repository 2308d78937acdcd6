/** The national level: per-province rows use the same rules as a province overview. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roundTo } from "@/lib/domain/aggregate";
import { closeDb } from "@/lib/data/db";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { nationalOverview, provinceCommunes } from "@/lib/data/national";
import { provinceOverview } from "@/lib/data/overview";
import { upsertProvince } from "@/lib/data/seed";
import { resetDatabase, withClient } from "./support/db";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");

beforeAll(async () => {
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, TODAY);
    // A second province with one commune and no reports.
    await upsertProvince(c, { code: "S01", name: "Tỉnh mô phỏng 1", fullName: "Tỉnh mô phỏng 1" }, [
      {
        code: "40000",
        name: "Xã A",
        fullName: "Xã A",
        kind: "XA",
        formerDistricts: [],
        areaKm2: null,
        population: 1000,
        hqAddress: null,
        centroid: null,
        resolution: null,
        predecessors: [],
      },
    ]);
  });
});
afterAll(closeDb);

describe("national overview", () => {
  it("has one row per province, with Lai Châu's figures equal to its own overview", async () => {
    const range = { from: "2025-07", to: "2025-09" };
    const rows = await nationalOverview(range);
    expect(rows.map((r) => r.code)).toEqual(["12", "S01"]);
    const lc = rows[0]!;
    const own = await provinceOverview("12", range);
    expect(lc.communes).toBe(38);
    expect(roundTo(lc.values.proc_on_time_rate!, 1)).toBe(98.8);
    for (const code of [
      "one_stop_coverage",
      "quota_fill_rate",
      "proc_on_time_rate",
      "proc_online_rate",
      "pages_digitised_cumulative",
      "shortage_total",
      "reporting_rate",
    ]) {
      expect(lc.values[code], code).toBeCloseTo(own.value(code)!, 9);
    }
    // A province with no reports: no values, and a reporting rate of 0 of 3 expected.
    expect(rows[1]!.values.proc_on_time_rate).toBeNull();
    expect(rows[1]!.values.reporting_rate).toBe(0);
  });

  it("drills down to a province's communes", async () => {
    const d = await provinceCommunes("12", { from: "2025-09", to: "2025-09" });
    expect(d.rows).toHaveLength(38);
    expect(d.rows.every((r) => r.values.one_stop_coverage === 100)).toBe(true);
  });
});
