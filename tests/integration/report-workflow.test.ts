/**
 * Saving and reviewing reports on a real PostgreSQL: optimistic concurrency (no lost update), the workflow,
 * refusals (approved, locked, invalid, unacknowledged warnings) that write nothing, and the audit rows.
 */
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { addMonths } from "@/lib/domain/periods";
import { closeDb } from "@/lib/data/db";
import { DataError } from "@/lib/data/errors";
import { readAuditLog } from "@/lib/data/audit";
import {
  approvalQueue,
  approveReport,
  bulkApprove,
  latestOpenPeriod,
  listCommuneMonths,
  loadMonthForm,
  lockPeriod,
  reopenReport,
  returnReport,
  saveDraft,
  submitReport,
  unlockPeriod,
} from "@/lib/data/reports";
import { setUserDisabled } from "@/lib/data/users";
import {
  ALL_WARNING_KEYS,
  auditCount,
  communeId,
  demoDatabase,
  setReport,
  validMonth,
  viewerOf,
  viewersOf,
} from "./support/reports";
import { runAt } from "../support/clock";

// 10:00 on 28 November 2026 in Vietnam: October is overdue, November is the running month.
const TODAY = runAt("2026-11-28T10:00:00+07:00");
const P = latestOpenPeriod(TODAY);
let pool: pg.Pool;
let commune: Viewer;
let province: Viewer;
let admin: Viewer;
let own: number;

beforeAll(async () => {
  pool = await demoDatabase(TODAY, 4);
  [commune, province, admin] = await viewersOf(pool, "xa-03637", "tinh", "admin");
  own = commune.orgUnitId!;
});

beforeEach(async () => {
  await setReport(pool, own, P, null);
  await pool.query(`DELETE FROM period_lock`);
});

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

/** The refusal of a call that must fail. */
async function refusal(call: Promise<unknown>): Promise<DataError> {
  const result = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(result instanceof DataError)) throw new Error(`expected a DataError, got ${String(result)}`);
  return result;
}

async function storedValues(orgUnitId: number, period: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ code: string; value: number }>(
    `SELECT indicator_code AS code, value FROM data_value WHERE org_unit_id = $1 AND period = $2`,
    [orgUnitId, period],
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.value]));
}

async function report(orgUnitId: number, period: string) {
  const { rows } = await pool.query(
    `SELECT id, status::text AS status, version, return_comment FROM monthly_report WHERE org_unit_id = $1 AND period = $2`,
    [orgUnitId, period],
  );
  return rows[0] as { id: number; status: string; version: number; return_comment: string | null } | undefined;
}

