/**
 * The counters behind the page cache, on a real PostgreSQL: every kind of change the dashboards show moves the
 * counter of the pages that show it, in the same transaction (a rolled-back change moves nothing), and a change in
 * one province leaves another province's pages cached.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { addMonths } from "@/lib/domain/periods";
import { closeDb } from "@/lib/data/db";
import { dataVersion } from "@/lib/data/data-version";
import { approveReport, latestOpenPeriod, lockPeriod, saveDraft, submitReport, unlockPeriod } from "@/lib/data/reports";
import { setUserDisabled } from "@/lib/data/users";
import { ALL_WARNING_KEYS, demoDatabase, setReport, validMonth, viewerOf, viewersOf } from "./support/reports";
import { runAt } from "../support/clock";

// 10:00 on 28 November 2026 in Vietnam: October is overdue, November is the running month.
const TODAY = runAt("2026-11-28T10:00:00+07:00");
const P = latestOpenPeriod(TODAY);
let pool: pg.Pool;
let commune: Viewer;
let province: Viewer;
let admin: Viewer;

const laiChau = () => dataVersion("province", "12");
const national = () => dataVersion("national", "12");

/** Runs `change` and says whether the Lai Châu and national counters moved. */
async function moved(change: () => Promise<unknown>): Promise<{ province: boolean; national: boolean }> {
  const before = [await laiChau(), await national()];
  await change();
  return { province: (await laiChau()) !== before[0], national: (await national()) !== before[1] };
}

beforeAll(async () => {
  pool = await demoDatabase(TODAY, 4);
  // A second province with one commune and one value, to show that its changes leave Lai Châu's pages alone.
  await pool.query(`INSERT INTO org_unit (code, level, parent_id, name, full_name, search_name, former_districts)
    SELECT 'T99', 'PROVINCE', parent_id, 'Thử', 'Tỉnh Thử', 'thu', '{}' FROM org_unit WHERE code = '12'`);
  await pool.query(`INSERT INTO org_unit (code, level, parent_id, name, full_name, search_name, kind, former_districts)
    SELECT 'T99001', 'COMMUNE', id, 'Một', 'Xã Một', 'mot', 'XA', '{}' FROM org_unit WHERE code = 'T99'`);
  [commune, province, admin] = await viewersOf(pool, "xa-03637", "tinh", "admin");
  await setReport(pool, commune.orgUnitId!, P, null);
});

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

