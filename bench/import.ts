/**
 * Import benchmark: a long CSV of 310 synthetic communes × every month since the reform × 19 indicators
 * (about 100,000 rows) into a throwaway PostgreSQL, through lib/data/import (dry run, then commit of new values,
 * then commit of the same file with every value changed). Prints one line per step with rows/s.
 *
 *   npx tsx bench/import.ts [--communes=310]
 */
import pg from "pg";
import { applyMigrations } from "../lib/migrations/apply";
import { REPORT_FIELDS } from "../lib/domain/validation";
import { createDemoAccounts } from "../lib/data/demo-accounts";
import { closeDb } from "../lib/data/db";
import { commit, dryRun } from "../lib/data/import";
import { latestOpenPeriod } from "../lib/data/reports";
import { seedReferenceData, upsertProvince } from "../lib/data/seed";
import { REFORM_START, periodsInRange } from "../lib/domain/periods";
import type { Viewer } from "../lib/auth/viewer";
import { startCluster } from "./pg-cluster";

const communeCount = Number(process.argv.find((a) => a.startsWith("--communes="))?.split("=")[1] ?? 310);
const LONG = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status";
const MONTH: Record<string, number> = {
  staff_quota: 300,
  staff_cadres: 20,
  staff_civil_servants: 40,
  staff_public_employees: 200,
  shortage_finance: 1,
  shortage_construction: 0,
  shortage_land: 1,
  shortage_it: 0,
  one_stop_operating: 1,
  proc_received: 100,
  proc_received_online: 50,
  proc_resolved_early: 10,
  proc_resolved_on_time: 80,
  proc_resolved_late: 2,
  proc_pending: 8,
  pages_digitised: 1000,
  dossiers_digitised: 50,
  feedback_received: 5,
  feedback_resolved: 4,
};

function csv(codes: string[], periods: string[], bump: number): { bytes: Uint8Array; rows: number } {
  const lines = [LONG];
  for (const code of codes)
    for (const period of periods)
      for (const f of REPORT_FIELDS) {
        // +bump on values no cross-field rule bounds from above.
        const v =
          MONTH[f]! + (["pages_digitised", "staff_quota", "proc_received", "feedback_received"].includes(f) ? bump : 0);
        lines.push(`99,${code},Xã ${code},${period},${f},,${v},,`);
      }
  return { bytes: new TextEncoder().encode(`${lines.join("\n")}\n`), rows: lines.length - 1 };
}

async function main() {
  const cluster = await startCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query("CREATE DATABASE bench_import");
    await admin.end();
    const url = cluster.url("bench_import");
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seedReferenceData(client);
    await createDemoAccounts(client, "12");
    const codes = Array.from({ length: communeCount }, (_, i) => String(90000 + i));
    await upsertProvince(
      client,
      { code: "99", name: "Thử", fullName: "Tỉnh Thử" },
      codes.map((code) => ({
        code,
        name: `Xã ${code}`,
        fullName: `Xã ${code}`,
        kind: "XA" as const,
        formerDistricts: [],
        areaKm2: null,
        population: 1000,
        hqAddress: null,
        centroid: null,
        resolution: null,
        predecessors: [],
      })),
    );
    const { rows } = await client.query(
      `SELECT id, username, name, role::text AS role, org_unit_id AS "orgUnitId", NULL AS "communeCode" FROM "user" WHERE username = 'tinh'`,
    );
    await client.end();
    const viewer = rows[0] as Viewer;
    const periods = periodsInRange(REFORM_START, latestOpenPeriod());

    const step = async (
      label: string,
      run: () => Promise<{ counts: Record<string, number>; committed: boolean }>,
      n: number,
    ) => {
      const t = performance.now();
      const r = await run();
      const s = (performance.now() - t) / 1000;
      console.log(
        `import ${label.padEnd(22)} ${String(n).padStart(7)} rows  ${s.toFixed(2).padStart(6)} s  ${Math.round(n / s)
          .toLocaleString("en")
          .padStart(8)} rows/s  ${JSON.stringify(r.counts)}${r.committed ? " committed" : ""}`,
      );
    };
    const first = csv(codes, periods, 0);
    console.log(
      `file: ${(first.bytes.length / 1024 / 1024).toFixed(1)} MB, ${communeCount} communes × ${periods.length} months × ${REPORT_FIELDS.length} indicators`,
    );
    await step("dry run (all new)", () => dryRun(viewer, { name: "bench.csv", bytes: first.bytes }), first.rows);
    await step("commit (all new)", () => commit(viewer, { name: "bench.csv", bytes: first.bytes }), first.rows);
    const second = csv(codes, periods, 1);
    await step("commit (21% changed)", () => commit(viewer, { name: "bench2.csv", bytes: second.bytes }), second.rows);
  } finally {
    await closeDb();
    await cluster.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
