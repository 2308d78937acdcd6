/**
 * Logical backups that need no tool of PostgreSQL's own (the embedded default has no pg_dump, and Debian's is of
 * another major version). The file is plain SQL in pg_dump's layout, gzip-compressed when its name ends in .gz:
 *   a header comment with the format, the time, the server, the migrations the database had and each table's rows;
 *   for each table, `COPY … FROM stdin;`, its rows in COPY's text format, and `\.`;
 *   `SELECT setval(…)` for each sequence;
 *   a last line `-- end {"sha256": …}`: the SHA-256 of every byte between the header and that line (format 2).
 * Everything is read in one REPEATABLE READ, READ ONLY transaction: one snapshot, consistent across tables, taken while
 * the app keeps running. Sessions, verification tokens and rate-limit counters are left out: after a restore everyone
 * signs in again.
 *
 * A backup is written under a temporary name beside the file, flushed to disk (fsync), read back and checked, then
 * renamed: a file with the backup's name is always a complete backup; on any failure (a full disk) nothing is left.
 *
 * A restore first reads the whole file and checks it (the end line, the checksum, every table's row count against the
 * header), then, in ONE transaction on the target: applies the migrations the backup was taken with, loads the rows
 * with COPY, sets the sequences, applies the newer migrations, checks the counts and the checksum again, and commits.
 * Any error rolls everything back: the target is left exactly as it was.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { PassThrough, type Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { applyMigrationsInTransaction } from "@/lib/migrations/apply";
import { now } from "@/lib/clock";
import { type BackupHeader, BadBackup, END, MAGIC, readBackup, verifyBackup } from "./backup-file";
import { clientTransaction } from "./transaction";

/** Rows that are no use after a restore and must not travel: sign-in sessions, one-time tokens, rate-limit counters. */
export const NOT_BACKED_UP = new Set(["session", "verification", "rate_limit"]);

interface TableInfo {
  name: string;
  columns: string[];
}

