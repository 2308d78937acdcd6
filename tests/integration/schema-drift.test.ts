// Migrations vs schema.prisma, and the migration runner itself. Needs TEST_ADMIN_DATABASE_URL: a superuser
// connection to a throwaway cluster's `postgres` database; scratch databases are created and dropped here.
import { appendFileSync, cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, applyMigrations, readMigrations } from "../../lib/migrations/apply";
import { DEFAULT_SCHEMA_PATH, diffMigrationsToSchema, isEmptyMigrationScript } from "../../lib/migrations/diff";
import { withClientAt } from "./support/db";

const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
const prefix = `drift_${process.pid}_${Date.now().toString(36)}`;
const created: string[] = [];
const tmpDirs: string[] = [];

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function scratchDatabase(suffix: string): Promise<string> {
  const name = `${prefix}_${suffix}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  tmpDirs.push(dir);
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe("migrations", () => {
  let mainUrl: string;
  let shadowUrl: string;

  beforeAll(async () => {
    if (!adminUrl) throw new Error("TEST_ADMIN_DATABASE_URL is not set (superuser URL of a throwaway cluster)");
    mainUrl = await scratchDatabase("main");
    shadowUrl = await scratchDatabase("shadow");
  });

  afterAll(async () => {
    if (adminUrl) {
      await admin(async (c) => {
        for (const name of created) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    }
    for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("apply to an empty database, and a second run applies nothing", async () => {
    const all = readMigrations().map((m) => m.name);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(await applyMigrations(mainUrl)).toEqual({ applied: all });
    expect(await applyMigrations(mainUrl)).toEqual({ applied: [] });

    const rows = await withClientAt(
      mainUrl,
      async (c) =>
        (
          await c.query(`SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at
                        FROM "_prisma_migrations" ORDER BY started_at`)
        ).rows,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    for (const [i, m] of readMigrations().entries()) {
      expect(rows[i]).toMatchObject({ checksum: m.checksum, applied_steps_count: 1, rolled_back_at: null });
      expect(rows[i].finished_at).toBeInstanceOf(Date);
    }
  });

  it("schema.prisma and the migrations folder agree (no drift)", async () => {
    const sql = await diffMigrationsToSchema({ shadowDatabaseUrl: shadowUrl });
    expect(
      sql,
      `schema.prisma differs from prisma/migrations; run npm run db:migration:new -- <name>:\n${sql}`,
    ).toSatisfy(isEmptyMigrationScript);

    // The check is not vacuous: one more field shows up as drift.
    const dir = mkdtempSync(path.join(tmpdir(), "schema-"));
    tmpDirs.push(dir);
    const changed = path.join(dir, "schema.prisma");
    writeFileSync(
      changed,
      readFileSync(DEFAULT_SCHEMA_PATH, "utf8").replace(/(model PeriodLock \{)/, "$1\n  note String?"),
    );
    const drift = await diffMigrationsToSchema({ shadowDatabaseUrl: shadowUrl, schemaPath: changed });
    expect(drift).toMatch(/ALTER TABLE "period_lock" ADD COLUMN\s+"note" TEXT/);
  }, 15_000);

  it("refuses to run when an applied migration's file changed", async () => {
    const dir = copyOfMigrations();
    const first = readMigrations(dir)[0]!;
    appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- edited after it was applied\n");
    await expect(applyMigrations(mainUrl, undefined, { migrationsDir: dir })).rejects.toThrow(
      new RegExp(`modified.*${first.name}`),
    );
  });

  it("rolls back a failing migration and records it as rolled back", async () => {
    const dir = copyOfMigrations();
    mkdirSync(path.join(dir, "29991231000000_broken"));
    writeFileSync(
      path.join(dir, "29991231000000_broken", "migration.sql"),
      'CREATE TABLE "half_done" (id INT);\nSELECT "missing" FROM "half_done";\n',
    );
    await expect(applyMigrations(mainUrl, undefined, { migrationsDir: dir })).rejects.toThrow(
      /29991231000000_broken failed and was rolled back: column "missing" does not exist .*line 2/,
    );
    const state = await withClientAt(mainUrl, async (c) => ({
      table: (await c.query(`SELECT to_regclass('half_done') AS t`)).rows[0].t,
      rows: (
        await c.query(
          `SELECT finished_at, rolled_back_at, logs FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`,
        )
      ).rows,
    }));
    expect(state.table).toBeNull();
    expect(state.rows).toHaveLength(1);
    expect(state.rows[0]).toMatchObject({ finished_at: null, logs: expect.stringMatching(/"missing" does not exist/) });
    expect(state.rows[0].rolled_back_at).toBeInstanceOf(Date);
    // A rolled-back attempt does not block the real folder.
    expect(await applyMigrations(mainUrl)).toEqual({ applied: [] });
  });

  it("refuses a database whose applied migrations are newer than this code, with a clear message, and changes nothing", async () => {
    const newer = "29991231000001_from_a_newer_release";
    await withClientAt(mainUrl, (c) =>
      c.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ('newer-release', 'x', $1, now(), now(), 1)`,
        [newer],
      ),
    );
    try {
      const dir = copyOfMigrations();
      mkdirSync(path.join(dir, "29991230000000_pending_here"));
      writeFileSync(
        path.join(dir, "29991230000000_pending_here", "migration.sql"),
        'CREATE TABLE "pending_here" (id INT);\n',
      );
      await expect(applyMigrations(mainUrl, undefined, { migrationsDir: dir })).rejects.toThrow(
        new RegExp(`newer release.*${newer}.*upgrade this server`, "s"),
      );
      // Nothing of this code's own pending migration was applied.
      expect(
        await withClientAt(mainUrl, async (c) => (await c.query(`SELECT to_regclass('pending_here') AS t`)).rows[0].t),
      ).toBeNull();
    } finally {
      await withClientAt(mainUrl, (c) => c.query(`DELETE FROM "_prisma_migrations" WHERE id = 'newer-release'`));
    }
    expect(await applyMigrations(mainUrl)).toEqual({ applied: [] });
  });

  it("audit_log is append-only: UPDATE, DELETE and TRUNCATE fail", async () => {
    await withClientAt(mainUrl, async (c) => {
      await c.query(`INSERT INTO audit_log (action, entity) VALUES ('test', 'drift')`);
      await expect(c.query(`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow(/append-only: UPDATE/);
      await expect(c.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only: DELETE/);
      await expect(c.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only: TRUNCATE/);
      expect((await c.query(`SELECT action FROM audit_log`)).rows).toEqual([{ action: "test" }]);
    });
  });
});
