/**
 * The import benchmark in one process (`npm run bench:import` measures the server instead: bench/import-server.ts,
 * whose peak RSS is the one issue 23 item 8 bounds; this one's includes the benchmark's own seeding, 170 MB or so).
 *
 * Import benchmark into a throwaway PostgreSQL, through lib/data/import (dry run, then commit of new values, then
 * commit of the same file with some values changed). Prints one line per step with rows/s, the CPU time and the peak
 * RSS of the process (the request thread and the checking worker: one Node process, as in the server; PostgreSQL is
 * not counted in it), the CPU time of the PostgreSQL server (postmaster and backends), and the load average (the machine is shared: wall times are upper bounds).
 *
 *   npx tsx bench/import.ts --scale=both      both sizes of issue 23, each in a process of its own:
 *     --scale=province-year                   a year of Lai Châu's 38 communes, long CSV (38 × 12 × 19 = 8,664 values)
 *     --scale=national-year                   a year of 3,321 communes, wide CSV (39,852 rows, 757,188 values)
 *   npx tsx bench/import.ts [--communes=310]  the older size: N synthetic communes × every month × 19, long CSV
 *   … --explain=2000                          also prints, after the steps, the plan of every statement slower than
 *                                             2,000 ms (auto_explain: ANALYZE, BUFFERS, trigger times, statements run
 *                                             by triggers included; the timing adds to the steps' times)
 */
import { eachScaleInItsOwnProcess } from "./rss";
import os from "node:os";
import pg from "pg";
import { createDemoAccounts } from "../lib/data/demo-accounts";
import { closeDb } from "../lib/data/db";
import { commit, dryRun } from "../lib/data/import";
import { latestOpenPeriod } from "../lib/data/reports";
import { seedReferenceData } from "../lib/data/seed";
import { REPORT_FIELDS } from "../lib/domain/validation";
import { REFORM_START, periodsInRange } from "../lib/domain/periods";
import { YEAR, longCsv, wideCsv } from "./import-files";
import type { Viewer } from "../lib/auth/viewer";
import { migratedDatabase, startCluster } from "./pg-cluster";
import { seedSyntheticProvince } from "./synthetic-province";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const explainOver = arg("explain");
const scale = arg("scale") as "province-year" | "national-year" | "both" | undefined;
const communeCount = scale === "national-year" ? 3321 : Number(arg("communes") ?? 310);
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const csv = longCsv;