/** Tables of the public schema with their stored columns, parents before children (foreign keys). */
async function tablesInLoadOrder(client: pg.Client): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
     GROUP BY c.relname ORDER BY c.relname`,
  );
  const { rows: fks } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const unquote = (s: string) => s.replace(/^"|"$/g, "");
  const parents = new Map<string, Set<string>>(rows.map((r) => [r.name, new Set()]));
  for (const f of fks)
    if (unquote(f.child) !== unquote(f.parent)) parents.get(unquote(f.child))?.add(unquote(f.parent));
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name) || path.has(name)) return;
    path.add(name);
    for (const p of parents.get(name) ?? []) visit(p, path);
    done.add(name);
    const t = rows.find((r) => r.name === name);
    if (t) ordered.push(t);
  };
  for (const r of rows) visit(r.name, new Set());
  return ordered;
}

const ident = (name: string) => pg.escapeIdentifier(name);

export interface BackupOptions {
  /** Opens the file to write (tests inject a full disk here). */
  openFile?: (file: string) => Writable;
}

/** Writes a consistent backup of `databaseUrl` to `file`; returns its header. Leaves no file if it fails. */
export async function backupDatabase(
  databaseUrl: string,
  file: string,
  options: BackupOptions = {},
): Promise<BackupHeader> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "backup" });
  const body = new PassThrough();
  const sink = (options.openFile ?? ((f: string) => createWriteStream(f, { mode: 0o600 })))(temporary);
  const done = file.endsWith(".gz") ? pipeline(body, createGzip(), sink) : pipeline(body, sink);
  // The first failure of the file (ENOSPC…) wins over the "stream destroyed" errors that follow it.
  let writeError: Error | null = null;
  done.catch((e: Error) => {
    writeError ??= e;
  });
  const hash = createHash("sha256");
  const write = async (text: string | Buffer, hashed = true) => {
    if (writeError) throw writeError;
    if (hashed) hash.update(text);
    if (!body.write(text))
      await Promise.race([
        once(body, "drain"),
        done.then(
          () => {},
          () => {},
        ),
      ]);
    if (writeError) throw writeError;
  };
  try {
    await client.connect();
    const header = await clientTransaction(
      client,
      async () => {
        const server = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
        const migrations = (
          await client.query<{ name: string }>(
            `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
          )
        ).rows.map((r) => r.name);
        const tables = (await tablesInLoadOrder(client)).filter((t) => !NOT_BACKED_UP.has(t.name));
        const counts: { name: string; rows: number }[] = [];
        for (const t of tables) {
          counts.push({
            name: t.name,
            rows: (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(t.name)}`)).rows[0]!.n,
          });
        }
        const header: BackupHeader = { format: 2, createdAt: now().toISOString(), server, migrations, tables: counts };
        await write(`${MAGIC}\n-- ${JSON.stringify(header)}\n`, false);
        await write("SET client_encoding = 'UTF8';\n");
        for (const t of tables) {
          const columns = t.columns.map(ident).join(", ");
          await write(`\nCOPY public.${ident(t.name)} (${columns}) FROM stdin;\n`);
          const rows: Readable = client.query(copyTo(`COPY public.${ident(t.name)} (${columns}) TO STDOUT`));
          for await (const chunk of rows) await write(chunk as Buffer);
          await write("\\.\n");
        }
        const { rows: sequences } = await client.query<{ name: string }>(
          `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public' ORDER BY 1`,
        );
        await write("\n");
        for (const s of sequences) {
          const {
            rows: [v],
          } = await client.query<{ last_value: string; is_called: boolean }>(
            `SELECT last_value::text, is_called FROM ${ident(s.name)}`,
          );
          await write(
            `SELECT pg_catalog.setval(${pg.escapeLiteral(`public.${ident(s.name)}`)}, ${v!.last_value}, ${v!.is_called});\n`,
          );
        }
        return header;
      },
      // Read only, and the connection ends with the backup (finally below), failed or not.
      { begin: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", abandonOnError: true },
    );
    await write(`${END}${JSON.stringify({ sha256: hash.digest("hex") })}\n`, false);
    body.end();
    await done;
    // On the disk, not only in the page cache, before it takes the backup's name; then read back as a restore would.
    const handle = await open(temporary, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await verifyBackup(temporary, file.endsWith(".gz"));
    await rename(temporary, file);
    const folder = await open(path.dirname(file), "r");
    await folder.sync().finally(() => folder.close());
    return header;
  } catch (error) {
    body.destroy();
    await done.catch(() => {});
    await rm(temporary, { force: true });
    const cause = writeError ?? error;
    const code = (cause as { code?: string }).code;
    if (code === "ENOSPC" || code === "EDQUOT") {
      throw new Error(`no space left on the disk of ${path.dirname(file)}: the backup was not written (nothing kept)`, {
        cause,
      });
    }
    throw cause;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Restores `file` into the database at `databaseUrl`, which must be empty (no table of ours holds a row), all or
 * nothing. Returns the header and the rows loaded per table; refuses a backup taken with migrations this version does
 * not have, and any backup that is not complete and intact.
 */
export async function restoreDatabase(
  databaseUrl: string,
  file: string,
  availableMigrations: string[],
  log: (m: string) => void = () => {},
): Promise<{ header: BackupHeader; loaded: Record<string, number> }> {
  const gzip = file.endsWith(".gz");
  log(`Checking ${path.basename(file)}…`);
  const header = await verifyBackup(file, gzip);
  const unknown = header.migrations.filter((m) => !availableMigrations.includes(m));
  if (unknown.length > 0)
    throw new Error(`The backup was taken by a newer version (migrations ${unknown.join(", ")}): update the app first`);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "restore" });
  await client.connect();
  // A connection error while a COPY runs arrives as an 'error' event: heard here, it rejects the query in progress.
  client.on("error", () => {});
  try {
    return await clientTransaction(client, async () => {
      const { rows: existing } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`,
      );
      if (existing[0]!.n > 0) {
        for (const t of await tablesInLoadOrder(client)) {
          const { rows } = await client.query(`SELECT 1 FROM ${ident(t.name)} LIMIT 1`);
          if (rows.length > 0)
            throw new Error(
              `The target database is not empty (table ${t.name} has rows): restore into an empty database`,
            );
        }
      }
      const last = header.migrations.at(-1);
      if (last) await applyMigrationsInTransaction(client, log, { upTo: last });
      // Triggers (data_version counters, foreign keys) stay off while the rows go in as they were; a role that may not
      // do this (an external server without superuser) still restores, in foreign-key order, with triggers on.
      await client.query("SAVEPOINT replica");
      let replica = true;
      await client.query("SET LOCAL session_replication_role = replica").catch(async () => {
        replica = false;
        await client.query("ROLLBACK TO SAVEPOINT replica");
      });
      const loaded: Record<string, number> = {};
      let copy: Writable | null = null;
      let copyDone: Promise<void> | null = null;
      // The database's refusal of a row (a duplicate key…) ends the COPY: it is the error to report, not what follows.
      let copyError: Error | null = null;
      let table = "";
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (copyError) throw copyError;
        if (!copy || pending.length === 0) return;
        const chunk = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        if (!copy.write(chunk)) await Promise.race([once(copy, "drain"), copyDone]);
      };
      log("Loading the rows (one transaction: nothing is visible before the end)…");
      await readBackup(file, gzip, async (e) => {
        switch (e.kind) {
          case "copy": {
            table = e.table;
            loaded[table] = 0;
            const stream: Writable = client.query(copyFrom(e.statement));
            copy = stream;
            copyDone = new Promise<void>((resolve, reject) => {
              stream.on("finish", resolve);
              stream.on("error", (error: Error) => {
                copyError ??= error;
                reject(error);
              });
            });
            copyDone.catch(() => {});
            return;
          }
          case "row":
            loaded[table]!++;
            pending.push(e.bytes, Buffer.from("\n"));
            pendingBytes += e.bytes.length + 1;
            if (pendingBytes >= 256 * 1024) await flush();
            return;
          case "endCopy":
            await flush();
            if (copyError) throw copyError;
            copy!.end();
            await copyDone;
            copy = null;
            return;
          case "setval":
            await client.query(e.sql);
        }
      }).catch(async (error: unknown) => {
        // A file that changed between the check and the load: stop the COPY in progress, then report.
        if (copy && !copyError) (copy as Writable).destroy(error as Error);
        await copyDone?.catch(() => {});
        throw copyError ?? error;
      });
      for (const t of header.tables) {
        if ((loaded[t.name] ?? 0) !== t.rows)
          throw new BadBackup(`Table ${t.name}: ${loaded[t.name] ?? 0} rows restored, the backup has ${t.rows}`);
      }
      if (replica) await client.query("SET LOCAL session_replication_role = DEFAULT");
      await applyMigrationsInTransaction(client, log);
      return { header, loaded };
    });
  } finally {
    await client.end().catch(() => {});
  }
}
