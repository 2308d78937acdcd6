/**
 * Issue 28: a commune that confirms a warning may say why. The note is stored with the report (cleaned, at most
 * WARNING_NOTE_MAX characters), audited as a change, dropped when the month has no warning, and shown to the reviewer
 * in the approval queue, where bulk approval leaves the report for a person.
 */
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { addMonths } from "@/lib/domain/periods";
import { type MonthValues, WARNING_NOTE_MAX } from "@/lib/domain/validation";
import { closeDb } from "@/lib/data/db";
import {
  approvalQueue,
  bulkApprove,
  latestOpenPeriod,
  loadMonthForm,
  returnReport,
  submitReport,
} from "@/lib/data/reports";
import { ALL_WARNING_KEYS, auditCount, demoDatabase, setReport, validMonth, viewersOf } from "./support/reports";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const P = latestOpenPeriod(TODAY);
let pool: pg.Pool;
let commune: Viewer;
let province: Viewer;
let own: number;

beforeAll(async () => {
  pool = await demoDatabase(TODAY, 4);
  [commune, province] = await viewersOf(pool, "xa-03637", "tinh");
  own = commune.orgUnitId!;
});

beforeEach(async () => {
  await setReport(pool, own, P, null);
});

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

async function storedNote(reportId: number): Promise<string | null> {
  const { rows } = await pool.query<{ warning_note: string | null }>(
    `SELECT warning_note FROM monthly_report WHERE id = $1`,
    [reportId],
  );
  return rows[0]!.warning_note;
}

async function noteAudits(reportId: number) {
  const { rows } = await pool.query<{ action: string; changes: Record<string, { old: unknown; new: unknown }> }>(
    `SELECT action, changes FROM audit_log WHERE entity = 'monthly_report' AND entity_id = $1 AND changes ? 'warningNote'
     ORDER BY id`,
    [String(reportId)],
  );
  return rows.map((r) => ({ action: r.action, ...r.changes.warningNote }));
}

/** The commune submits month P from `version`, confirming every warning there can be, with `warningNote`. */
function submitWithNote(values: MonthValues, warningNote: string, version = 0) {
  return submitReport(commune, {
    communeId: own,
    period: P,
    version,
    values,
    acknowledgedWarnings: ALL_WARNING_KEYS,
    warningNote,
  });
}

describe("the note on confirmed warnings", () => {
  it("is stored cleaned, audited, and shown beside the warnings in the queue, which bulk approval skips", async () => {
    // More staff than the quota: a warning the commune confirms.
    const values = { ...(await validMonth(pool, own, addMonths(P, -1))), staff_quota: 1 };
    const r = await submitWithNote(values, "  Biên chế mới được giao bổ sung\u0000 theo quyết định tháng 11.  ");
    expect(r.warnings.map((w) => w.key)).toContain("staff_above_quota");
    const note = "Biên chế mới được giao bổ sung theo quyết định tháng 11.";
    expect(await storedNote(r.reportId)).toBe(note);
    expect(await noteAudits(r.reportId)).toEqual([{ action: "report.submit", old: null, new: note }]);

    const form = await loadMonthForm(commune, { period: P });
    expect(form.report!.warningNote).toBe(note);
    const item = (await approvalQueue(province, { period: P })).items.find((i) => i.reportId === r.reportId)!;
    expect(item.warnings.map((w) => w.key)).toContain("staff_above_quota");
    expect(item.warningNote).toBe(note);

    const bulk = await bulkApprove(province, { period: P });
    expect(bulk.approved).not.toContain(r.reportId);
    expect(bulk.skipped).toContain(r.reportId);
  });

  it("is refused over the bound, with nothing written", async () => {
    const values = { ...(await validMonth(pool, own, addMonths(P, -1))), staff_quota: 1 };
    const before = await auditCount(pool);
    await expect(submitWithNote(values, "x".repeat(WARNING_NOTE_MAX + 1))).rejects.toMatchObject({
      code: "INVALID",
      message: `Nội dung quá dài (tối đa ${WARNING_NOTE_MAX} ký tự).`,
    });
    expect((await loadMonthForm(commune, { period: P })).report).toBeNull();
    expect(await auditCount(pool)).toBe(before);
    // Exactly at the bound is accepted.
    const r = await submitWithNote(values, "x".repeat(WARNING_NOTE_MAX));
    expect((await storedNote(r.reportId))!.length).toBe(WARNING_NOTE_MAX);
  });

  it("is not kept for a month without a warning, and a resubmission replaces it (audited old and new)", async () => {
    const clean = await validMonth(pool, own, addMonths(P, -1));
    const first = await submitReport(commune, {
      communeId: own,
      period: P,
      version: 0,
      values: clean,
      acknowledgedWarnings: [],
      warningNote: "Không có gì cần giải thích",
    });
    expect(first.warnings).toEqual([]);
    expect(await storedNote(first.reportId)).toBeNull();
    expect(await noteAudits(first.reportId)).toEqual([]);

    const returned = await returnReport(province, { reportId: first.reportId, comment: "Kiểm tra biên chế" });
    const second = await submitWithNote({ ...clean, staff_quota: 1 }, "Đúng: chờ giao biên chế", returned.version);
    const returnedAgain = await returnReport(province, { reportId: second.reportId, comment: "Vẫn chưa rõ" });
    await submitWithNote({ ...clean, staff_quota: 1 }, "Quyết định giao biên chế số 12", returnedAgain.version);
    expect(await storedNote(first.reportId)).toBe("Quyết định giao biên chế số 12");
    expect(await noteAudits(first.reportId)).toEqual([
      { action: "report.submit", old: null, new: "Đúng: chờ giao biên chế" },
      { action: "report.submit", old: "Đúng: chờ giao biên chế", new: "Quyết định giao biên chế số 12" },
    ]);
  });
});
