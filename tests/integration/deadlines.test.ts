/**
 * Due, not late (SPEC §3), on the demo data as it stands at 10:00 on 3 December 2026 in Vietnam: November's reports
 * are due until the end of 5 December. Nothing may call a missing November report late before then.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/data/db";
import { briefingFigures } from "@/lib/data/briefing";
import { reportStatusMatrix } from "@/lib/data/communes";
import { reportingStandingOf } from "@/lib/data/series";
import { writeBriefing } from "@/lib/domain/briefing";
import { withClient } from "./support/db";
import { loadDemo } from "./support/reports";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-12-03T10:00:00+07:00");
const AFTER_DEADLINE = new Date("2026-12-06T00:01:00+07:00");
const NOVEMBER = { from: "2026-11", to: "2026-11" };
const LAI_CHAU = { provinceCode: "12" };

beforeAll(async () => {
  await loadDemo(TODAY);
});

afterAll(closeDb);

describe("before the deadline", () => {
  it("the demo data has no timestamp after its own today", async () => {
    const latest = await withClient(
      async (c) =>
        (
          await c.query<{ t: Date }>(
            `SELECT greatest(max(first_submitted_at), max(submitted_at), max(approved_at), max(updated_at)) AS t FROM monthly_report`,
          )
        ).rows[0]!.t,
    );
    expect(latest.getTime()).toBeLessThanOrEqual(TODAY.getTime());
  });

  it("the completeness matrix shows November's missing reports as within the deadline, none late", async () => {
    const rows = await reportStatusMatrix(LAI_CHAU, NOVEMBER, TODAY);
    const states = rows.map((r) => r.cells.get("2026-11")!.state);
    expect(states).not.toContain("missing");
    expect(states).not.toContain("late");
    expect(states.filter((s) => s === "pending" || s === "draft").length).toBeGreaterThan(0);
    expect(states.filter((s) => s === "onTime" || s === "approved").length).toBeGreaterThan(0);
  });

  it("the reporting count says how many are in, still within the deadline, and late", async () => {
    const s = await reportingStandingOf(LAI_CHAU, NOVEMBER, TODAY);
    expect(s.overdue).toBe(0);
    expect(s.received).toBeGreaterThan(0);
    expect(s.received + s.pending).toBe(38);
    expect(s.nextDeadline).toEqual({ period: "2026-11", at: new Date("2026-12-05T23:59:59.999+07:00"), daysLeft: 2 });
  });

  it("the briefing says the reports are still due, not overdue", async () => {
    const text = writeBriefing(await briefingFigures("12", NOVEMBER, TODAY))
      .sections.flatMap((x) => x.sentences)
      .join(" ");
    expect(text).toContain("báo cáo còn trong hạn nộp (hạn ngày 05/12/2026)");
    expect(text).not.toContain("quá hạn mà chưa nộp");
  });
});

describe("one minute after the deadline", () => {
  it("the same missing reports are late", async () => {
    const rows = await reportStatusMatrix(LAI_CHAU, NOVEMBER, AFTER_DEADLINE);
    expect(rows.map((r) => r.cells.get("2026-11")!.state)).toContain("missing");
    const s = await reportingStandingOf(LAI_CHAU, NOVEMBER, AFTER_DEADLINE);
    expect(s.pending).toBe(0);
    expect(s.overdue).toBeGreaterThan(0);
  });
});
