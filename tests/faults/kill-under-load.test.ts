/**
 * kill -9 of the database under load (issue 30, items 4 and the core it protects): 20 communes save their month over
 * and over through lib/data/reports (the app's pools and Prisma) against a durable embedded PostgreSQL (fsync on); the
 * postmaster is killed with SIGKILL mid-load; the supervisor restarts it; saves resume; and every acknowledged save is
 * in the database afterwards (the stored version is at least the last acknowledged one, and holds its value when
 * equal). Prints the count of acknowledged saves.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { type RunningCluster, startCluster } from "@/lib/embedded/postgres";
import { superviseDatabase } from "@/lib/embedded/supervise";
import { REPORT_FIELDS, type MonthValues } from "@/lib/domain/validation";
import { addMonths } from "@/lib/domain/periods";

const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-kill-"));
chmodSync(dir, 0o711);
const clusters: RunningCluster[] = [];
const start = (port = 0) =>
  startCluster({
    dataDir: path.join(dir, "data"),
    port,
    strictPort: port !== 0,
    password: null,
    durable: true,
    logFile: path.join(dir, "postgres.log"),
  }).then((c) => {
    clusters.push(c);
    return c;
  });

afterAll(async () => {
  const { closeDb } = await import("@/lib/data/db");
  await closeDb().catch(() => {});
  for (const c of clusters) await c.stop(3_000).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe("kill -9 of the database under load", () => {
  it("loses no acknowledged save, and saving resumes after the restart", async () => {
    const first = await start();
    const lines: string[] = [];
    const supervisor = superviseDatabase(first, {
      restart: () => start(first.port),
      log: (m) => lines.push(m),
      giveUp: (w) => lines.push(`GAVE UP ${w}`),
      baseDelayMs: 300,
    });
    const url = first.url("postgres");
    process.env.DATABASE_URL = url;
    const { applyMigrations } = await import("@/lib/migrations/apply");
    const { seedDemoIfEmpty } = await import("@/lib/data/demo-seed");
    const { saveDraft, latestOpenPeriod } = await import("@/lib/data/reports");
    await applyMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seedDemoIfEmpty(client, new Date());
    const period = latestOpenPeriod();
    const { rows: users } = await client.query<Viewer>(
      `SELECT u.id, u.username, u.name, u.role::text AS role, u.org_unit_id AS "orgUnitId", o.code AS "communeCode"
       FROM "user" u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.role = 'COMMUNE' ORDER BY u.username LIMIT 20`,
    );
    const base = new Map<number, MonthValues>();
    for (const u of users) {
      await client.query(`DELETE FROM data_value WHERE org_unit_id = $1 AND period = $2`, [u.orgUnitId, period]);
      await client.query(`DELETE FROM monthly_report WHERE org_unit_id = $1 AND period = $2`, [u.orgUnitId, period]);
      const { rows } = await client.query<{ code: string; value: number }>(
        `SELECT indicator_code AS code, value FROM data_value WHERE org_unit_id = $1 AND period = $2`,
        [u.orgUnitId, addMonths(period, -1)],
      );
      const prev = Object.fromEntries(rows.map((r) => [r.code, r.value])) as MonthValues;
      base.set(
        u.orgUnitId!,
        Object.fromEntries(
          REPORT_FIELDS.filter((f) => !f.startsWith("proc_") && f !== "dossiers_digitised").map((f) => [
            f,
            prev[f] ?? 0,
          ]),
        ),
      );
    }
    await client.end();
    const form = (id: number, i: number): MonthValues => ({
      ...base.get(id)!,
      proc_received: 100 + i,
      proc_received_online: 50,
    });

    const acked = new Map<number, { version: number; value: number }>();
    let acknowledged = 0;
    let failed = 0;
    let killedAt = 0;
    // Killed once 60 saves are acknowledged; the load goes on 10 s after the kill.
    const deadline = Date.now() + 60_000;
    const running = () => Date.now() < deadline && (!killedAt || Date.now() < killedAt + 10_000);
    const versionNow = async (id: number) => {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
      try {
        await c.connect();
        return (
          (
            await c.query<{ v: number }>(
              `SELECT version AS v FROM monthly_report WHERE org_unit_id = $1 AND period = $2`,
              [id, period],
            )
          ).rows[0]?.v ?? 0
        );
      } finally {
        await c.end().catch(() => {});
      }
    };
    let beforeKill = 0;
    let afterRestart = 0;
    await Promise.all(
      users.map(async (u) => {
        const id = u.orgUnitId!;
        let version = 0;
        for (let i = 1; running(); i++) {
          try {
            const r = await saveDraft(u, { communeId: id, period, version, values: form(id, i) });
            version = r.version;
            acked.set(id, { version, value: 100 + i });
            acknowledged++;
            if (killedAt && supervisor.current().pid !== first.pid) afterRestart++;
            if (!killedAt && acknowledged >= 60) {
              killedAt = Date.now();
              beforeKill = acknowledged;
              process.kill(first.pid, "SIGKILL");
            }
          } catch {
            failed++;
            await new Promise((r) => setTimeout(r, 300));
            // The outcome of a save cut by the kill is unknown: go on from what the database has.
            version = await versionNow(id).catch(() => version);
          }
        }
      }),
    );
    expect(beforeKill).toBeGreaterThanOrEqual(60);
    supervisor.stop();
    expect(lines.join("\n")).toMatch(/stopped unexpectedly[\s\S]*running again/);
    expect(afterRestart, "saves acknowledged after the restart").toBeGreaterThan(0);
    const check = new pg.Client({ connectionString: supervisor.current().url("postgres") });
    await check.connect();
    let lost = 0;
    try {
      for (const [id, a] of acked) {
        const {
          rows: [r],
        } = await check.query<{ version: number; value: number }>(
          `SELECT r.version, v.value FROM monthly_report r JOIN data_value v ON v.org_unit_id = r.org_unit_id AND v.period = r.period
           AND v.indicator_code = 'proc_received' WHERE r.org_unit_id = $1 AND r.period = $2`,
          [id, period],
        );
        if (!r || r.version < a.version || (r.version === a.version && r.value !== a.value)) lost++;
      }
    } finally {
      await check.end();
    }
    console.log(
      `kill -9 under load: ${acknowledged} saves acknowledged (${beforeKill} before the kill, ${afterRestart} after the restart), ${failed} failed during the outage, ${lost} acknowledged saves lost`,
    );
    expect(lost).toBe(0);
  }, 120_000);
});
