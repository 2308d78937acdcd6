/**
 * The staging table of an import's commit (issue 23, item 8): the values it writes, one row per commune, month and
 * indicator with the value each replaces, streamed in with `COPY … FROM STDIN` instead of arrays bound as parameters
 * (a national year is 757,188 values: as arrays through the driver, its commit did not finish on this machine). The
 * commit's transaction then merges it set-based (lib/data/values.ts upsertValuesFrom, the batch's record, the audit
 * rows by report).
 *
 * An UNLOGGED table of its own per import (not a TEMP table: the commit's transaction runs on another connection of
 * the pool, where a TEMP table is not visible), filled on a connection of its own as the commit checks the file
 * (openStaging: each batch's rows as the worker gives them), committed before the commit reads it, and dropped
 * afterwards whatever happened. A crash in between leaves one such table behind; the next
 * import drops those older than a day (their names carry the time they were made).
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { from as copyFrom } from "pg-copy-streams";
import { db } from "./db";

const PREFIX = "import_staging_";
const LEFT_BEHIND_MS = 24 * 60 * 60 * 1000;
/** As long as an import's commit may take (lib/data/import.ts COMMIT_TIMEOUT_MS). */
const STAGING_TIMEOUT_MS = 5 * 60_000;

export interface StagingTable {
  /** A quoted-safe name: PREFIX, the time it was made (ms), random hex. */
  readonly name: string;
}

/** Columns of the staging table, in the order of the rows COPY reads (tab-separated, `\N` for no old value). */
export const STAGING_COLUMNS = "org_unit_id, period, indicator_code, old_value, new_value";

/** A staging table being filled: chunks go into its COPY as they come; `finish` commits it (and analyses it). */
export interface OpenStaging {
  readonly table: StagingTable;
  write(chunk: Uint8Array): Promise<void>;
  finish(): Promise<StagingTable>;
  /** Ends the COPY without keeping anything (the caller drops the table). Safe after finish. */
  close(): Promise<void>;
}

/**
 * Creates the table and opens its COPY on a connection of its own: an import's commit writes each batch's rows as
 * the worker gives them (issue 23, item 8), never holding them all.
 */
export async function openStaging(): Promise<OpenStaging> {
  const made = Date.now();
  const table: StagingTable = { name: `${PREFIX}${made}_${randomBytes(6).toString("hex")}` };
  const client = await db().pool.connect();
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.release(error);
  };
  try {
    await dropLeftBehind(client, made);
    // The COPY stays open while the commit checks the file (a national year: longer than the pool's limit for one
    // statement); the commit's own limit bounds it instead. RESET when it is done (finish), or the connection is
    // discarded (close).
    await client.query(`SET statement_timeout = ${STAGING_TIMEOUT_MS}`);
    await client.query(
      `CREATE UNLOGGED TABLE ${table.name} (org_unit_id int NOT NULL, period text NOT NULL, indicator_code text NOT NULL, old_value float8, new_value float8 NOT NULL)`,
    );
  } catch (error) {
    release(error as Error);
    throw error;
  }
  const copy = client.query(copyFrom(`COPY ${table.name} (${STAGING_COLUMNS}) FROM STDIN`));
  const copied = new Promise<void>((resolve, reject) => {
    copy.on("finish", resolve);
    copy.on("error", reject);
  });
  copied.catch(() => undefined);
  let ended = false;
  return {
    table,
    async write(chunk) {
      if (!copy.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) await once(copy, "drain");
    },
    async finish() {
      ended = true;
      copy.end();
      try {
        await copied;
        await client.query(`ANALYZE ${table.name}`);
        await client.query("RESET statement_timeout");
      } catch (error) {
        release(error as Error);
        throw error;
      }
      release();
      return table;
    },
    async close() {
      if (released) return;
      if (!ended) copy.destroy(new Error("import refused: staging not kept"));
      release(new Error("staging closed"));
    },
  };
}

/**
 * Creates the table and streams `rows` (tab-separated text, one value per line, in chunks that end at a line's end)
 * into it; committed when it returns.
 */
export async function stageValues(rows: readonly Uint8Array[]): Promise<StagingTable> {
  const open = await openStaging();
  try {
    for (const chunk of rows) await open.write(chunk);
    return await open.finish();
  } catch (error) {
    await open.close();
    await dropStaging(open.table).catch(() => undefined);
    throw error;
  }
}

export async function dropStaging(table: StagingTable): Promise<void> {
  await db().pool.query(`DROP TABLE IF EXISTS ${table.name}`);
}

async function dropLeftBehind(
  client: { query: (text: string, params?: unknown[]) => Promise<{ rows: { tablename: string }[] }> },
  now: number,
) {
  const { rows } = await client.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE $1`,
    [`${PREFIX}%`],
  );
  for (const { tablename } of rows) {
    const made = Number(/^import_staging_(\d+)_[0-9a-f]+$/.exec(tablename)?.[1]);
    if (Number.isFinite(made) && now - made > LEFT_BEHIND_MS) await client.query(`DROP TABLE IF EXISTS ${tablename}`);
  }
}
