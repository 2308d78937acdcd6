/**
 * A failed restore drill is a notice to the administrators (issue 25, item 5; lib/data/notices.ts noticeDrillFailed,
 * called by scripts/db-drill.ts): every active administrator gets it on their notice page and bell, with the drill's
 * summary and an e-mail where an address is set; no reviewer, analyst, commune or disabled administrator does.
 */
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { closeDb } from "@/lib/data/db";
import { listNotices, noticeDrillFailed, unreadNotices } from "@/lib/data/notices";
import { noticeEmail } from "@/lib/domain/notices";
import { demoDatabase, viewersOf } from "./support/reports";
import { runAt } from "../support/clock";

const AT = runAt("2026-12-02T02:30:00+07:00");
const SUMMARY = "2 of 31 tables differ (data_value, audit_log) (restore point drill-20261202023000, 41.2 s)";
let pool: pg.Pool;
let admin: Viewer;
let province: Viewer;
let commune: Viewer;
let analyst: Viewer;

beforeAll(async () => {
  pool = await demoDatabase(AT, 4);
  [admin, province, commune, analyst] = await viewersOf(pool, "admin", "tinh", "xa-03637", "phantich");
});

beforeEach(async () => {
  await pool.query(`DELETE FROM notice`);
  await pool.query(`UPDATE "user" SET banned = false, email = username || '@demo.invalid'`);
});

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

describe("a failed restore drill", () => {
  it("reaches every active administrator, with the drill's summary, and nobody else", async () => {
    await noticeDrillFailed(SUMMARY, AT);
    const { items } = await listNotices(admin, { page: 1 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "DRILL_FAILED", period: "2026-12", comment: SUMMARY });
    expect(await unreadNotices(admin)).toBe(1);
    for (const other of [province, commune, analyst]) {
      expect((await listNotices(other, { page: 1 })).items).toEqual([]);
      expect(await unreadNotices(other)).toBe(0);
    }
  });

  it("skips a disabled administrator and mails the ones with an address", async () => {
    await pool.query(`UPDATE "user" SET email = 'it@laichau.gov.vn' WHERE username = 'admin'`);
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "user" WHERE role = 'ADMIN'`);
    const mails = await noticeDrillFailed(SUMMARY, AT);
    expect(mails).toEqual([expect.objectContaining({ to: "it@laichau.gov.vn", kind: "DRILL_FAILED" })]);
    const written = async () =>
      (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM notice WHERE kind = 'DRILL_FAILED'`)).rows[0]!.n;
    expect(await written()).toBe(rows[0]!.n);
    await pool.query(`DELETE FROM notice`);
    await pool.query(`UPDATE "user" SET banned = true WHERE username = 'admin'`);
    await noticeDrillFailed(SUMMARY, AT);
    expect(await written()).toBe(rows[0]!.n - 1);
    const mail = noticeEmail(mails[0]!, "https://tracker.laichau.lan");
    expect(mail.subject).toMatch(/Diễn tập khôi phục sao lưu thất bại/);
    expect(mail.text).toContain(`Kết quả diễn tập: ${SUMMARY}`);
  });
});
