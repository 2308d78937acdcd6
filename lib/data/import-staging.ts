/**
 * The staging table of an import's commit (issue 23, item 8): the values it writes, one row per commune, month and
 * indicator with the value each replaces, streamed in with `COPY … FROM STDIN` instead of arrays bound as parameters
 * (a national year is 757,188 values: as arrays through the driver, its commit did not finish on this machine). The
 * commit's transaction then merges it set-based (lib/data/values.ts upsertValuesFrom, the batch's record, the audit
 * rows by report).
 *
 * An UNLOGGED table of its own per import (not a TEMP table: the commit's transaction runs on another connection of
 * the pool, where a TEMP table is not visible), filled and committed on a connection of its own before the commit
 * reads it, and dropped afterwards whatever happened. A crash in between leaves one such table behind; the next
 * import drops those older than a day (their names carry the time they were made).
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { db } from "./db";

const PREFIX = "import_staging_";
const LEFT_BEHIND_MS = 24 * 60 * 60 * 1000;

export interface StagingTable {
  /** A quoted-safe name: PREFIX, the time it was made (ms), random hex. */
  readonly name: string;
}

/** Columns of the staging table, in the order of the rows COPY reads (tab-separated, `\N` for no old value). */
export const STAGING_COLUMNS = "org_unit_id, period, indicator_code, old_value, new_value";

/**
 * Creates the table and streams `rows` (tab-separated text, one value per line, in chunks that end at a line's end)
 * into it; committed when it returns.
 */
export async function stageValues(rows: readonly Uint8Array[]): Promise<StagingTable> {
  const made = Date.now();
  const table: StagingTable = { name: `${PREFIX}${made}_${randomBytes(6).toString("hex")}` };
  const client = await db().pool.connect();
  let broken: Error | undefined;
  try {
    await dropLeftBehind(client, made);
    await client.query(
      `CREATE UNLOGGED TABLE ${table.name} (org_unit_id int NOT NULL, period text NOT NULL, indicator_code text NOT NULL, old_value float8, new_value float8 NOT NULL)`,
    );
    const chunks = rows.map((r) => Buffer.from(r.buffer, r.byteOffset, r.byteLength));
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table.name} (${STAGING_COLUMNS}) FROM STDIN`)));
    await client.query(`ANALYZE ${table.name}`);
    return table;
  } catch (error) {
    broken = error as Error;
    await dropStaging(table).catch(() => undefined);
    throw error;
  } finally {
    client.release(broken);
  }
}

export async function dropStaging(table: StagingTable): Promise<void> {
  await db().pool.query(`DROP TABLE IF EXISTS ${table.name}`);
}

async function dropLeftBehind(client: { query: (text: string, params?: unknown[]) => Promise<{ rows: { tablename: string }[] }> }, now: number) {
  const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE $1`, [`${PREFIX}%`]);
  for (const { tablename } of rows) {
    const made = Number(/^import_staging_(\d+)_[0-9a-f]+$/.exec(tablename)?.[1]);
    if (Number.isFinite(made) && now - made > LEFT_BEHIND_MS) await client.query(`DROP TABLE IF EXISTS ${tablename}`);
  }
}
