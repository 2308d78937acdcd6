/**
 * Issue 23, item 6: loading history. A province or administrator imports the months it already has and records them
 * as received ("Ghi nhận là đã duyệt"): the reports become APPROVED with the batch as the reason, audited, counted as
 * received on the dashboards at once and left out of the on-time and late counts. A commune's import stays a draft;
 * a locked month is refused until it is unlocked; the batch can be undone.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { reportingCounts, scopeFigures } from "@/lib/data/aggregates";
import { closeDb } from "@/lib/data/db";
import { createDemoAccounts } from "@/lib/data/demo-accounts";
import { commit, dryRun } from "@/lib/data/import";
import { undoImportBatch } from "@/lib/data/import-batches";
import { lockPeriod, unlockPeriod } from "@/lib/data/reports";
import { reportStatusMatrix } from "@/lib/data/communes";
import { seedReferenceData } from "@/lib/data/seed";
import { importApi } from "@/lib/web/import-api";
import { runAt } from "../support/clock";
import { resetDatabase, testDatabaseUrl, withClient } from "./support/db";
import { viewerOf } from "./support/reports";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const HEADER = "commune_code,period,indicator_code,value";
const HISTORY = ["2025-08", "2025-09"] as const;
let pool: pg.Pool;
let province: Viewer;
let admin: Viewer;
let commune: Viewer;
let other: string;
/** A third commune, whose history is not loaded. */
let third: string;

const file = (text: string, name = "lich-su.csv") => ({ name, bytes: new TextEncoder().encode(text) });

/** Two months of one commune: procedures received and resolved on time. */
const rows = (code: string, base: number) =>
  HISTORY.flatMap((p, i) => [
    `${code},${p},proc_received,${base + i}`,
    `${code},${p},proc_resolved_on_time,${base + i}`,
  ]);

async function reports(code: string) {
  const { rows: found } = await pool.query<{
    period: string;
    status: string;
    first_submitted_at: Date | null;
    approved_by_id: string | null;
    approved_at: Date | null;
  }>(
    `SELECT r.period, r.status::text AS status, r.first_submitted_at, r.approved_by_id, r.approved_at
     FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id WHERE u.code = $1 ORDER BY r.period`,
    [code],
  );
  return found;
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
  // A new installation: the 38 units and the accounts, no figures yet.
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedReferenceData(c);
    await createDemoAccounts(c, "12");
  });
  [province, admin, commune] = await Promise.all([
    viewerOf(pool, "tinh"),
    viewerOf(pool, "admin"),
    viewerOf(pool, "xa-03637"),
  ]);
  const { rows: units } = await pool.query<{ code: string }>(
    `SELECT code FROM org_unit WHERE level = 'COMMUNE' AND code <> '03637' ORDER BY code LIMIT 2`,
  );
  [other, third] = [units[0]!.code, units[1]!.code];
}, 180_000);

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