async function main() {
  // Each size in a process of its own, so that each peak RSS is its own.
  if (scale === "both") return eachScaleInItsOwnProcess(["province-year", "national-year"]);
  const cluster = await startCluster();
  try {
    const url = await migratedDatabase(cluster, "bench_import");
    if (explainOver !== undefined) await explainSlowStatements(cluster.url("postgres"), Number(explainOver));
    process.env.DATABASE_URL = url;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seedReferenceData(client);
    await createDemoAccounts(client, "12");
    const codes =
      scale === "province-year"
        ? (
            await client.query<{ code: string }>(`SELECT code FROM org_unit WHERE level = 'COMMUNE' ORDER BY code`)
          ).rows.map((r) => r.code)
        : await seedSyntheticProvince(client, communeCount);
    const { rows } = await client.query(
      `SELECT id, username, name, role::text AS role, org_unit_id AS "orgUnitId", NULL AS "communeCode" FROM "user" WHERE username = 'tinh'`,
    );
    await client.end();
    const viewer = rows[0] as Viewer;
    const periods = periodsInRange(REFORM_START, latestOpenPeriod());

    const step = async (
      label: string,
      run: () => Promise<{ counts: Record<string, number>; committed: boolean; fileError?: string | null }>,
      n: number,
    ) => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const pgCpu = cluster.cpuSeconds();
      const r = await run();
      const pgCpuS = cluster.cpuSeconds() - pgCpu;
      const s = (performance.now() - t) / 1000;
      // CPU time of this process (request thread and checking worker), PostgreSQL not counted: on a shared, loaded
      // machine the wall time says more about the neighbours than about the import.
      const used = process.cpuUsage(cpu);
      const cpuS = (used.user + used.system) / 1e6;
      console.log(
        `import ${label.padEnd(22)} ${String(n).padStart(7)} values ${s.toFixed(2).padStart(6)} s  ${Math.round(n / s)
          .toLocaleString("en")
          .padStart(
            8,
          )} values/s  CPU ${cpuS.toFixed(1)} s  PostgreSQL CPU ${pgCpuS.toFixed(1)} s  peak RSS ${peakRssMb().toFixed(0)} MB  load ${os.loadavg()[0]!.toFixed(1)}  ${JSON.stringify(r.counts)}${r.committed ? " committed" : ""}${r.fileError ? ` refused: ${r.fileError}` : ""}`,
      );
    };
    if (scale) {
      const name =
        scale === "province-year"
          ? "a year of Lai Châu (38 communes), long CSV"
          : "a national year (3,321 communes), wide CSV";
      const file = (bump: number): { bytes: Uint8Array; rows: number; values: number } => {
        if (scale === "national-year") return wideCsv(codes, YEAR, bump);
        const long = csv(codes, YEAR, bump, "12");
        return { ...long, values: long.rows };
      };
      const first = file(0);
      const values = first.values;
      console.log(
        `${name}: ${(first.bytes.length / 1024 / 1024).toFixed(1)} MB, ${first.rows.toLocaleString("en")} rows, ${values.toLocaleString("en")} values; peak RSS before ${peakRssMb().toFixed(0)} MB`,
      );
      if (scale === "province-year")
        // The first check after a start also waits for the worker to load its code; the import page starts the
        // worker when it opens (prepareWorker), so a user's check finds it ready, as the second line here does.
        await step("dry run (cold worker)", () => dryRun(viewer, { name: "bench.csv", bytes: first.bytes }), values);
      await step("dry run (all new)", () => dryRun(viewer, { name: "bench.csv", bytes: first.bytes }), values);
      await step("commit (all new)", () => commit(viewer, { name: "bench.csv", bytes: first.bytes }), values);
      const second = file(1);
      await step("commit (21% changed)", () => commit(viewer, { name: "bench2.csv", bytes: second.bytes }), values);
      return;
    }
    const first = csv(codes, periods, 0);
    console.log(
      `file: ${(first.bytes.length / 1024 / 1024).toFixed(1)} MB, ${communeCount} communes × ${periods.length} months × ${REPORT_FIELDS.length} indicators`,
    );
    await step("dry run (all new)", () => dryRun(viewer, { name: "bench.csv", bytes: first.bytes }), first.rows);
    await step("commit (all new)", () => commit(viewer, { name: "bench.csv", bytes: first.bytes }), first.rows);
    const second = csv(codes, periods, 1);
    await step("commit (21% changed)", () => commit(viewer, { name: "bench2.csv", bytes: second.bytes }), second.rows);
  } finally {
    if (explainOver !== undefined) console.log(await explained(cluster.url("postgres")));
    await closeDb();
    await cluster.stop();
  }
}

/** Every later session of bench_import logs the plans of its statements slower than `ms` (auto_explain). */
async function explainSlowStatements(url: string, ms: number) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const [name, value] of [
      ["session_preload_libraries", "auto_explain"],
      ["auto_explain.log_min_duration", String(ms)],
      ["auto_explain.log_analyze", "on"],
      ["auto_explain.log_buffers", "on"],
      ["auto_explain.log_triggers", "on"],
      ["auto_explain.log_nested_statements", "on"],
    ])
      await admin.query(`ALTER DATABASE bench_import SET ${pg.escapeIdentifier(name!)} = ${pg.escapeLiteral(value!)}`);
  } finally {
    await admin.end();
  }
}

/** The plans auto_explain wrote to the server's log (beside its data directory, as bench/pg-cluster.ts lays it). */
async function explained(url: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ log: string }>(
      `SELECT pg_read_file(regexp_replace(current_setting('data_directory'), '/data$', '/postgres.log')) AS log`,
    );
    const entries = rows[0]!.log.split(/\n(?=\S)/).filter((e) => /duration: [\d.]+ ms\s+plan:/.test(e));
    return entries.join("\n");
  } finally {
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
