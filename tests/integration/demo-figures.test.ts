/**
 * SPEC §4 through the code the pages use: demo data loaded into a real PostgreSQL, read back by lib/data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roundTo } from "@/lib/domain/aggregate";
import { formatInteger, formatPercent } from "@/lib/domain/format";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { closeDb } from "@/lib/data/db";
import { provinceOverview } from "@/lib/data/overview";
import { latestReportedPeriod } from "@/lib/data/org-units";
import { resetDatabase, withClient } from "./support/db";
import { runAt } from "../support/clock";

// 10:00 on 28 November 2026 in Vietnam: October is overdue, November is the running month.
const TODAY = runAt("2026-11-28T10:00:00+07:00");

beforeAll(async () => {
  await withClient(async (c) => {
    await resetDatabase(c);
    const loaded = await seedDemoIfEmpty(c, TODAY);
    expect(loaded?.until).toBe("2026-10");
    // A second run finds data and loads nothing.
    expect(await seedDemoIfEmpty(c, TODAY)).toBeNull();
  });
});

afterAll(closeDb);

describe("the overview reproduces the province's published figures", () => {
  it("July–September 2025", async () => {
    const o = await provinceOverview("12", { from: "2025-07", to: "2025-09" });
    expect(o.units).toEqual({ total: 38, xa: 36, phuong: 2 });
    expect(o.oneStop).toEqual({ covered: 38, reporting: 38 });
    expect(o.value("staff_quota")).toBe(13054);
    expect(o.value("staff_cbcc")).toBe(2334);
    expect(roundTo(o.value("proc_on_time_rate")!, 1)).toBe(98.8);
    expect(formatPercent(o.value("proc_on_time_rate")!)).toBe("98,8%");
    expect(formatInteger(o.value("staff_quota")!)).toBe("13.054");
    const pages = o.value("pages_digitised_cumulative")!;
    expect(pages).toBeGreaterThanOrEqual(3_800_000);
    expect(pages).toBeLessThanOrEqual(3_999_999);
    expect(o.staffAllLevels).toBe(17418);
    expect(o.reporting).toEqual({ expected: 114, received: 114, onTime: 114, recorded: 0 });
    expect(o.communes).toHaveLength(38);
  });

  it("September alone: stocks equal the quarter's, one-stop 38/38", async () => {
    const o = await provinceOverview("12", { from: "2025-09", to: "2025-09" });
    expect(o.value("staff_quota")).toBe(13054);
    expect(o.value("staff_cbcc")).toBe(2334);
    expect(o.value("one_stop_coverage")).toBe(100);
  });

  it("later months have late and missing reports", async () => {
    expect(await latestReportedPeriod("12")).toBe("2026-10");
    const o = await provinceOverview("12", { from: "2026-10", to: "2026-10" });
    expect(o.reporting.expected).toBe(38);
    expect(o.reporting.received).toBeLessThan(38);
    expect(o.communes.some((c) => !c.reported)).toBe(true);
    const year = await provinceOverview("12", { from: "2025-10", to: "2026-09" });
    expect(year.reporting.onTime).toBeLessThan(year.reporting.received);
  });
});
