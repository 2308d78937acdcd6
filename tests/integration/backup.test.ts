/**
 * Backup → change → restore (npm run db:backup / db:restore, lib/data/backup.ts) on a real PostgreSQL: the restored
 * database is the one backed up, with SPEC §4's figures, not the change made after; a restore refuses a database that
 * holds data; the sequences go on after the restored rows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "@/lib/data/backup";
import { readBackupHeader } from "@/lib/data/backup-file";
import { readMigrations } from "@/lib/migrations/apply";
import { testDatabaseUrl, withClient, withClientAt } from "./support/db";
import { loadDemo } from "./support/reports";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-backup-"));
const file = path.join(dir, "backup.sql.gz");
const target = `restore_${process.pid}`;
const admin = () => {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error("TEST_ADMIN_DATABASE_URL is not set");
  return url;
};
const targetUrl = () => admin().replace(/\/[^/]*$/, `/${target}`);

/** SPEC §4 in SQL over received reports, as the dashboards count them. */
async function publishedFigures(c: pg.Client) {
  const sum = async (codes: string[], from: string, to: string) =>
    (
      await c.query<{ v: number }>(
        `SELECT coalesce(sum(v.value), 0)::float8 AS v FROM data_value v
     JOIN monthly_report r ON r.org_unit_id = v.org_unit_id AND r.period = v.period AND r.status IN ('SUBMITTED', 'APPROVED')
     WHERE v.indicator_code = ANY($1) AND v.period BETWEEN $2 AND $3`,
        [codes, from, to],
      )
    ).rows[0]!.v;
  const timely = await sum(["proc_resolved_early", "proc_resolved_on_time"], "2025-07", "2025-09");
  const resolved = await sum(
    ["proc_resolved_early", "proc_resolved_on_time", "proc_resolved_late"],
    "2025-07",
    "2025-09",
  );
  return {
    quota: await sum(["staff_quota"], "2025-09", "2025-09"),
    cbcc: await sum(["staff_cadres", "staff_civil_servants"], "2025-09", "2025-09"),
    onTime: Math.round((timely / resolved) * 1000) / 10,
  };
}

beforeAll(async () => {
  await loadDemo(TODAY);
  await withClientAt(admin(), (c) =>
    c.query(`DROP DATABASE IF EXISTS ${target}`).then(() => c.query(`CREATE DATABASE ${target}`)),
  );
});

afterAll(async () => {
  await withClientAt(admin(), (c) => c.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`));
  rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores what was backed up, not what changed after, with the published figures", async () => {
    const header = await backupDatabase(testDatabaseUrl(), file);
    expect(header.migrations).toEqual(readMigrations().map((m) => m.name));
    expect(header.tables.find((t) => t.name === "data_value")!.rows).toBeGreaterThan(10_000);
    expect(await readBackupHeader(file)).toEqual(header);

    // The change after the backup: the quota of every commune doubled at 2025-09.
    await withClient((c) =>
      c.query(`UPDATE data_value SET value = value * 2 WHERE indicator_code = 'staff_quota' AND period = '2025-09'`),
    );
    expect((await withClient(publishedFigures)).quota).toBe(26108);

    const { loaded } = await restoreDatabase(
      targetUrl(),
      file,
      readMigrations().map((m) => m.name),
    );
    for (const t of header.tables) expect(loaded[t.name], t.name).toBe(t.rows);
    expect(await withClientAt(targetUrl(), publishedFigures)).toEqual({ quota: 13054, cbcc: 2334, onTime: 98.8 });

    // Same accounts, and new rows get fresh ids after the restored ones.
    await withClientAt(targetUrl(), async (c) => {
      expect(
        (await c.query(`SELECT count(*)::int AS n FROM "user" WHERE username IN ('admin', 'tinh', 'xa-03637')`)).rows[0]
          .n,
      ).toBe(3);
      const max = (await c.query(`SELECT max(id)::int AS m FROM monthly_report`)).rows[0].m;
      const { rows } = await c.query(`INSERT INTO monthly_report (org_unit_id, period, status, version, updated_at)
        SELECT id, '2030-01', 'DRAFT', 1, now() FROM org_unit WHERE code = '03637' RETURNING id`);
      expect(rows[0].id).toBeGreaterThan(max);
    });
  });

  it("refuses to restore into a database that holds data, and writes nothing there", async () => {
    const before = await withClient(
      async (c) => (await c.query(`SELECT count(*)::int AS n FROM data_value`)).rows[0].n,
    );
    await expect(
      restoreDatabase(
        testDatabaseUrl(),
        file,
        readMigrations().map((m) => m.name),
      ),
    ).rejects.toThrow(/not empty/);
    expect(await withClient(async (c) => (await c.query(`SELECT count(*)::int AS n FROM data_value`)).rows[0].n)).toBe(
      before,
    );
  });

  it("refuses a backup taken by a newer version", async () => {
    await expect(
      restoreDatabase(
        targetUrl(),
        file,
        readMigrations()
          .slice(0, -1)
          .map((m) => m.name),
      ),
    ).rejects.toThrow(/newer version/);
  });
});