describe("optimistic concurrency", () => {
  it("two saves from the same version: the second is refused with the differences, the first is kept", async () => {
    const first = await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 0,
      values: { proc_received: 100, proc_pending: 5 },
    });
    expect(first.version).toBe(1);
    const a = await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 1,
      values: { proc_received: 120, proc_pending: 5 },
    });
    expect(a.version).toBe(2);
    const stale = saveDraft(commune, {
      communeId: own,
      period: P,
      version: 1,
      values: { proc_received: 130, proc_pending: 7 },
    });
    const error = await stale.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).code).toBe("CONFLICT");
    expect((error as DataError).message).toContain("vừa được người khác lưu");
    expect((error as DataError).details.conflict).toMatchObject({
      serverVersion: 2,
      serverStatus: "DRAFT",
      lastSavedBy: "xa-03637",
      differences: [
        { field: "proc_received", server: 120, mine: 130 },
        { field: "proc_pending", server: 5, mine: 7 },
      ],
    });
    expect(await storedValues(own, P)).toEqual({ proc_received: 120, proc_pending: 5 });
    expect((await report(own, P))!.version).toBe(2);
  });

  it("two first saves of a new report at once: exactly one creates it", async () => {
    const results = await Promise.allSettled([
      saveDraft(commune, { communeId: own, period: P, version: 0, values: { proc_received: 1 } }),
      saveDraft(commune, { communeId: own, period: P, version: 0, values: { proc_received: 2 } }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0]!.reason as DataError).code).toBe("CONFLICT");
    const kept = (ok[0] as PromiseFulfilledResult<{ version: number }>).value;
    expect(kept.version).toBe(1);
  });

  it("20 communes saving at once all succeed, nothing lost", async () => {
    const { rows } = await pool.query<{ username: string; org_unit_id: number }>(
      `SELECT username, org_unit_id FROM "user" WHERE role = 'COMMUNE' ORDER BY username LIMIT 20`,
    );
    const viewers = await Promise.all(rows.map((r) => viewerOf(pool, r.username)));
    for (const v of viewers) await setReport(pool, v.orgUnitId!, P, null);
    const results = await Promise.all(
      viewers.map((v, i) =>
        saveDraft(v, {
          communeId: v.orgUnitId!,
          period: P,
          version: 0,
          values: { proc_received: 1000 + i, feedback_received: i },
        }),
      ),
    );
    expect(results.every((r) => r.version === 1)).toBe(true);
    for (const [i, v] of viewers.entries()) {
      expect(await storedValues(v.orgUnitId!, P)).toEqual({ proc_received: 1000 + i, feedback_received: i });
    }
    for (const v of viewers) await setReport(pool, v.orgUnitId!, P, null);
  });
});

describe("refusals write nothing", () => {
  it("values with errors are not saved, and the message names the field and the limit", async () => {
    await saveDraft(commune, { communeId: own, period: P, version: 0, values: { proc_received: 10 } });
    const before = await auditCount(pool);
    const error = await refusal(
      saveDraft(commune, {
        communeId: own,
        period: P,
        version: 1,
        values: { proc_received: 100, proc_received_online: 120 },
      }),
    );
    expect(error.code).toBe("INVALID");
    expect(error.details.issues!.map((i) => i.message)).toEqual([
      "Số hồ sơ trực tuyến (120) không được lớn hơn số hồ sơ tiếp nhận (100)",
    ]);
    expect(await storedValues(own, P)).toEqual({ proc_received: 10 });
    expect((await report(own, P))!.version).toBe(1);
    expect(await auditCount(pool)).toBe(before);
  });

  it("submission needs every field and every warning acknowledged", async () => {
    const values = await validMonth(pool, own, addMonths(P, -1));
    const incomplete = await refusal(
      submitReport(commune, {
        communeId: own,
        period: P,
        version: 0,
        values: { proc_received: 1 },
        acknowledgedWarnings: [],
      }),
    );
    expect(incomplete.code).toBe("INVALID");
    expect(incomplete.details.issues!.length).toBe(18);
    const warned = await refusal(
      submitReport(commune, {
        communeId: own,
        period: P,
        version: 0,
        values: { ...values, staff_quota: 1 },
        acknowledgedWarnings: [],
      }),
    );
    expect(warned.code).toBe("WARNINGS");
    expect(warned.details.issues!.map((i) => i.key)).toContain("staff_above_quota");
    expect(await report(own, P)).toBeUndefined();
    const ok = await submitReport(commune, {
      communeId: own,
      period: P,
      version: 0,
      values: { ...values, staff_quota: 1 },
      acknowledgedWarnings: ALL_WARNING_KEYS,
    });
    expect(ok.status).toBe("SUBMITTED");
    const { rows } = await pool.query(`SELECT acknowledged_warnings FROM monthly_report WHERE id = $1`, [ok.reportId]);
    expect(rows[0].acknowledged_warnings.map((w: { key: string }) => w.key)).toContain("staff_above_quota");
  });

  it("approved and submitted reports are read-only for the commune; locked months for everyone", async () => {
    const values = await validMonth(pool, own, addMonths(P, -1));
    const id = (await setReport(pool, own, P, "APPROVED", values))!;
    await expect(saveDraft(commune, { communeId: own, period: P, version: 1, values })).rejects.toMatchObject({
      code: "READ_ONLY",
    });
    await pool.query(`UPDATE monthly_report SET status = 'SUBMITTED' WHERE id = $1`, [id]);
    await expect(saveDraft(commune, { communeId: own, period: P, version: 1, values })).rejects.toMatchObject({
      code: "READ_ONLY",
    });
    await lockPeriod(province, { period: P, reason: "Khoá sổ" });
    await expect(approveReport(province, { reportId: id })).rejects.toMatchObject({ code: "LOCKED" });
    await pool.query(`UPDATE monthly_report SET status = 'DRAFT' WHERE id = $1`, [id]);
    await expect(saveDraft(commune, { communeId: own, period: P, version: 1, values })).rejects.toMatchObject({
      code: "LOCKED",
    });
    expect((await loadMonthForm(commune, { period: P })).editable).toBe(false);
    await unlockPeriod(admin, { period: P, reason: "Mở lại để xã sửa" });
    expect((await loadMonthForm(commune, { period: P })).editable).toBe(true);
    expect((await saveDraft(commune, { communeId: own, period: P, version: 1, values })).version).toBe(2);
  });

  it("a return needs a comment; a reopen needs a reason", async () => {
    const id = (await setReport(pool, own, P, "SUBMITTED", await validMonth(pool, own, addMonths(P, -1))))!;
    await expect(returnReport(province, { reportId: id, comment: "   " })).rejects.toMatchObject({ code: "INVALID" });
    await approveReport(province, { reportId: id });
    await expect(reopenReport(province, { reportId: id, reason: "", to: "DRAFT" })).rejects.toMatchObject({
      code: "INVALID",
    });
    expect((await report(own, P))!.status).toBe("APPROVED");
  });
});

