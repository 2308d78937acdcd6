/**
 * The briefing and the Decision 766 view on the demo data in a real PostgreSQL, through the functions the pages call.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/data/db";
import { briefingFigures } from "@/lib/data/briefing";
import { index766Scores } from "@/lib/data/index766";
import { provinceScorecards } from "@/lib/data/scorecards";
import { writeBriefing } from "@/lib/domain/briefing";
import { withClient } from "./support/db";
import { loadDemo } from "./support/reports";
import { runAt } from "../support/clock";

// 10:00 on 28 November 2026 in Vietnam: October is overdue, November is the running month.
const TODAY = runAt("2026-11-28T10:00:00+07:00");
const Q3 = { from: "2025-07", to: "2025-09" };

beforeAll(async () => {
  await loadDemo(TODAY);
});

afterAll(closeDb);

const briefingText = async (range = Q3) =>
  writeBriefing(await briefingFigures("12", range))
    .sections.flatMap((s) => s.sentences)
    .join(" ");

describe("Decision 766 scores, hand-computed from the raw values", () => {
  /** Σ of each raw value of one commune over Q3, counting received reports only (as the dashboards do). */
  async function rawSums(code: string): Promise<Record<string, number>> {
    return withClient(async (c) => {
      const { rows } = await c.query<{ indicator_code: string; total: number }>(
        `SELECT dv.indicator_code, sum(dv.value)::float8 AS total FROM data_value dv
         JOIN org_unit u ON u.id = dv.org_unit_id
         JOIN monthly_report r ON r.org_unit_id = dv.org_unit_id AND r.period = dv.period AND r.status IN ('SUBMITTED', 'APPROVED')
         WHERE u.code = $1 AND dv.period BETWEEN '2025-07' AND '2025-09' GROUP BY dv.indicator_code`,
        [code],
      );
      return Object.fromEntries(rows.map((r) => [r.indicator_code, r.total]));
    });
  }

  it.each(["03637", "03388"])("commune %s", async (code) => {
    const s = await rawSums(code);
    const resolved = s.proc_resolved_early! + s.proc_resolved_on_time! + s.proc_resolved_late!;
    const progress = (20 * (s.proc_resolved_early! + s.proc_resolved_on_time!)) / resolved;
    const onlineShare = s.proc_received_online! / s.proc_received!;
    const online = onlineShare >= 0.5 ? 12 : (12 * onlineShare) / 0.5;
    const digitisedShare = Math.min(1, s.dossiers_digitised! / resolved);
    const digitised = digitisedShare >= 0.8 ? 4 : (4 * digitisedShare) / 0.8;
    const feedback = s.feedback_received === 0 ? 6 : 6 * Math.min(1, s.feedback_resolved! / s.feedback_received!);

    const { communes } = await index766Scores("12", Q3);
    const score = communes.find((c) => c.commune.code === code)!.score;
    const byId = Object.fromEntries(score.components.map((c) => [c.id, c.points]));
    expect(byId["2.1"]).toBeCloseTo(progress, 9);
    expect(byId["3.x"]).toBeCloseTo(online, 9);
    expect(byId["4.2"]).toBeCloseTo(digitised, 9);
    expect(byId["5.2"]).toBeCloseTo(feedback, 9);
    expect(score.total).toBeCloseTo(progress + online + digitised + feedback, 9);
    expect(score.totalMax).toBe(42);
    // Sanity: the demo's on-time rates are near the province's 98,8%.
    expect(progress).toBeGreaterThan(18);
  });

  it("the province total is a ratio of sums, between the communes' extremes", async () => {
    const { province, communes } = await index766Scores("12", Q3);
    const progress = province.components.find((c) => c.id === "2.1")!.points!;
    const values = communes.map((c) => c.score.components.find((x) => x.id === "2.1")!.points!);
    expect(progress).toBeGreaterThanOrEqual(Math.min(...values));
    expect(progress).toBeLessThanOrEqual(Math.max(...values));
    expect(progress).toBeCloseTo(20 * 0.988, 1);
  });
});

describe("scorecards", () => {
  it("rank every commune on each KPI and carry a trend since the reform", async () => {
    const { ranked, cards } = await provinceScorecards("12", Q3);
    expect(ranked).toBe(38);
    expect(cards).toHaveLength(38);
    const onTime = cards.map((c) => c.kpis.find((k) => k.code === "proc_on_time_rate")!);
    expect(onTime.every((k) => k.rank != null && k.rank >= 1 && k.rank <= 38)).toBe(true);
    expect(onTime.some((k) => k.rank === 1)).toBe(true);
    expect(onTime[0]!.trend.map((p) => p.period)).toEqual(["2025-07", "2025-08", "2025-09"]);
  });

  it("read one query at a time (the Word documents), they are the same scorecards", async () => {
    expect(await provinceScorecards("12", Q3, { oneQueryAtATime: true })).toEqual(await provinceScorecards("12", Q3));
  });
});

describe("the briefing for July–September 2025", () => {
  it("writes the province's published figures", async () => {
    const t = await briefingText();
    expect(t).toContain("07/2025 – 09/2025");
    expect(t).toContain("38 xã, phường (36 xã và 2 phường)");
    expect(t).toContain("100% xã, phường trong tỉnh vận hành bộ phận một cửa");
    expect(t).toContain("đúng và trước hạn đạt 98,8%");
    expect(t).toContain("gần 4 triệu trang tài liệu");
    expect(t).toContain("17.418 cán bộ, công chức, viên chức, trong đó 2.334 cán bộ, công chức công tác tại cấp xã");
    expect(t).toContain("13.054");
    expect(t).toMatch(/Ba đơn vị dẫn đầu về tỷ lệ giải quyết/);
    expect(t).toContain("Chưa có số liệu kỳ trước cùng độ dài");
  });

  it("compares October–December with July–September", async () => {
    const t = await briefingText({ from: "2025-10", to: "2025-12" });
    expect(t).toContain("So với kỳ trước cùng độ dài, 07/2025 – 09/2025");
  });

  it("says there is no data for a period without reports", async () => {
    expect(await briefingText({ from: "2030-01", to: "2030-01" })).toBe(
      "Chưa có số liệu báo cáo của các xã, phường cho kỳ tháng 01/2030 (từ ngày 01/01/2030 đến ngày 31/01/2030).",
    );
  });

  it("one shop closed in September: 37/38, not 100%", async () => {
    await withClient((c) =>
      c.query(
        `UPDATE data_value SET value = 0 WHERE indicator_code = 'one_stop_operating' AND period = '2025-09'
         AND org_unit_id = (SELECT id FROM org_unit WHERE code = '03637')`,
      ),
    );
    const t = await briefingText();
    expect(t).toContain("37/38 xã, phường (97,4%) vận hành bộ phận một cửa");
    expect(t).not.toContain("100% xã, phường");
  });
});
