/**
 * The change counters behind the page cache (table data_version, kept by triggers: see its migration).
 * Read from the same pool as the dashboards' figures, so a replica that shows a counter also shows the changes that
 * bumped it (they commit together and replicas apply commits in order).
 */
import { db } from "./db";
import type { PageScope } from "@/lib/web/page-cache";

/** The sum of the counters a page of this scope depends on: changes to everything (row 0) plus the province's, or all. */
export async function dataVersion(scope: PageScope, provinceCode: string): Promise<string> {
  const { rows } = scope === "national"
    ? await db().readPool.query<{ v: string | null }>(`SELECT sum(version)::text AS v FROM data_version`)
    : await db().readPool.query<{ v: string | null }>(
      `SELECT sum(version)::text AS v FROM data_version WHERE scope_id = 0 OR scope_id = (SELECT id FROM org_unit WHERE code = $1)`,
      [provinceCode]);
  return rows[0]?.v ?? "0";
}
