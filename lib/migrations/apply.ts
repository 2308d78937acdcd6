// Applies prisma/migrations/<timestamp>_<name>/migration.sql without Prisma's schema engine, keeping the
// `_prisma_migrations` bookkeeping `prisma migrate deploy` uses, so either tool can take over a database.
// Runs on PostgreSQL 15 and on PGlite (pglite-socket): plain SQL, simple query protocol.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export interface MigrationFile {
  /** Folder name, e.g. `20251128080000_init`. */
  name: string;
  sql: string;
  /** sha256 (hex) of the file's bytes, as Prisma records it. */
  checksum: string;
}

export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Same key as Prisma's schema engine, so this and `prisma migrate deploy` also exclude each other.
const ADVISORY_LOCK_KEY = 72707369;
const MIGRATION_DIR_RE = /^\d{14}_[A-Za-z0-9_-]+$/;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Migration folders in name (= timestamp) order. A folder without migration.sql is an error. */
export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && MIGRATION_DIR_RE.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`Migration folder ${name} has no migration.sql`);
      const sql = readFileSync(file, "utf8");
      return { name, sql, checksum: sha256(sql) };
    });
}

// Prisma accepts a checksum whatever the line endings (a Windows checkout turns LF into CRLF).
function checksumMatches(m: MigrationFile, recorded: string): boolean {
  const lf = m.sql.replace(/\r\n/g, "\n");
  return [m.checksum, sha256(lf), sha256(lf.replace(/\n/g, "\r\n"))].includes(recorded);
}

// Prisma's own DDL for the table (schema-engine sql-migration-connector, postgres flavour).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

// Rolled-back rows are history only; a row without finished_at is a failed migration (Prisma's P3009).
const SELECT_APPLIED = `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`;

// pglite-socket queues each protocol message of all connections in one FIFO (one backend), except while a
// transaction is open, when it runs only that connection's messages. So the parse/bind/execute steps of a
// parameterized query can interleave with another connection's and bind the wrong statement. Hence: outside a
// transaction only parameterless queries (pg then uses the one-message simple protocol), parameters only inside.
async function inTransaction<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await fn();
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

function describeSqlError(e: unknown, sql: string): string {
  const err = e as { message?: string; position?: string; code?: string };
  let msg = err.message ?? String(e);
  if (err.code) msg += ` (SQLSTATE ${err.code})`;
  const pos = Number(err.position);
  if (pos > 0) msg += ` at line ${sql.slice(0, pos - 1).split("\n").length} of migration.sql`;
  return msg;
}

/** The database was migrated by a newer release of the app than this one. */
export class SchemaNewerThanCode extends Error {
  constructor(
    readonly newer: string[],
    readonly newestLocal: string,
  ) {
    super(
      `Refusing to start: the database was migrated by a newer release of the app (it has ${newer.join(", ")}; ` +
        `this release knows migrations up to ${newestLocal || "none"}). Run the newer release (upgrade this server to it), ` +
        `or restore the database from a backup taken before that upgrade.`,
    );
    this.name = "SchemaNewerThanCode";
  }
}

/** Creates the bookkeeping table, refuses failed or edited migrations; returns the migrations not yet applied. */
async function pendingMigrations(
  client: pg.Client,
  migrations: MigrationFile[],
  log: (msg: string) => void,
): Promise<MigrationFile[]> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const recorded = (await client.query<AppliedRow>(`${SELECT_APPLIED} ORDER BY started_at`)).rows;
  const failed = recorded.filter((r) => r.finished_at === null);
  if (failed.length > 0) {
    throw new Error(
      `The database has failed migrations: ${failed.map((r) => r.migration_name).join(", ")}. ` +
        `Fix the database by hand, then mark them rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() ...) ` +
        `or run \`prisma migrate resolve\` where Prisma's CLI works.`,
    );
  }
  const byName = new Map(recorded.map((r) => [r.migration_name, r]));
  const edited = migrations.filter((m) => {
    const row = byName.get(m.name);
    return row !== undefined && !checksumMatches(m, row.checksum);
  });
  if (edited.length > 0) {
    throw new Error(
      `Refusing to migrate: already-applied migration(s) were modified since they were applied: ` +
        `${edited.map((m) => m.name).join(", ")}. Restore the original migration.sql and put the change in a new migration.`,
    );
  }
  const local = new Set(migrations.map((m) => m.name));
  const unknown = recorded.filter((r) => !local.has(r.migration_name)).map((r) => r.migration_name);
  // A migration applied by a newer release (its name sorts after this code's newest one): this code does not know the
  // schema it would run on, so it refuses before applying or serving anything (an old server left running in a
  // rolling upgrade, or a rollback of the code without a restore of the database).
  const newestLocal = migrations.at(-1)?.name ?? "";
  const newer = unknown.filter((name) => name > newestLocal);
  if (newer.length > 0) throw new SchemaNewerThanCode(newer, newestLocal);
  if (unknown.length > 0)
    log(`Warning: the database has migrations not in the migrations folder: ${unknown.join(", ")}`);
  return migrations.filter((m) => !byName.has(m.name));
}

