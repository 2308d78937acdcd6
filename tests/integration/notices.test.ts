/**
 * Notices on a real PostgreSQL: who receives one for each status change, written in the same transaction as the change
 * (a failed notice rolls the change back, a refused change writes no notice), read and marked read by their recipient
 * only, the bell state the page cache keys on, paging, and the commune's recent decisions.
 */
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { addMonths } from "@/lib/domain/periods";
import { NOTICES_PAGE_SIZE } from "@/lib/domain/notices";
import { closeDb } from "@/lib/data/db";
import { sessionByToken } from "@/lib/data/data-version";
import { listNotices, markNoticesRead, unreadNotices } from "@/lib/data/notices";
import {
  approveReport,
  bulkApprove,
  latestOpenPeriod,
  recentDecisions,
  reopenReport,
  returnReport,
  saveDraft,
  submitReport,
} from "@/lib/data/reports";
import { setUserDisabled } from "@/lib/data/users";
import {
  ALL_WARNING_KEYS,
  auditCount,
  demoDatabase,
  setReport,
  validMonth,
  viewerOf,
  viewersOf,
} from "./support/reports";
import { runAt } from "../support/clock";

// 10:00 on 28 November 2026 in Vietnam: November is the running month.
const TODAY = runAt("2026-11-28T10:00:00+07:00");
const P = latestOpenPeriod(TODAY);
let pool: pg.Pool;
let commune: Viewer;
let colleague: Viewer;
let other: Viewer;
let province: Viewer;
let admin: Viewer;
let analyst: Viewer;
let own: number;

beforeAll(async () => {
  pool = await demoDatabase(TODAY, 4);
  [commune, other, province, admin, analyst] = await viewersOf(
    pool,
    "xa-03637",
    "xa-03388",
    "tinh",
    "admin",
    "phantich",
  );
  own = commune.orgUnitId!;
  // A second account of the same commune: a return goes to both.
  await pool.query(
    `INSERT INTO "user" (id, name, email, username, role, org_unit_id, updated_at)
    VALUES ('colleague', 'Cán bộ thứ hai', 'xa2-03637@demo.invalid', 'xa2-03637', 'COMMUNE', $1, now())`,
    [own],
  );
  colleague = await viewerOf(pool, "xa2-03637");
});

beforeEach(async () => {
  await pool.query(`DELETE FROM notice`);
  await setReport(pool, own, P, null);
  await setReport(pool, other.orgUnitId!, P, null);
});

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

async function notices() {
  const { rows } = await pool.query<{
    username: string;
    kind: string;
    report_id: number;
    comment: string | null;
    created_at: Date;
    read_at: Date | null;
  }>(
    `SELECT u.username, n.kind::text AS kind, n.report_id, n.comment, n.created_at, n.read_at
     FROM notice n JOIN "user" u ON u.id = n.user_id ORDER BY u.username, n.id`,
  );
  return rows;
}

async function submitted(viewer: Viewer): Promise<{ reportId: number; version: number }> {
  const values = await validMonth(pool, viewer.orgUnitId!, addMonths(P, -1));
  return submitReport(viewer, {
    communeId: viewer.orgUnitId!,
    period: P,
    version: 0,
    values,
    acknowledgedWarnings: ALL_WARNING_KEYS,
  });
}

