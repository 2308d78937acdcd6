/**
 * `npm run bench:explain`: EXPLAIN (ANALYZE, BUFFERS) of every SQL statement the dashboards run, as they run it.
 * Calls the lib/data functions of the national overview, the province overview, a commune page, an indicator page and
 * the completeness matrix (the same arguments the pages pass), records each statement sent to the dashboards' pool,
 * then explains each one on DATABASE_URL (the national data set: `npm run db:seed:national`). Prints, per statement,
 * the page, the execution time, the buffers and the plan's scans; writes bench/explain.md.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { provinceCommunes, nationalOverview } from "../lib/data/national";
import { provinceOverview } from "../lib/data/overview";
import { rawValuesByCommune, scopeFigures } from "../lib/data/aggregates";
import { communeMonthMatrix, communeValues, monthlySeries, reportingCountsByCommune } from "../lib/data/series";
import { communeReportHistory, reportStatusMatrix } from "../lib/data/communes";
import { closeDb } from "../lib/data/db";
import { pools } from "../lib/data/pool";
import { REFORM_START, periodsInRange } from "../lib/domain/periods";

const PROVINCE = "12";
const QUARTER = { from: "2025-07", to: "2025-09" };
const recorded: { page: string; text: string; values: unknown[] }[] = [];
let page = "";

function record(p: pg.Pool) {
  const original = p.query.bind(p) as (...a: unknown[]) => Promise<unknown>;
  (p as unknown as { query: unknown }).query = (text: unknown, values?: unknown) => {
    // readRows sends a query config ({ name, text, values }: a named prepared statement), other callers text and values.
    const config = typeof text === "object" && text !== null ? (text as { text: string; values?: unknown[] }) : null;
    const sqlText = config ? config.text : text;
    if (page && typeof sqlText === "string" && /^\s*SELECT/i.test(sqlText))
      recorded.push({ page, text: sqlText, values: (config ? config.values : (values as unknown[])) ?? [] });
    return original(text, values);
  };
}

/** Median round trip of a statement sent unnamed and named (after the 6 runs PostgreSQL takes to keep a generic plan). */
async function roundTrips(pool: pg.Pool, text: string, values: unknown[]): Promise<[number, number]> {
  const client = await pool.connect();
  try {
    const name = `explain_${recorded.findIndex((r) => r.text === text)}`;
    for (let i = 0; i < 6; i++) await client.query({ name, text, values });
    const unnamed: number[] = [];
    const named: number[] = [];
    for (let i = 0; i < 10; i++) {
      let t0 = performance.now();
      await client.query(text, values);
      unnamed.push(performance.now() - t0);
      t0 = performance.now();
      await client.query({ name, text, values });
      named.push(performance.now() - t0);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    return [median(unnamed), median(named)];
  } finally {
    client.release();
  }
}

async function main() {
  const { readPool, pool } = pools();
  record(readPool);
  const latest = (
    await pool.query<{ p: string }>(
      `SELECT max(r.period) AS p FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id JOIN org_unit pr ON pr.id = u.parent_id WHERE pr.code = $1`,
      [PROVINCE],
    )
  ).rows[0]!.p;
  const sinceReform = { from: REFORM_START, to: latest };
  const scope = { provinceCode: PROVINCE };
  const commune = (
    await pool.query<{ code: string }>(
      `SELECT u.code FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE p.code = $1 ORDER BY u.code LIMIT 1`,
      [PROVINCE],
    )
  ).rows[0]!.code;

  page = "national overview";
  await nationalOverview(QUARTER);
  page = "national drill-down";
  await provinceCommunes(PROVINCE, QUARTER);
  page = "province overview";
  await provinceOverview(PROVINCE, QUARTER, {});
  await scopeFigures(scope, QUARTER, ["proc_on_time_rate", "quota_fill_rate", "shortage_total"]);
  await monthlySeries(scope, sinceReform, [
    "proc_on_time_rate",
    "proc_online_rate",
    "reporting_rate",
    "pages_digitised_cumulative",
  ]);
  await communeValues(scope, QUARTER, "proc_on_time_rate");
  await rawValuesByCommune(scope, QUARTER, ["shortage_finance", "shortage_it"]);
  await reportingCountsByCommune(scope, QUARTER);
  page = "commune page";
  await scopeFigures({ provinceCode: PROVINCE, communeCodes: [commune] }, QUARTER, [
    "proc_on_time_rate",
    "quota_fill_rate",
  ]);
  // The province's figures beside the commune's (read from the per-province rollup).
  await scopeFigures(scope, QUARTER, [
    "proc_on_time_rate",
    "quota_fill_rate",
    "pages_digitised_cumulative",
    "reporting_rate",
  ]);
  await monthlySeries({ provinceCode: PROVINCE, communeCodes: [commune] }, sinceReform, [
    "proc_on_time_rate",
    "staff_total",
  ]);
  await communeReportHistory(
    { role: "PROVINCE", orgUnitId: null },
    commune,
    periodsInRange(REFORM_START, latest),
    new Date(),
  );
  page = "indicator page";
  await communeMonthMatrix(scope, sinceReform, "proc_on_time_rate");
  page = "completeness";
  await reportStatusMatrix(scope, sinceReform, new Date());
  page = "";

  const lines = [
    "# EXPLAIN (ANALYZE, BUFFERS) of the dashboards' statements",
    "",
    `National data set (${(await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM data_value`)).rows[0]!.n} values); ${new Date().toISOString()}.`,
    "",
    "Planning: the planner's time for the statement with its values (what a named prepared statement saves from its",
    "sixth execution on a connection on, once PostgreSQL keeps its generic plan).",
    "",
    "Unnamed / named: the statement's round trip from this process, median of 10 runs on one connection, sent as an",
    "unnamed statement (parsed and planned each time) and as a named one after 6 runs (lib/data/read-sql.ts readRows).",
    "",
    "| page | statement | planning | execution | unnamed | named | shared buffers hit / read | scans |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const seen = new Set<string>();
  for (const q of recorded) {
    const key = q.text + JSON.stringify(q.values);
    if (seen.has(key)) continue;
    seen.add(key);
    const plan = (await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.text}`, q.values)).rows[0][
      "QUERY PLAN"
    ][0];
    const [unnamed, named] = await roundTrips(pool, q.text, q.values);
    const scans: string[] = [];
    const walk = (n: Record<string, unknown>) => {
      const type = String(n["Node Type"]);
      if (/Scan/.test(type))
        scans.push(
          `${type}${n["Index Name"] ? ` ${n["Index Name"]}` : ""} on ${n["Relation Name"]} (${n["Actual Rows"]} rows × ${n["Actual Loops"]})`,
        );
      for (const c of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c);
    };
    walk(plan.Plan);
    const first = q.text.replace(/\s+/g, " ").trim().slice(0, 70).replace(/\|/g, "\\|");
    lines.push(
      `| ${q.page} | \`${first}…\` | ${plan["Planning Time"].toFixed(1)} ms | ${plan["Execution Time"].toFixed(1)} ms | ${unnamed.toFixed(1)} ms | ${named.toFixed(1)} ms | ${plan.Plan["Shared Hit Blocks"]} / ${plan.Plan["Shared Read Blocks"]} | ${[...new Set(scans)].join("; ")} |`,
    );
  }
  const text = `${lines.join("\n")}\n`;
  console.log(text);
  writeFileSync(path.join(import.meta.dirname, "explain.md"), text);
  await closeDb();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