describe("the workflow, and its audit trail", () => {
  it("draft → submitted → returned (comment) → draft → submitted → approved → reopened, every step audited", async () => {
    const values = await validMonth(pool, own, addMonths(P, -1));
    const start = await auditCount(pool);
    const d1 = await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 0,
      values: { ...values, proc_pending: undefined },
    });
    const s1 = await submitReport(commune, {
      communeId: own,
      period: P,
      version: d1.version,
      values,
      acknowledgedWarnings: ALL_WARNING_KEYS,
    });
    const queued = (await approvalQueue(province, { period: P })).items.find((i) => i.commune.id === own)!;
    expect(queued.status).toBe("SUBMITTED");
    // validMonth repeats last month: the queue shows nothing changed but what we changed.
    expect(queued.changes).toEqual([]);
    await returnReport(province, { reportId: s1.reportId, comment: "Đề nghị rà soát lại số hồ sơ quá hạn" });
    const form = await loadMonthForm(commune, { period: P });
    expect(form.report).toMatchObject({ status: "RETURNED", returnComment: "Đề nghị rà soát lại số hồ sơ quá hạn" });
    expect(form.editable).toBe(true);
    const d2 = await saveDraft(commune, {
      communeId: own,
      period: P,
      version: form.version,
      values: { ...values, proc_resolved_late: 1 },
    });
    expect(d2.status).toBe("DRAFT");
    const s2 = await submitReport(commune, {
      communeId: own,
      period: P,
      version: d2.version,
      values: { ...values, proc_resolved_late: 1 },
      acknowledgedWarnings: ALL_WARNING_KEYS,
    });
    await approveReport(province, { reportId: s2.reportId, version: s2.version });
    expect((await loadMonthForm(commune, { period: P })).editable).toBe(false);
    await reopenReport(admin, { reportId: s2.reportId, reason: "Xã đề nghị sửa số liệu biên chế", to: "RETURNED" });
    expect((await report(own, P))!.return_comment).toBe("Xã đề nghị sửa số liệu biên chế");

    // Earlier tests left rows for other (deleted) reports of the same month: this report's rows only.
    const log = (await readAuditLog(province, { communeId: own, period: P }))
      .filter((r) => r.entityId === String(d1.reportId))
      .reverse();
    expect(await auditCount(pool)).toBe(start + 7);
    expect(log.map((r) => r.action)).toEqual([
      "report.save",
      "report.submit",
      "report.return",
      "report.save",
      "report.submit",
      "report.approve",
      "report.reopen",
    ]);
    expect(log[0]!.username).toBe("xa-03637");
    expect(log[0]!.changes).toMatchObject({
      status: { old: null, new: "DRAFT" },
      proc_received: { old: null, new: values.proc_received },
    });
    expect(log[0]!.changes).not.toHaveProperty("proc_pending");
    expect(log[1]!.changes).toMatchObject({
      status: { old: "DRAFT", new: "SUBMITTED" },
      proc_pending: { old: null, new: values.proc_pending },
    });
    expect(log[2]).toMatchObject({
      username: "tinh",
      reason: "Đề nghị rà soát lại số hồ sơ quá hạn",
      changes: { status: { old: "SUBMITTED", new: "RETURNED" } },
    });
    expect(log[3]!.changes).toEqual({
      proc_resolved_late: { old: 0, new: 1 },
      status: { old: "RETURNED", new: "DRAFT" },
    });
    expect(log[5]!.changes).toEqual({ status: { old: "SUBMITTED", new: "APPROVED" } });
    expect(log[6]).toMatchObject({
      username: "admin",
      reason: "Xã đề nghị sửa số liệu biên chế",
      changes: { status: { old: "APPROVED", new: "RETURNED" } },
    });
  });

  it("the audit log is append-only in the database", async () => {
    await expect(pool.query(`UPDATE audit_log SET reason = 'x'`)).rejects.toThrow();
    await expect(pool.query(`DELETE FROM audit_log`)).rejects.toThrow();
  });

  it("audit filters: by commune, month and user", async () => {
    await lockPeriod(admin, { period: "2025-08" });
    await unlockPeriod(admin, { period: "2025-08" });
    const byAdmin = await readAuditLog(province, { userId: admin.id });
    expect(byAdmin.length).toBeGreaterThanOrEqual(2);
    expect(byAdmin.every((r) => r.username === "admin")).toBe(true);
    const byMonth = await readAuditLog(province, { period: "2025-08" });
    // The demo data published 08/2025 (issue 26): its audit row is the month's oldest.
    expect(byMonth.map((r) => r.action)).toEqual(["period.unlock", "period.lock", "publication.publish"]);
    expect(byMonth[1]!.changes).toEqual({ locked: { old: false, new: true } });
    const other = await readAuditLog(admin, { communeId: await communeId(pool, "03451") });
    expect(other.every((r) => r.commune !== "Mường Kim")).toBe(true);
  });

  it("the approval queue is the province's own communes, even in a database with other provinces (the national benchmark set)", async () => {
    await pool.query(`INSERT INTO org_unit (code, level, parent_id, name, full_name, search_name, former_districts)
      SELECT 'Q98', 'PROVINCE', parent_id, 'Khác', 'Tỉnh Khác', 'khac', '{}' FROM org_unit WHERE code = '12'`);
    await pool.query(`INSERT INTO org_unit (code, level, parent_id, name, full_name, search_name, kind, former_districts)
      SELECT 'Q98001', 'COMMUNE', id, 'Ngoài', 'Xã Ngoài', 'ngoai', 'XA', '{}' FROM org_unit WHERE code = 'Q98'`);
    try {
      const queue = await approvalQueue(province, { period: P });
      expect(queue.items).toHaveLength(38);
      expect(queue.items.map((i) => i.commune.code)).not.toContain("Q98001");
    } finally {
      await pool.query(`DELETE FROM org_unit WHERE code IN ('Q98001', 'Q98')`);
    }
  });

  it("bulk approve takes only reports with no warnings", async () => {
    const values = await validMonth(pool, own, addMonths(P, -1));
    const clean = (await setReport(pool, own, P, "SUBMITTED", values))!;
    const other = await communeId(pool, "03451");
    const warned = (await setReport(pool, other, P, "SUBMITTED", {
      ...(await validMonth(pool, other, addMonths(P, -1))),
      staff_quota: 1,
    }))!;
    const result = await bulkApprove(province, { period: P });
    expect(result.approved).toContain(clean);
    expect(result.skipped).toContain(warned);
    expect((await report(own, P))!.status).toBe("APPROVED");
    expect((await report(other, P))!.status).toBe("SUBMITTED");
    await setReport(pool, other, P, null);
  });

  it("the still-due list puts late months first", async () => {
    const { due, months } = await listCommuneMonths(commune, { today: TODAY });
    expect(months[0]!.period).toBe("2026-11");
    expect(due.every((m) => ["MISSING", "DRAFT", "RETURNED"].includes(m.status))).toBe(true);
    const lateIndex = due.findIndex((m) => !m.late);
    expect(due.slice(lateIndex === -1 ? due.length : lateIndex).every((m) => !m.late)).toBe(true);
  });

  it("disabling a user ends all their sessions in the same transaction, audited", async () => {
    const target = await viewerOf(pool, "xa-03394");
    for (const i of [1, 2]) {
      await pool.query(
        `INSERT INTO session (id, expires_at, token, user_id, updated_at) VALUES ($1, now() + interval '1 hour', $2, $3, now())`,
        [`s${i}`, `t${i}`, target.id],
      );
    }
    const result = await setUserDisabled(admin, { userId: target.id, disabled: true, reason: "Chuyển công tác" });
    expect(result).toEqual({ changed: true, sessionsEnded: 2 });
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM session WHERE user_id = $1`, [target.id]);
    expect(rows[0].n).toBe(0);
    const [row] = await readAuditLog(admin, { userId: admin.id, limit: 1 });
    expect(row).toMatchObject({
      action: "user.disable",
      entityId: target.id,
      reason: "Chuyển công tác",
      changes: { banned: { old: false, new: true } },
    });
    await expect(setUserDisabled(admin, { userId: admin.id, disabled: true })).rejects.toMatchObject({
      code: "INVALID",
    });
    await setUserDisabled(admin, { userId: target.id, disabled: false });
  });
});

describe("month locks and saves in flight", () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("a month is not locked under a save that is writing: the lock waits for it", async () => {
    // What every report write holds for its whole transaction (lib/data/reports/report-transaction.ts holdMonthLocks).
    const saving = await pool.connect();
    await saving.query("BEGIN");
    await saving.query("LOCK TABLE period_lock IN SHARE MODE");
    let locked = false;
    const locking = lockPeriod(admin, { period: P }).then(() => (locked = true));
    await sleep(300);
    expect(locked).toBe(false);
    await saving.query("COMMIT");
    saving.release();
    await locking;
    expect(locked).toBe(true);
  });

  it("a save that starts while the month is being locked waits, then is refused: nothing is written", async () => {
    const locking = await pool.connect();
    await locking.query("BEGIN");
    await locking.query(`INSERT INTO period_lock (period, reason) VALUES ($1, 'khoá sổ')`, [P]);
    let settled = false;
    const saving = saveDraft(commune, { communeId: own, period: P, version: 0, values: { proc_received: 100 } })
      .then(
        () => "saved",
        (e: unknown) => (e instanceof DataError ? e.code : String(e)),
      )
      .finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false);
    await locking.query("COMMIT");
    locking.release();
    expect(await saving).toBe("LOCKED");
    expect(await storedValues(own, P)).toEqual({});
  });
});
