/** The dashboards' data functions on the demo data (fixed date), as the pages call them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roundTo } from "@/lib/domain/aggregate";
import { closeDb } from "@/lib/data/db";
import {
  communeReportHistory,
  getCommune,
  listFormerDistricts,
  reportStatusMatrix,
  searchCommunes,
} from "@/lib/data/communes";
import { provinceOverview } from "@/lib/data/overview";
import { communeMonthMatrix, communeValues, monthlySeries, reportingCountsByCommune } from "@/lib/data/series";
import { periodsInRange } from "@/lib/domain/periods";
import { withClient } from "./support/db";
import { loadDemo } from "./support/reports";
import { runAt } from "../support/clock";

// 10:00 on 28 November 2026 in Vietnam: October is overdue, November is the running month.
const TODAY = runAt("2026-11-28T10:00:00+07:00");

beforeAll(async () => {
  await loadDemo(TODAY);
});

afterAll(closeDb);

describe("commune lists", () => {
  it("searches accent-insensitively, by code and by former district", async () => {
    expect((await searchCommunes("12", { q: "muong kim" })).map((c) => c.fullName)).toEqual(["Xã Mường Kim"]);
    expect((await searchCommunes("12", { q: "03637" })).map((c) => c.fullName)).toEqual(["Xã Mường Kim"]);
    const laiChau = await searchCommunes("12", { q: "lai chau" });
    expect(laiChau.map((c) => c.fullName)).toEqual(expect.arrayContaining(["Phường Đoàn Kết", "Phường Tân Phong"]));
  });

  it("filters by kind and former district, and sorts", async () => {
    expect(await searchCommunes("12", { kind: "PHUONG" })).toHaveLength(2);
    expect(await searchCommunes("12", { kind: "XA" })).toHaveLength(36);
    const districts = await listFormerDistricts("12");
    expect(districts).toContain("Huyện Than Uyên");
    const thanUyen = await searchCommunes("12", { district: "Huyện Than Uyên" });
    expect(thanUyen.map((c) => c.fullName)).toContain("Xã Mường Kim");
    const byPopulation = await searchCommunes("12", {}, { column: "population", descending: true });
    expect(byPopulation).toHaveLength(38);
    expect(byPopulation[0]!.population!).toBeGreaterThanOrEqual(byPopulation[37]!.population!);
  });

  it("gives one commune with its lineage, and null for an unknown code", async () => {
    const c = await getCommune("03637");
    expect(c?.fullName).toBe("Xã Mường Kim");
    expect(c?.formerUnits.length).toBeGreaterThan(0);
    expect(c?.formerUnits.every((f) => f.oldDistrict)).toBe(true);
    expect(await getCommune("99999")).toBeNull();
  });
});

describe("series and matrices", () => {
  it("the province monthly series reproduces the published quarter month by month", async () => {
    const s = await monthlySeries({ provinceCode: "12" }, { from: "2025-07", to: "2025-09" }, [
      "staff_quota",
      "one_stop_coverage",
      "pages_digitised_cumulative",
      "reporting_rate",
    ]);
    expect(s.staff_quota!.at(-1)!.value).toBe(13054);
    expect(s.one_stop_coverage!.map((p) => p.value)).toEqual([100, 100, 100]);
    const pages = s.pages_digitised_cumulative!.at(-1)!.value!;
    const overview = await provinceOverview("12", { from: "2025-07", to: "2025-09" });
    expect(pages).toBe(overview.value("pages_digitised_cumulative"));
    expect(s.reporting_rate!.map((p) => p.value)).toEqual([100, 100, 100]);
  });

  it("per-commune values add up to the province where the rule is a sum", async () => {
    const range = { from: "2025-07", to: "2025-09" };
    const quota = await communeValues({ provinceCode: "12" }, range, "staff_quota");
    expect([...quota.values()].reduce((a, b) => a! + (b ?? 0), 0)).toBe(13054);
    const onTime = await communeValues({ provinceCode: "12" }, range, "proc_on_time_rate");
    expect(onTime.size).toBe(38);
    expect(roundTo(onTime.get("03637")!, 1)).toBeGreaterThan(90);
  });

  it("the communes × months matrix has every commune and month, with gaps where nothing was received", async () => {
    const months = periodsInRange("2025-07", "2026-10");
    const m = await communeMonthMatrix({ provinceCode: "12" }, { from: "2025-07", to: "2026-10" }, "proc_on_time_rate");
    expect(m.size).toBe(38);
    for (const row of m.values()) expect([...row.keys()]).toEqual(months);
    expect([...m.values()].some((row) => row.get("2026-10") === null)).toBe(true);
  });

  it("reporting counts by commune match the province's", async () => {
    const range = { from: "2026-10", to: "2026-10" };
    const byCommune = await reportingCountsByCommune({ provinceCode: "12" }, range);
    const total = [...byCommune.values()].reduce((a, c) => a + c.received, 0);
    const o = await provinceOverview("12", range);
    expect(total).toBe(o.reporting.received);
  });
});

describe("report status matrix", () => {
  it("shows approved months for the calibrated quarter and some missing or late ones later", async () => {
    const rows = await reportStatusMatrix({ provinceCode: "12" }, { from: "2025-07", to: "2026-10" }, TODAY);
    expect(rows).toHaveLength(38);
    const cells = rows.flatMap((r) => [...r.cells.entries()]);
    expect(cells).toHaveLength(38 * 16);
    expect(cells.filter(([m]) => m <= "2025-09").every(([, c]) => c.state === "approved")).toBe(true);
    const october = cells.filter(([m]) => m === "2026-10").map(([, c]) => c.state);
    expect(october).toContain("missing");
    expect(october.filter((s) => s === "approved" || s === "onTime" || s === "late").length).toBeLessThan(38);
  });

  it("a commune's report history lists every month, newest first", async () => {
    const months = periodsInRange("2025-07", "2026-10");
    const h = await communeReportHistory({ role: "ANALYST", orgUnitId: null }, "03637", months, TODAY);
    expect(h.map((r) => r.period)).toEqual([...months].reverse());
    expect(h.at(-1)!.cell.state).toBe("approved");
  });

  it("shows a return comment only to the commune concerned and the province (attack 8)", async () => {
    const [row] = await withClient(
      async (c) =>
        (
          await c.query<{ code: string; id: number; period: string }>(
            `SELECT u.code, u.id, r.period FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
       WHERE r.status = 'SUBMITTED' ORDER BY u.code, r.period LIMIT 1`,
          )
        ).rows,
    );
    // The province returns it with a comment, as on /approval.
    await withClient((c) =>
      c.query(
        `UPDATE monthly_report SET status = 'RETURNED', return_comment = 'Sai số cán bộ' WHERE org_unit_id = $1 AND period = $2`,
        [row!.id, row!.period],
      ),
    );
    const other = await withClient(
      async (c) =>
        (
          await c.query<{ id: number }>(`SELECT id FROM org_unit WHERE level = 'COMMUNE' AND id <> $1 LIMIT 1`, [
            row!.id,
          ])
        ).rows[0]!.id,
    );
    const comment = async (viewer: { role: "ADMIN" | "PROVINCE" | "COMMUNE" | "ANALYST"; orgUnitId: number | null }) =>
      (await communeReportHistory(viewer, row!.code, [row!.period], TODAY))[0]!.report?.returnComment ?? null;
    expect(await comment({ role: "PROVINCE", orgUnitId: null })).toBe("Sai số cán bộ");
    expect(await comment({ role: "ADMIN", orgUnitId: null })).toBe("Sai số cán bộ");
    expect(await comment({ role: "COMMUNE", orgUnitId: row!.id })).toBe("Sai số cán bộ");
    expect(await comment({ role: "ANALYST", orgUnitId: null })).toBeNull();
    expect(await comment({ role: "COMMUNE", orgUnitId: other })).toBeNull();
  });
});
