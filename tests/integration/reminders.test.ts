/**
 * Deadline reminders on a real PostgreSQL (lib/data/reminders.ts): before and on the deadline each commune without a
 * submitted report hears of it, never a commune that has submitted, a disabled account or another commune; after it
 * the reviewers get the list of the late communes; each reminder goes out once, even with two sweeps at the same
 * moment (two app servers); the notices show on the recipients' notice page.
 */
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { closeDb } from "@/lib/data/db";
import { listNotices } from "@/lib/data/notices";
import { sendDueReminders } from "@/lib/data/reminders";
import { demoDatabase, setReport, viewersOf } from "./support/reports";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const P = "2026-11";
const TWO_DAYS_BEFORE = new Date("2026-12-03T09:00:00+07:00");
const DEADLINE_DAY = new Date("2026-12-05T20:00:00+07:00");
const DAY_AFTER = new Date("2026-12-06T08:00:00+07:00");
let pool: pg.Pool;
let commune: Viewer;
let other: Viewer;
let province: Viewer;
let admin: Viewer;
let analyst: Viewer;
let communes: number;

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
  communes = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_unit WHERE level = 'COMMUNE'`))
    .rows[0]!.n;
});

beforeEach(async () => {
  await pool.query(`DELETE FROM notice`);
  await pool.query(`DELETE FROM reminder_sent`);
  await pool.query(`UPDATE "user" SET banned = false`);
  // November: every commune has submitted but the two under test, which have nothing yet.
  await pool.query(`DELETE FROM data_value WHERE period = $1`, [P]);
  await pool.query(`DELETE FROM monthly_report WHERE period = $1`, [P]);
  await pool.query(
    `INSERT INTO monthly_report (org_unit_id, period, status, version, submitted_at, first_submitted_at, updated_at)
     SELECT id, $1, 'SUBMITTED', 1, $2, $2, $2 FROM org_unit WHERE level = 'COMMUNE' AND id <> ALL($3::int[])`,
    [P, TODAY, [commune.orgUnitId, other.orgUnitId]],
  );
});

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

async function received() {
  const { rows } = await pool.query<{
    username: string;
    kind: string;
    period: string;
    unit: string;
    comment: string | null;
  }>(
    `SELECT u.username, n.kind::text AS kind, n.period, o.code AS unit, n.comment
     FROM notice n JOIN "user" u ON u.id = n.user_id JOIN org_unit o ON o.id = n.org_unit_id ORDER BY u.username, n.id`,
  );
  return rows;
}

describe("deadline reminders", () => {
  it("two days before: each commune without a submitted report, none that submitted, nobody else", async () => {
    const runs = await sendDueReminders(TWO_DAYS_BEFORE);
    expect(runs).toEqual([{ period: P, kind: "DUE_SOON", units: 2, notices: 2 }]);
    expect(await received()).toEqual([
      { username: "xa-03388", kind: "DUE_SOON", period: P, unit: "03388", comment: null },
      { username: "xa-03637", kind: "DUE_SOON", period: P, unit: "03637", comment: null },
    ]);
    const page = await listNotices(commune, { page: 1 });
    expect(page.unread).toBe(1);
    expect(page.items).toMatchObject([{ kind: "DUE_SOON", period: P, communeCode: "03637" }]);
    expect((await listNotices(province, { page: 1 })).items).toEqual([]);
    expect((await listNotices(analyst, { page: 1 })).items).toEqual([]);
  });

  it("a draft or a returned report is still reminded; a submitted one is not; a disabled account never", async () => {
    await setReport(pool, commune.orgUnitId!, P, "RETURNED");
    await setReport(pool, other.orgUnitId!, P, "SUBMITTED");
    await sendDueReminders(TWO_DAYS_BEFORE);
    expect((await received()).map((r) => r.username)).toEqual(["xa-03637"]);
    await pool.query(`UPDATE "user" SET banned = true WHERE username = 'xa-03637'`);
    await sendDueReminders(DEADLINE_DAY);
    expect((await received()).map((r) => `${r.username} ${r.kind}`)).toEqual(["xa-03637 DUE_SOON"]);
  });

  it("once each: a second sweep, and two sweeps at the same moment, send nothing more", async () => {
    await sendDueReminders(TWO_DAYS_BEFORE);
    expect(await sendDueReminders(TWO_DAYS_BEFORE)).toEqual([{ period: P, kind: "DUE_SOON", units: 0, notices: 0 }]);
    const both = await Promise.all([sendDueReminders(DEADLINE_DAY), sendDueReminders(DEADLINE_DAY)]);
    expect(both.flat().reduce((n, r) => n + r.notices, 0)).toBe(2);
    expect((await received()).map((r) => `${r.username} ${r.kind}`)).toEqual([
      "xa-03388 DUE_SOON",
      "xa-03388 DUE_TODAY",
      "xa-03637 DUE_SOON",
      "xa-03637 DUE_TODAY",
    ]);
  });

  it("the day after: the reviewers get one list of the late communes, once; the communes get nothing more", async () => {
    const runs = await Promise.all([sendDueReminders(DAY_AFTER), sendDueReminders(DAY_AFTER)]);
    expect(runs.flat().reduce((n, r) => n + r.units, 0)).toBe(1);
    const rows = await received();
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["LATE"]));
    const reviewers = (
      await pool.query<{ username: string }>(
        `SELECT username FROM "user" WHERE role IN ('PROVINCE', 'ADMIN') AND NOT coalesce(banned, false) ORDER BY username`,
      )
    ).rows;
    expect(rows.map((r) => r.username)).toEqual(reviewers.map((r) => r.username));
    expect(rows[0]!.comment).toMatch(/^2 xã, phường chưa nộp \(.*Mường Kim.*\)$/);
    for (const viewer of [province, admin]) {
      expect((await listNotices(viewer, { page: 1 })).items).toMatchObject([{ kind: "LATE", period: P }]);
    }
    expect((await listNotices(commune, { page: 1 })).items).toEqual([]);
    expect(communes).toBeGreaterThan(2);
  });

  it("no list when every commune has submitted", async () => {
    await setReport(pool, commune.orgUnitId!, P, "APPROVED");
    await setReport(pool, other.orgUnitId!, P, "SUBMITTED");
    expect(await sendDueReminders(DAY_AFTER)).toEqual([{ period: P, kind: "LATE", units: 0, notices: 0 }]);
    expect(await received()).toEqual([]);
  });
});
