/**
 * Issue 28 on the demo data as it stands on 07/12/2026 (11/2026 partly reported): totals of the month in progress are
 * each unit's latest figure, said with their coverage; the pages open on the newest complete month.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/data/db";
import { briefingFigures } from "@/lib/data/briefing";
import { monthCoverages } from "@/lib/data/coverage";
import { latestReportedPeriod } from "@/lib/data/org-units";
import { provinceOverview } from "@/lib/data/overview";
import { monthlySeries } from "@/lib/data/series";
import { writeBriefing } from "@/lib/domain/briefing";
import { defaultPeriod } from "@/lib/domain/coverage";
import { loadDemo } from "./support/reports";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-12-07T10:00:00+07:00");
const NOV = { from: "2026-11", to: "2026-11" };
const OCT = { from: "2026-10", to: "2026-10" };

beforeAll(async () => {
  await loadDemo(TODAY);
});

afterAll(closeDb);

describe("a partly reported month on the demo data", () => {
  it("11/2026 is in progress and the pages open on 10/2026", async () => {
    const latest = await latestReportedPeriod("12");
    expect(latest).toBe("2026-11");
    const months = await monthCoverages({ provinceCode: "12" }, { from: "2026-09", to: "2026-11" });
    const nov = months.find((m) => m.period === "2026-11")!;
    expect(nov.expected).toBe(38);
    expect(nov.received).toBeLessThan(38);
    expect(defaultPeriod(latest!, months, TODAY)).toEqual({ period: "2026-10", inProgress: nov });
  });

  it("the month's stock totals stay near the complete month's: each commune's latest figure, carried ones said", async () => {
    const [nov, oct] = await Promise.all([provinceOverview("12", NOV), provinceOverview("12", OCT)]);
    const quota = nov.value("staff_quota")!;
    const octQuota = oct.value("staff_quota")!;
    expect(Math.abs(quota - octQuota) / octQuota).toBeLessThan(0.02);
    expect(Math.abs(nov.value("staff_cbcc")! - oct.value("staff_cbcc")!) / oct.value("staff_cbcc")!).toBeLessThan(0.02);
    const notReported = nov.communes.filter((c) => !c.reported);
    expect(notReported.length).toBe(38 - nov.reporting.received);
    // Carried from their latest month within the look-back (10/2026, or 09/2026 for a commune that missed October too).
    expect(
      notReported.map((c) => [
        c.code,
        c.carriedFrom != null && c.carriedFrom >= "2026-08" && c.carriedFrom <= "2026-10",
        c.staffQuota != null,
      ]),
    ).toEqual(notReported.map((c) => [c.code, true, true]));
  });

  it("the trend marks 11/2026 as provisional, with its coverage, and draws no fall of the quota", async () => {
    const series = await monthlySeries({ provinceCode: "12" }, { from: "2026-09", to: "2026-11" }, [
      "quota_fill_rate",
      "staff_cbcc",
    ]);
    const last = series.staff_cbcc!.at(-1)!;
    expect(last.partial).toBe(true);
    expect(last.coverage.expected).toBe(38);
    expect(last.coverage.received).toBeLessThan(38);
    // Provisional exactly where reports are missing (no month of the demo is locked).
    for (const p of series.staff_cbcc!) expect(p.partial, p.period).toBe(p.coverage.received < 38);
    expect(last.value! / series.staff_cbcc![1]!.value!).toBeGreaterThan(0.98);
  });

  it("the briefing of 11/2026 says its coverage in the opening sentence and beside its totals", async () => {
    const f = await briefingFigures("12", NOV, TODAY);
    const b = writeBriefing(f);
    const received = f.reporting.received;
    expect(b.subject).toBe("Tình hình vận hành chính quyền địa phương 2 cấp tháng 11 năm 2026");
    expect(b.sections[0]!.sentences[0]).toContain(`số liệu tạm tính: đã nhận ${received}/38 báo cáo của xã, phường`);
    const all = b.sections.flatMap((s) => s.sentences).join(" ");
    expect(all).toMatch(
      new RegExp(`${38 - received} xã, phường lấy số liệu (tháng 10/2026|các tháng 0[89]/2026 – 10/2026)`),
    );
    expect(all).toContain(`(tạm tính, ${received}/38 xã, phường)`);
  });
});
