/**
 * EXPLAIN (ANALYZE, BUFFERS) of an import commit's set-based statements on a national year (issue 23, item 8):
 * 3,321 communes × 12 months × 19 indicators = 757,188 new values in a staging table, their reports created as
 * drafts, then the merge into data_value (lib/data/values.ts upsertValuesFrom, the form's writer), the batch's record
 * (import_batch_value) and the audit rows by report, each in a transaction rolled back after it. The plans include the
 * time of each trigger (foreign keys, the statement triggers of data_version and the monthly rollup).
 *
 *   npx tsx bench/import-merge.ts URL [--only=insert,audit]
 *     URL: an empty database's (`npx tsx scripts/pg-cluster.ts start DIR`, then `… createdb URL NAME`).
 * Prints each plan and the CPU time of the PostgreSQL backend that ran it (the machine is shared: wall times are
 * upper bounds). Results: bench/results-import.md.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { applyMigrations } from "../lib/migrations/apply";
import { REPORT_FIELDS } from "../lib/domain/validation";
import { seedReferenceData } from "../lib/data/seed";
import { seedSyntheticProvince } from "./synthetic-province";
import { REFORM_START, periodsInRange } from "../lib/domain/periods";
import { STAGING_COLUMNS } from "../lib/data/import-staging";

const url = process.argv[2]!;
/** `--only=onconflict,insert,batch,audit`: some of the statements. */
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
const YEAR = periodsInRange(REFORM_START, "2026-06");
const COMMUNES = 3321;

/** User + system CPU seconds of a PostgreSQL backend on this machine (/proc; clock ticks of 1/100 s). */
function backendCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function explain(client: pg.Client, label: string, statement: string, params: unknown[] = [], setup = "") {
  if (only && !only.split(",").some((o) => label.startsWith(`${o}:`))) return;
  await client.query("BEGIN");
  if (setup) await client.query(setup);
  const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
  const cpu0 = backendCpu(pid);
  try {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement}`, params);
    console.log(`\n### ${label}\n\n\`\`\`\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}\n\`\`\``);
    // The work the statement left for commit (the rollup, the counters), timed too.
    const t = performance.now();
    await client.query("SET CONSTRAINTS ALL IMMEDIATE");
    console.log(`deferred work at commit: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    console.log(
      `PostgreSQL backend CPU: ${(backendCpu(pid) - cpu0).toFixed(1)} s; load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    await client.query("ROLLBACK");
  }
}

async function main() {
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await seedReferenceData(client);
    await seedSyntheticProvince(client, COMMUNES);
    await client.query(`DROP TABLE IF EXISTS bench_staging`);
    await client.query(
      `CREATE UNLOGGED TABLE bench_staging (org_unit_id int NOT NULL, period text NOT NULL, indicator_code text NOT NULL, old_value float8, new_value float8 NOT NULL)`,
    );
    await client.query(
      `INSERT INTO bench_staging (${STAGING_COLUMNS})
       SELECT u.id, p, f, NULL, 1 FROM org_unit u, unnest($1::text[]) p, unnest($2::text[]) f
       WHERE u.level = 'COMMUNE' AND u.code LIKE '9%' ORDER BY u.id, p, f`,
      [YEAR, REPORT_FIELDS],
    );
    await client.query(`ANALYZE bench_staging`);
    await client.query(
      `INSERT INTO monthly_report (org_unit_id, period, status, version, updated_at)
       SELECT DISTINCT org_unit_id, period, 'DRAFT'::"ReportStatus", 1, now() FROM bench_staging
       ON CONFLICT DO NOTHING`,
    );
    const user = (await client.query<{ id: string }>(`SELECT id FROM "user" LIMIT 1`)).rows[0]?.id ?? null;
    await explain(
      client,
      "onconflict: data_value as one INSERT … ON CONFLICT DO UPDATE (upsertValuesFrom before issue 23 item 8)",
      `INSERT INTO data_value (org_unit_id, period, indicator_code, value, updated_at, updated_by_id)
       SELECT s.org_unit_id, s.period, s.indicator_code, s.new_value, now(), $1 FROM bench_staging s
       ON CONFLICT (org_unit_id, period, indicator_code)
       DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by_id = EXCLUDED.updated_by_id`,
      [user],
    );
    await explain(
      client,
      "insert: data_value, the new values as a plain INSERT (upsertValuesFrom now)",
      `INSERT INTO data_value (org_unit_id, period, indicator_code, value, updated_at, updated_by_id)
       SELECT s.org_unit_id, s.period, s.indicator_code, s.new_value, now(), $1 FROM bench_staging s
       WHERE s.old_value IS NULL`,
      [user],
    );
    const batch = (
      await client.query<{ id: number }>(
        `INSERT INTO import_batch (file_name, sha256, at, counts) VALUES ('bench', '', now(), '{}') RETURNING id`,
      )
    ).rows[0]!.id;
    await explain(
      client,
      "batch: import_batch_value",
      `INSERT INTO import_batch_value (batch_id, org_unit_id, period, indicator_code, old_value, new_value)
       SELECT $1, org_unit_id, period, indicator_code, old_value, new_value FROM bench_staging`,
      [batch],
    );
    await explain(
      client,
      "audit: rows by report",
      `INSERT INTO audit_log (at, action, entity, entity_id, org_unit_id, period, changes, reason)
       SELECT now(), 'report.import', 'monthly_report', r.id::text, r.org_unit_id, r.period, coalesce(v.changes, '{}'::jsonb), 'bench'
       FROM monthly_report r
       LEFT JOIN (
         SELECT org_unit_id, period, jsonb_object_agg(indicator_code, jsonb_build_object('old', old_value, 'new', new_value)) AS changes
         FROM bench_staging GROUP BY org_unit_id, period
       ) v ON v.org_unit_id = r.org_unit_id AND v.period = r.period`,
    );
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