describe("data_version", () => {
  it("moves on a saved draft, a submission and an approval, for the province and the country", async () => {
    expect(
      await moved(() =>
        saveDraft(commune, { communeId: commune.orgUnitId!, period: P, version: 0, values: { proc_received: 100 } }),
      ),
    ).toEqual({ province: true, national: true });
    // The same draft saved again: its figures are on no dashboard (they count once received), its state is unchanged.
    expect(
      await moved(() =>
        saveDraft(commune, { communeId: commune.orgUnitId!, period: P, version: 1, values: { proc_received: 120 } }),
      ),
    ).toEqual({ province: false, national: false });
    const values = await validMonth(pool, commune.orgUnitId!, addMonths(P, -1));
    let reportId = 0;
    expect(
      await moved(async () => {
        reportId = (
          await submitReport(commune, {
            communeId: commune.orgUnitId!,
            period: P,
            version: 2,
            values,
            acknowledgedWarnings: ALL_WARNING_KEYS,
          })
        ).reportId;
      }),
    ).toEqual({ province: true, national: true });
    expect(await moved(() => approveReport(province, { reportId }))).toEqual({ province: true, national: true });
  });

  it("moves for the figures of a received report, never for those of a draft, whoever writes them", async () => {
    const other = await viewerOf(pool, "xa-03388");
    const month = addMonths(P, -1);
    const write = (value: number) =>
      pool.query(
        `UPDATE data_value SET value = $3 WHERE org_unit_id = $1 AND period = $2 AND indicator_code = 'proc_received'`,
        [other.orgUnitId, month, value],
      );
    // October is received in the demo data: a value changed (by psql, an import, anyone) is on the dashboards.
    expect(await moved(() => write(777))).toEqual({ province: true, national: true });
    // Returned to the commune, it is off the dashboards (that moves them) and its figures no longer show.
    expect(
      await moved(() =>
        pool.query(
          `UPDATE monthly_report SET status = 'RETURNED', return_comment = 'Thử' WHERE org_unit_id = $1 AND period = $2`,
          [other.orgUnitId, month],
        ),
      ),
    ).toEqual({ province: true, national: true });
    expect(await moved(() => write(778))).toEqual({ province: false, national: false });
    expect(
      await moved(() =>
        pool.query(
          `UPDATE monthly_report SET version = version + 1, updated_at = now() WHERE org_unit_id = $1 AND period = $2`,
          [other.orgUnitId, month],
        ),
      ),
    ).toEqual({ province: false, national: false });
    // Received again: moves.
    expect(
      await moved(() =>
        pool.query(`UPDATE monthly_report SET status = 'SUBMITTED' WHERE org_unit_id = $1 AND period = $2`, [
          other.orgUnitId,
          month,
        ]),
      ),
    ).toEqual({ province: true, national: true });
  });

  it("moves on month locks and on account changes, which every page's key includes", async () => {
    expect(await moved(() => lockPeriod(admin, { period: "2025-07" }))).toEqual({ province: true, national: true });
    expect(await moved(() => unlockPeriod(admin, { period: "2025-07", reason: "Thử" }))).toEqual({
      province: true,
      national: true,
    });
    const user = await viewerOf(pool, "xa-03388");
    expect(await moved(() => setUserDisabled(admin, { userId: user.id, disabled: true }))).toEqual({
      province: true,
      national: true,
    });
    await setUserDisabled(admin, { userId: user.id, disabled: false });
  });

  it("does not move when the change is refused or rolled back", async () => {
    const stale = saveDraft(commune, {
      communeId: commune.orgUnitId!,
      period: P,
      version: 0,
      values: { proc_received: 1 },
    });
    expect(await moved(() => stale.catch(() => null))).toEqual({ province: false, national: false });
    expect(
      await moved(async () => {
        const c = await pool.connect();
        try {
          await c.query("BEGIN");
          await c.query(`UPDATE data_value SET value = value + 1 WHERE org_unit_id = $1`, [commune.orgUnitId]);
          await c.query("ROLLBACK");
        } finally {
          c.release();
        }
      }),
    ).toEqual({ province: false, national: false });
  });

  it("a save of one commune does not wait for another commune's open transaction: the province's counter and rollup are taken at commit", async () => {
    const [x, y] = await viewersOf(pool, "xa-03388", "xa-03390");
    const month = addMonths(P, -1);
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      const before = await laiChau();
      // Received values changed in a transaction left open (the rollup and the counter have work for its commit).
      await a.query("BEGIN");
      await a.query(
        `UPDATE data_value SET value = value + 1 WHERE org_unit_id = $1 AND period = $2 AND indicator_code = 'proc_received'`,
        [x!.orgUnitId, month],
      );
      // Another commune of the same province, meanwhile: it must not queue behind the open transaction.
      await b.query("BEGIN");
      await b.query("SET LOCAL lock_timeout = '2s'");
      await b.query(
        `UPDATE data_value SET value = value + 1 WHERE org_unit_id = $1 AND period = $2 AND indicator_code = 'proc_received'`,
        [y!.orgUnitId, month],
      );
      await b.query("COMMIT");
      const afterB = await laiChau();
      expect(afterB).not.toBe(before);
      await a.query("COMMIT");
      expect(await laiChau()).not.toBe(afterB);
      // Nothing is left behind for another transaction to see.
      const left =
        await pool.query(`SELECT (SELECT count(*) FROM commit_work) + (SELECT count(*) FROM data_version_pending)
        + (SELECT count(*) FROM province_month_value_pending) AS n`);
      expect(Number(left.rows[0].n)).toBe(0);
    } finally {
      await a.query("ROLLBACK").catch(() => undefined);
      await b.query("ROLLBACK").catch(() => undefined);
      a.release();
      b.release();
    }
  });

  it("moves only the national pages for another province's data", async () => {
    expect(
      await moved(() =>
        pool.query(`INSERT INTO monthly_report (org_unit_id, period, status, version, updated_at)
      SELECT id, '2025-07', 'SUBMITTED', 1, now() FROM org_unit WHERE code = 'T99001'`),
      ),
    ).toEqual({ province: false, national: true });
    expect(
      await moved(() =>
        pool.query(`INSERT INTO data_value (org_unit_id, period, indicator_code, value, updated_at)
      SELECT id, '2025-07', 'proc_received', 5, now() FROM org_unit WHERE code = 'T99001'`),
      ),
    ).toEqual({ province: false, national: true });
    expect(
      await moved(() =>
        pool.query(`DELETE FROM data_value WHERE org_unit_id = (SELECT id FROM org_unit WHERE code = 'T99001')`),
      ),
    ).toEqual({ province: false, national: true });
  });
});