describe("who is told, in the same transaction", () => {
  it("a submission tells every reviewer, stamped with the submission's instant", async () => {
    const s = await submitted(commune);
    const rows = await notices();
    expect(rows.map((r) => [r.username, r.kind, r.report_id])).toEqual([
      ["admin", "SUBMITTED", s.reportId],
      ["tinh", "SUBMITTED", s.reportId],
    ]);
    const { rows: report } = await pool.query<{ submitted_at: Date }>(
      `SELECT submitted_at FROM monthly_report WHERE id = $1`,
      [s.reportId],
    );
    for (const r of rows) expect(r.created_at.getTime()).toBe(report[0]!.submitted_at.getTime());
    // A saved draft tells nobody.
    await saveDraft(other, { communeId: other.orgUnitId!, period: P, version: 0, values: { proc_received: 5 } });
    expect(await notices()).toHaveLength(2);
  });

  it("a return tells every account of the commune, with the comment; nobody else", async () => {
    const s = await submitted(commune);
    await pool.query(`DELETE FROM notice`);
    await returnReport(province, { reportId: s.reportId, comment: "Đề nghị kiểm tra lại số trang số hoá." });
    expect((await notices()).map((r) => [r.username, r.kind, r.comment])).toEqual([
      ["xa-03637", "RETURNED", "Đề nghị kiểm tra lại số trang số hoá."],
      ["xa2-03637", "RETURNED", "Đề nghị kiểm tra lại số trang số hoá."],
    ]);
    expect(await unreadNotices(commune)).toBe(1);
    expect(await unreadNotices(other)).toBe(0);
    expect(await unreadNotices(province)).toBe(0);
    const { items } = await listNotices(commune, { page: 1 });
    expect(items).toMatchObject([
      {
        kind: "RETURNED",
        period: P,
        communeName: "Xã Mường Kim",
        comment: "Đề nghị kiểm tra lại số trang số hoá.",
        readAt: null,
      },
    ]);
  });

  it("an approval tells the commune; a bulk approval tells each commune approved", async () => {
    const a = await submitted(commune);
    await approveReport(province, { reportId: a.reportId });
    expect((await notices()).filter((n) => n.kind === "APPROVED").map((n) => n.username)).toEqual([
      "xa-03637",
      "xa2-03637",
    ]);
    await pool.query(`DELETE FROM notice`);
    await setReport(pool, own, P, null);
    const b1 = await submitted(commune);
    const b2 = await submitted(other);
    await pool.query(`DELETE FROM notice`);
    const bulk = await bulkApprove(province, { period: P });
    expect(bulk.approved.length).toBeGreaterThan(0);
    const approvedHere = [b1.reportId, b2.reportId].filter((id) => bulk.approved.includes(id));
    const told = (await notices()).filter((n) => n.kind === "APPROVED");
    expect(new Set(told.map((n) => n.report_id))).toEqual(new Set(approvedHere));
    expect(told.length).toBe(bulk.approved.length + (bulk.approved.includes(b1.reportId) ? 1 : 0));
  });

  it("a reopening as returned is a return with the reason; as a draft it tells nobody", async () => {
    const s = await submitted(commune);
    const approved = await approveReport(province, { reportId: s.reportId });
    await pool.query(`DELETE FROM notice`);
    await reopenReport(admin, {
      reportId: s.reportId,
      reason: "Xã đề nghị sửa số liệu biên chế",
      to: "RETURNED",
      version: approved.version,
    });
    expect((await notices()).map((n) => [n.username, n.kind, n.comment])).toEqual([
      ["xa-03637", "RETURNED", "Xã đề nghị sửa số liệu biên chế"],
      ["xa2-03637", "RETURNED", "Xã đề nghị sửa số liệu biên chế"],
    ]);
    await setReport(pool, own, P, null);
    const again = await submitted(commune);
    await approveReport(province, { reportId: again.reportId });
    await pool.query(`DELETE FROM notice`);
    await reopenReport(admin, { reportId: again.reportId, reason: "Mở lại để xã bổ sung", to: "DRAFT" });
    expect(await notices()).toEqual([]);
  });

  it("a disabled account is not told", async () => {
    await setUserDisabled(admin, { userId: colleague.id, disabled: true });
    try {
      const s = await submitted(commune);
      await returnReport(province, { reportId: s.reportId, comment: "Thiếu số liệu" });
      expect((await notices()).filter((n) => n.kind === "RETURNED").map((n) => n.username)).toEqual(["xa-03637"]);
    } finally {
      await setUserDisabled(admin, { userId: colleague.id, disabled: false });
    }
  });

  it("a notice that cannot be written undoes the status change and its audit row", async () => {
    const s = await submitted(commune);
    const before = await auditCount(pool);
    await pool.query(
      `CREATE FUNCTION notice_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'notice refused'; END; $$`,
    );
    await pool.query(
      `CREATE TRIGGER notice_refuse BEFORE INSERT ON notice FOR EACH ROW EXECUTE FUNCTION notice_refuse()`,
    );
    try {
      await expect(approveReport(province, { reportId: s.reportId })).rejects.toThrow(/notice refused/);
    } finally {
      await pool.query(`DROP TRIGGER notice_refuse ON notice`);
      await pool.query(`DROP FUNCTION notice_refuse()`);
    }
    const { rows } = await pool.query(`SELECT status::text AS status FROM monthly_report WHERE id = $1`, [s.reportId]);
    expect(rows[0].status).toBe("SUBMITTED");
    expect(await auditCount(pool)).toBe(before);
  });

  it("a refused change writes no notice", async () => {
    const s = await submitted(commune);
    await pool.query(`DELETE FROM notice`);
    await expect(approveReport(province, { reportId: s.reportId, version: s.version + 5 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(approveReport(commune, { reportId: s.reportId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await notices()).toEqual([]);
  });
});

describe("reading and marking: one's own only", () => {
  async function returned(): Promise<number> {
    const s = await submitted(commune);
    await returnReport(province, { reportId: s.reportId, comment: "Sai số liệu biên chế" });
    const { items } = await listNotices(commune, { page: 1 });
    return items[0]!.id;
  }

  it("marking another user's notice changes nothing; the recipient's own marking empties their bell only", async () => {
    const id = await returned();
    for (const stranger of [other, province, admin, analyst]) {
      expect(await markNoticesRead(stranger, { ids: [id] })).toEqual({ marked: 0 });
      // Their own notices (the reviewers were told of the submission), never the commune's.
      await markNoticesRead(stranger, { all: true });
    }
    expect(await unreadNotices(commune)).toBe(1);
    expect(await markNoticesRead(commune, { ids: [id] })).toEqual({ marked: 1 });
    expect(await markNoticesRead(commune, { ids: [id] })).toEqual({ marked: 0 });
    expect(await unreadNotices(commune)).toBe(0);
    expect(await unreadNotices(colleague)).toBe(1);
    const { items } = await listNotices(commune, { page: 1 });
    expect(items[0]!.readAt).toBeInstanceOf(Date);
    expect(await markNoticesRead(colleague, { all: true })).toEqual({ marked: 1 });
    expect(await unreadNotices(colleague)).toBe(0);
  });

  it("nobody lists another user's notices; an analyst has none", async () => {
    await returned();
    for (const v of [other, province, admin, analyst])
      expect((await listNotices(v, { page: 1 })).items.filter((n) => n.kind !== "SUBMITTED")).toEqual([]);
    expect((await listNotices(analyst, { page: 1 })).items).toEqual([]);
  });

  it("an account moved to another commune no longer reads what its old commune was told", async () => {
    await returned();
    await pool.query(`UPDATE "user" SET org_unit_id = $1 WHERE id = $2`, [other.orgUnitId, commune.id]);
    try {
      const moved = { ...commune, orgUnitId: other.orgUnitId };
      expect((await listNotices(moved, { page: 1 })).items).toEqual([]);
      expect(await unreadNotices(moved)).toBe(0);
      expect(await markNoticesRead(moved, { all: true })).toEqual({ marked: 0 });
    } finally {
      await pool.query(`UPDATE "user" SET org_unit_id = $1 WHERE id = $2`, [own, commune.id]);
    }
    expect(await unreadNotices(commune)).toBe(1);
  });

  it("refuses what no page sends, in Vietnamese", async () => {
    for (const page of [0, -1, 1.5, 501, Number.NaN]) {
      await expect(listNotices(commune, { page })).rejects.toMatchObject({
        code: "INVALID",
        message: "Số trang không hợp lệ.",
      });
    }
    for (const ids of [[], [0], [2 ** 31], Array.from({ length: NOTICES_PAGE_SIZE + 1 }, (_, i) => i + 1)]) {
      await expect(markNoticesRead(commune, { ids })).rejects.toMatchObject({
        code: "INVALID",
        message: "Thông báo không hợp lệ.",
      });
    }
  });

  it("lists newest first, 20 a page; a page past the last shows the last", async () => {
    const s = await submitted(commune);
    await pool.query(`DELETE FROM notice`);
    await pool.query(
      `INSERT INTO notice (user_id, kind, report_id, comment, created_at)
      SELECT $1, 'RETURNED', $2, 'Lần ' || i, $3::timestamptz + i * interval '1 minute' FROM generate_series(1, 45) AS i`,
      [commune.id, s.reportId, TODAY],
    );
    const first = await listNotices(commune, { page: 1 });
    expect(first.pages).toBe(3);
    expect(first.unread).toBe(45);
    expect(first.items.map((n) => n.comment).slice(0, 3)).toEqual(["Lần 45", "Lần 44", "Lần 43"]);
    const last = await listNotices(commune, { page: 500 });
    expect(last.page).toBe(3);
    expect(last.items.map((n) => n.comment)).toEqual(["Lần 5", "Lần 4", "Lần 3", "Lần 2", "Lần 1"]);
  });

  it("the bell counts up to 100", async () => {
    const s = await submitted(commune);
    await pool.query(
      `INSERT INTO notice (user_id, kind, report_id, created_at)
      SELECT $1, 'APPROVED', $2, $3 FROM generate_series(1, 150)`,
      [commune.id, s.reportId, TODAY],
    );
    expect(await unreadNotices(commune)).toBe(100);
  });
});

describe("the page cache's key", () => {
  it("moves when a notice arrives and when one is read, and never comes back to an earlier state", async () => {
    await pool.query(
      `INSERT INTO session (id, expires_at, token, user_id, updated_at) VALUES ('s-bell', $1, 'token-bell', $2, $3)`,
      [new Date(TODAY.getTime() + 3_600_000), commune.id, TODAY],
    );
    try {
      const bell = async () => (await sessionByToken("token-bell"))!.bell;
      const states = [await bell()];
      expect(states[0]).toMatch(/^\d+:0$/);
      const s = await submitted(commune);
      await returnReport(province, { reportId: s.reportId, comment: "Sai" });
      states.push(await bell());
      await markNoticesRead(commune, { all: true });
      states.push(await bell());
      expect(states[1]).toMatch(/:1$/);
      expect(states[2]).toBe(`${states[1]!.split(":")[0]}:0`);
      expect(new Set(states).size).toBe(3);
    } finally {
      await pool.query(`DELETE FROM session WHERE id = 's-bell'`);
    }
  });
});

describe("recent decisions on the commune's home", () => {
  it("the latest approvals, returns and reopenings of the commune, newest first, with the comments", async () => {
    const s = await submitted(commune);
    await returnReport(province, { reportId: s.reportId, comment: "Đề nghị rà soát số hồ sơ quá hạn" });
    const values = await validMonth(pool, own, addMonths(P, -1));
    const { rows } = await pool.query<{ version: number }>(`SELECT version FROM monthly_report WHERE id = $1`, [
      s.reportId,
    ]);
    const again = await submitReport(commune, {
      communeId: own,
      period: P,
      version: rows[0]!.version,
      values,
      acknowledgedWarnings: ALL_WARNING_KEYS,
    });
    await approveReport(province, { reportId: again.reportId });
    const decisions = await recentDecisions(commune);
    expect(decisions.slice(0, 2).map((d) => [d.action, d.period, d.comment])).toEqual([
      ["report.approve", P, null],
      ["report.return", P, "Đề nghị rà soát số hồ sơ quá hạn"],
    ]);
    expect(decisions.length).toBeLessThanOrEqual(5);
    expect(await recentDecisions(commune, { limit: 1 })).toHaveLength(1);
    expect(
      (await recentDecisions(other)).every((d) => d.period !== P || d.comment !== "Đề nghị rà soát số hồ sơ quá hạn"),
    ).toBe(true);
  });
});