/**
 * Applies the pending migrations (up to `upTo`) on `client`, which is inside a transaction the caller commits or rolls
 * back: a restore creates the schema, loads the rows and applies the newer migrations in one transaction, so that a
 * failure leaves nothing behind. The lock is the migrations' advisory lock, held until that transaction ends.
 */
export async function applyMigrationsInTransaction(
  client: pg.Client,
  log: (msg: string) => void = () => {},
  opts: { migrationsDir?: string; upTo?: string } = {},
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(opts.migrationsDir).filter((m) => !opts.upTo || m.name <= opts.upTo);
  await client.query(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
  const applied: string[] = [];
  for (const m of await pendingMigrations(client, migrations, log)) {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, m.checksum, m.name],
    );
    try {
      await client.query(m.sql);
    } catch (e) {
      throw new Error(`Migration ${m.name} failed: ${describeSqlError(e, m.sql)}`, { cause: e });
    }
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    applied.push(m.name);
    log(`Applied ${m.name}`);
  }
  return { applied };
}

/**
 * Applies every pending migration, each in its own transaction, and returns the names applied.
 * Throws when an applied migration's file changed, when the database has a failed (unresolved) migration,
 * or when a migration fails (that one is rolled back and recorded as rolled back; later ones are not run).
 */
export async function applyMigrations(
  databaseUrl: string,
  log: (msg: string) => void = () => {},
  opts: { migrationsDir?: string; upTo?: string } = {},
): Promise<{ applied: string[] }> {
  // upTo: only migrations up to this one (a restore recreates the schema its backup was taken with, then goes on).
  const migrations = readMigrations(opts.migrationsDir).filter((m) => !opts.upTo || m.name <= opts.upTo);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "migrate" });
  await client.connect();
  const applied: string[] = [];
  try {
    // On PGlite every connection shares one backend, so this lock never waits there: the re-check inside each
    // migration's transaction below is what keeps two concurrent runs apart on PGlite.
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${ADVISORY_LOCK_KEY}) AS ok`);
    if (!rows[0]?.ok) {
      log("Another migration run holds the lock; waiting for it…");
      await client.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
    }
    const pending = await pendingMigrations(client, migrations, log);
    for (const m of pending) {
      const id = randomUUID();
      let done: boolean;
      try {
        done = await inTransaction(client, async () => {
          const again = await client.query(`${SELECT_APPLIED} AND migration_name = $1`, [m.name]);
          if (again.rows.length > 0) return false; // a concurrent run applied it meanwhile
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, $3, clock_timestamp(), 0)`,
            [id, m.checksum, m.name],
          );
          await client.query(m.sql);
          await client.query(
            `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
            [id],
          );
          return true;
        });
      } catch (e) {
        const msg = describeSqlError(e, m.sql);
        // The rollback left no trace: keep one as Prisma would after `migrate resolve --rolled-back`.
        await inTransaction(client, () =>
          client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count)
             VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp(), 0)`,
            [id, m.checksum, m.name, msg],
          ),
        ).catch(() => {});
        throw new Error(`Migration ${m.name} failed and was rolled back: ${msg}`, { cause: e });
      }
      if (!done) continue;
      applied.push(m.name);
      log(`Applied ${m.name}`);
    }
    return { applied };
  } finally {
    // Closing the session releases the advisory lock too; unlock first so a pooled/proxied session does not keep it.
    await client.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY})`).catch(() => {});
    await client.end().catch(() => {});
  }
}
