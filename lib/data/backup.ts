/**
 * Logical backups that need no tool of PostgreSQL's own (the embedded default has no pg_dump, and Debian's is of
 * another major version). The file is plain SQL in pg_dump's layout, gzip-compressed when its name ends in .gz:
 *   a header comment with the format, the time and the migrations the database had;
 *   for each table, `COPY … FROM stdin;`, its rows in COPY's text format, and `\.`;
 *   `SELECT setval(…)` for each sequence.
 * Everything is read in one REPEATABLE READ, READ ONLY transaction: one snapshot, consistent across tables, taken while
 * the app keeps running. A restore applies the same migrations to an empty database, loads the rows with COPY, sets
 * the sequences, then applies any newer migrations.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { PassThrough, type Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { applyMigrations } from "@/lib/migrations/apply";
import { now } from "@/lib/clock";

const MAGIC = "-- two-tier-tracker backup";

export interface BackupHeader {
  format: 1;
  createdAt: string;
  server: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

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
  for (const f of fks) if (unquote(f.child) !== unquote(f.parent)) parents.get(unquote(f.child))?.add(unquote(f.parent));
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

async function write(out: Writable, text: string | Buffer): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

/** Writes a consistent backup of `databaseUrl` to `file`; returns its header. */
export async function backupDatabase(databaseUrl: string, file: string): Promise<BackupHeader> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "backup" });
  await client.connect();
  const body = new PassThrough();
  const sink = createWriteStream(file, { mode: 0o600 });
  const done = file.endsWith(".gz") ? pipeline(body, createGzip(), sink) : pipeline(body, sink);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const server = (await client.query<{ v: string }>("SHOW server_version")).rows[0]!.v;
    const migrations = (await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    )).rows.map((r) => r.name);
    const tables = await tablesInLoadOrder(client);
    const counts = await Promise.all(tables.map(async (t) => ({
      name: t.name,
      rows: (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(t.name)}`)).rows[0]!.n,
    })));
    const header: BackupHeader = { format: 1, createdAt: now().toISOString(), server, migrations, tables: counts };
    await write(body, `${MAGIC}\n-- ${JSON.stringify(header)}\nSET client_encoding = 'UTF8';\n`);
    for (const t of tables) {
      const columns = t.columns.map(ident).join(", ");
      await write(body, `\nCOPY public.${ident(t.name)} (${columns}) FROM stdin;\n`);
      const rows: Readable = client.query(copyTo(`COPY public.${ident(t.name)} (${columns}) TO STDOUT`));
      for await (const chunk of rows) await write(body, chunk as Buffer);
      await write(body, "\\.\n");
    }
    const { rows: sequences } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public' ORDER BY 1`,
    );
    await write(body, "\n");
    for (const s of sequences) {
      const { rows: [v] } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${ident(s.name)}`);
      await write(body, `SELECT pg_catalog.setval(${pg.escapeLiteral(`public.${ident(s.name)}`)}, ${v!.last_value}, ${v!.is_called});\n`);
    }
    await client.query("COMMIT");
    body.end();
    await done;
    return header;
  } catch (error) {
    body.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Reads a backup's header without loading it. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = createInterface({ input: openBackup(file), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first) {
      if (line !== MAGIC) throw new Error(`${file} is not a backup of this application`);
      first = false;
      continue;
    }
    lines.close();
    return JSON.parse(line.replace(/^-- /, "")) as BackupHeader;
  }
  throw new Error(`${file} is empty`);
}

function openBackup(file: string): Readable {
  const raw = createReadStream(file);
  return file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
}

/**
 * Restores `file` into the database at `databaseUrl`, which must be empty (no table of ours holds a row). Returns the
 * header and the rows loaded per table; refuses a backup taken with migrations this version does not have.
 */
export async function restoreDatabase(
  databaseUrl: string,
  file: string,
  availableMigrations: string[],
  log: (m: string) => void = () => {},
): Promise<{ header: BackupHeader; loaded: Record<string, number> }> {
  const header = await readBackupHeader(file);
  const unknown = header.migrations.filter((m) => !availableMigrations.includes(m));
  if (unknown.length > 0) throw new Error(`The backup was taken by a newer version (migrations ${unknown.join(", ")}): update the app first`);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "restore" });
  await client.connect();
  try {
    const { rows: existing } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`,
    );
    if (existing[0]!.n > 0) {
      const tables = await tablesInLoadOrder(client);
      for (const t of tables) {
        const { rows } = await client.query(`SELECT 1 FROM ${ident(t.name)} LIMIT 1`);
        if (rows.length > 0) throw new Error(`The target database is not empty (table ${t.name} has rows): restore into an empty database`);
      }
    }
    const last = header.migrations.at(-1);
    if (last) await applyMigrations(databaseUrl, log, { upTo: last });
    const loaded: Record<string, number> = {};
    await client.query("BEGIN");
    // Triggers (data_version counters, foreign keys) stay off while the rows go in as they were; a role that may not
    // do this (an external server without superuser) still restores, in foreign-key order, with triggers on.
    await client.query("SAVEPOINT replica");
    await client.query("SET LOCAL session_replication_role = replica").catch(async () => client.query("ROLLBACK TO SAVEPOINT replica"));
    const lines = createInterface({ input: openBackup(file), crlfDelay: Infinity });
    let copy: Writable | null = null;
    let table = "";
    let rows = 0;
    for await (const line of lines) {
      if (copy) {
        if (line === "\\.") {
          copy.end();
          await once(copy, "finish");
          loaded[table] = rows;
          copy = null;
          continue;
        }
        rows++;
        if (!copy.write(`${line}\n`)) await once(copy, "drain");
        continue;
      }
      const start = /^COPY public\.("(?:[^"]|"")+") \((.*)\) FROM stdin;$/.exec(line);
      if (start) {
        table = start[1]!.slice(1, -1).replace(/""/g, '"');
        rows = 0;
        copy = client.query(copyFrom(`COPY public.${start[1]} (${start[2]}) FROM STDIN`));
        continue;
      }
      if (line.startsWith("SELECT pg_catalog.setval(")) await client.query(line);
    }
    if (copy) throw new Error("The backup ends in the middle of a table: it is incomplete");
    await client.query("COMMIT");
    for (const t of header.tables) {
      if ((loaded[t.name] ?? 0) !== t.rows) throw new Error(`Table ${t.name}: ${loaded[t.name] ?? 0} rows restored, the backup has ${t.rows}`);
    }
    await applyMigrations(databaseUrl, log);
    return { header, loaded };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