describe("loading history: Ghi nhận là đã duyệt", () => {
  it("a commune's import stays a draft, and a commune may not mark its months as received", async () => {
    const csv = `${HEADER}\n${rows("03637", 10).join("\n")}\n`;
    await expect(commit(commune, { ...file(csv), markReceived: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(dryRun(commune, { ...file(csv), markReceived: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const done = await commit(commune, file(csv));
    expect(done.committed).toBe(true);
    expect((await reports("03637")).map((r) => r.status)).toEqual(["DRAFT", "DRAFT"]);
  });

  it("the province's import marks every month of the file approved, the batch as reason, audited; counted as received at once, neither on time nor late", async () => {
    // 03637's months exist as drafts (unchanged values: they are approved all the same); `other` has none yet.
    const csv = `${HEADER}\n${rows("03637", 10).join("\n")}\n${rows(other, 20).join("\n")}\n`;
    const dry = await dryRun(province, { ...file(csv), markReceived: true });
    expect(dry.counts).toEqual({ new: 4, changed: 0, unchanged: 4, error: 0 });
    expect(dry.months).toEqual({ total: 4, created: 2, received: 4 });
    expect((await reports(other)).length).toBe(0);

    const done = await commit(province, { ...file(csv), markReceived: true });
    expect(done.committed).toBe(true);
    for (const code of ["03637", other]) {
      const found = await reports(code);
      expect(found.map((r) => [r.period, r.status, r.first_submitted_at, r.approved_by_id])).toEqual(
        HISTORY.map((p) => [p, "APPROVED", null, province.id]),
      );
    }
    const { rows: audit } = await pool.query<{ action: string; reason: string; changes: Record<string, unknown> }>(
      `SELECT a.action, a.reason, a.changes FROM audit_log a JOIN org_unit u ON u.id = a.org_unit_id
       WHERE a.action = 'report.import_received' AND u.code = '03637' ORDER BY a.period`,
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]!.reason).toBe(
      `Ghi nhận là đã duyệt: số liệu lịch sử nhập từ tệp lich-su.csv (lần nhập số ${done.batchId})`,
    );
    expect(audit[0]!.changes).toEqual({ status: { old: "DRAFT", new: "APPROVED" } });
    const { rows: batch } = await pool.query(`SELECT counts FROM import_batch WHERE id = $1`, [done.batchId]);
    expect(batch[0].counts).toMatchObject({ reports_received: 4, reports_created: 2, reports_updated: 2 });

    // The dashboards: received at once; out of the timeliness rate, which is the one report submitted on time (by
    // a third commune, on 3 September for August) of the 76 - 4 reports expected through the product.
    await pool.query(
      `INSERT INTO monthly_report (org_unit_id, period, status, first_submitted_at, submitted_at, updated_at)
       SELECT id, '2025-08', 'SUBMITTED', '2025-09-03T03:00:00Z', '2025-09-03T03:00:00Z', now() FROM org_unit WHERE code = $1`,
      [third],
    );
    const range = { from: "2025-08", to: "2025-09" };
    expect(await reportingCounts({ provinceCode: "12" }, range)).toEqual({
      expected: 76,
      received: 5,
      onTime: 1,
      recorded: 4,
    });
    const figures = await scopeFigures({ provinceCode: "12" }, range, ["reporting_rate", "reporting_timeliness"]);
    expect(figures.value("reporting_rate")).toBeCloseTo((5 / 76) * 100, 6);
    expect(figures.value("reporting_timeliness")).toBeCloseTo((1 / 72) * 100, 6);
    await pool.query(`DELETE FROM monthly_report WHERE period = '2025-08' AND status = 'SUBMITTED'`);
    // The completeness matrix: approved, not late.
    const matrix = await reportStatusMatrix({ provinceCode: "12" }, range, TODAY);
    const cell = matrix.find((r) => r.code === other)!.cells.get("2025-09")!;
    expect(cell).toEqual({ state: "approved", onTime: null });
  });

  it("a locked month is refused whole (even its unchanged values), and imports once the administrator unlocks it", async () => {
    await lockPeriod(admin, { period: "2025-09", reason: "kiểm tra" });
    const csv = `${HEADER}\n${rows("03637", 10).join("\n")}\n${rows(other, 20).join("\n")}\n${third},2025-09,proc_received,5\n`;
    const before = await pool.query(`SELECT count(*)::int AS n, sum(version)::int AS v FROM monthly_report`);
    const refused = await commit(admin, { ...file(csv), markReceived: true });
    expect(refused.committed).toBe(false);
    const messages = refused.rows.filter((r) => r.outcome === "error");
    expect(messages.map((r) => r.line)).toEqual([10]);
    expect(messages[0]!.messages.join()).toMatch(/09\/2025 đã khoá sổ/);
    expect((await pool.query(`SELECT count(*)::int AS n, sum(version)::int AS v FROM monthly_report`)).rows).toEqual(
      before.rows,
    );

    await unlockPeriod(admin, { period: "2025-09", reason: "nạp lịch sử" });
    const done = await commit(admin, { ...file(csv), markReceived: true });
    expect(done.committed).toBe(true);
    expect(done.months.received).toBe(1); // the approved months stay as they are
    expect((await reports(third)).map((r) => r.status)).toEqual(["APPROVED"]);

    // Undo: the month it created goes, with its values; audited.
    await undoImportBatch(admin, done.batchId!);
    expect(await reports(third)).toEqual([]);
  });

  it("undo of a batch that approved drafts: back to drafts, the approval gone, audited with the status", async () => {
    const csv = `${HEADER}\n03637,2025-10,proc_received,7\n`;
    expect((await commit(commune, file(csv))).committed).toBe(true);
    const done = await commit(province, { ...file(csv), markReceived: true });
    expect(done.months).toEqual({ total: 1, created: 0, received: 1 });
    expect((await reports("03637")).at(-1)).toMatchObject({ period: "2025-10", status: "APPROVED" });
    await undoImportBatch(province, done.batchId!);
    expect((await reports("03637")).at(-1)).toMatchObject({
      period: "2025-10",
      status: "DRAFT",
      approved_by_id: null,
      approved_at: null,
    });
    const { rows: audit } = await pool.query(
      `SELECT changes FROM audit_log WHERE action = 'report.import_undo' AND period = '2025-10' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0].changes).toEqual({ status: { old: "APPROVED", new: "DRAFT" } });
  });

  it("POST /api/v1/import?mark_received=1: 403 for a commune, 200 and the months approved for the province", async () => {
    const post = (viewer: Viewer, text: string) =>
      importApi(
        new Request("http://localhost/api/v1/import?mark_received=1", {
          method: "POST",
          headers: { "content-type": "text/csv" },
          body: text,
        }),
        viewer,
      );
    const csv = `${HEADER}\n03637,2025-11,proc_received,3\n`;
    const forbidden = await post(commune, csv);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toMatch(/Chỉ tài khoản cấp tỉnh hoặc quản trị/);
    expect((await reports("03637")).some((r) => r.period === "2025-11")).toBe(false);

    const ok = await post(province, csv);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ changes: 1, committed: true, received: 1 });
    expect((await reports("03637")).at(-1)).toMatchObject({ period: "2025-11", status: "APPROVED" });
  });
});
