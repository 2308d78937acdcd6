/**
 * A restore is all or nothing, a backup never lies (issue 30, items 1–2): every truncated or corrupted backup is
 * refused, quickly and with a clear message, and leaves the target exactly as it was (every table compared before
 * and after); a backup that cannot be written completely (ENOSPC injected into its write stream) leaves no file.
 */
import { createHash } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "@/lib/data/backup";
import { readMigrations } from "@/lib/migrations/apply";
import { applyMigrations } from "@/lib/migrations/apply";
import { testDatabaseUrl, withClient, withClientAt } from "./support/db";
import { loadDemo } from "./support/reports";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-backup-faults-"));
const plain = path.join(dir, "good.sql");
const gz = path.join(dir, "good.sql.gz");
const admin = () => {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error("TEST_ADMIN_DATABASE_URL is not set");
  return url;
};
const blank = `restore_blank_${process.pid}`;
const migrated = `restore_migrated_${process.pid}`;
const urlOf = (name: string) => admin().replace(/\/[^/]*$/, `/${name}`);
const migrations = () => readMigrations().map((m) => m.name);

/** Every table of the public schema (migrations' bookkeeping included) with a digest of all its rows. */
async function snapshot(url: string): Promise<Record<string, string>> {
  return withClientAt(url, async (c) => {
    const { rows } = await c.query<{ name: string; kind: string }>(
      `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { name, kind } of rows) {
      const q = await c.query<{ d: string }>(
        kind === "S"
          ? `SELECT last_value || ':' || is_called AS d FROM ${pg.escapeIdentifier(name)}`
          : `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS d FROM ${pg.escapeIdentifier(name)} t`,
      );
      out[name] = q.rows[0]!.d;
    }
    return out;
  });
}

async function expectRefusedUntouched(file: string, message: RegExp) {
  for (const name of [blank, migrated]) {
    const before = await snapshot(urlOf(name));
    const started = Date.now();
    await expect(restoreDatabase(urlOf(name), file, migrations())).rejects.toThrow(message);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await snapshot(urlOf(name)), name).toEqual(before);
  }
}

beforeAll(async () => {
  await loadDemo(TODAY);
  await withClient(async (c) => {
    // Rows that must never be in a backup: sessions, verification tokens, rate-limit counters.
    const {
      rows: [u],
    } = await c.query<{ id: string }>(`SELECT id FROM "user" WHERE username = 'admin'`);
    await c.query(
      `INSERT INTO session (id, expires_at, token, updated_at, user_id) VALUES ('s1', now() + interval '1 day', 'secret-session-token', now(), $1)`,
      [u!.id],
    );
    await c.query(
      `INSERT INTO verification (id, identifier, value, expires_at, updated_at) VALUES ('v1', 'x', 'secret-verification', now() + interval '1 day', now())`,
    );
    await c.query(`INSERT INTO rate_limit (id, key, count, last_request) VALUES ('r1', 'secret-rate-key', 1, 1)`);
  });
  await backupDatabase(testDatabaseUrl(), plain);
  await backupDatabase(testDatabaseUrl(), gz);
  await withClientAt(admin(), async (c) => {
    for (const name of [blank, migrated]) {
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.query(`CREATE DATABASE ${name}`);
    }
  });
  await applyMigrations(urlOf(migrated));
});

afterAll(async () => {
  await withClientAt(admin(), async (c) => {
    for (const name of [blank, migrated]) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  rmSync(dir, { recursive: true, force: true });
});

describe("a backup that never lies", () => {
  it("names the server's version and leaves out sessions, verification tokens and rate-limit counters", () => {
    const text = readFileSync(plain, "utf8");
    expect(text).not.toMatch(/PostgreSQL undefined/);
    const header = JSON.parse(text.split("\n")[1]!.replace(/^-- /, ""));
    expect(header.server).toMatch(/^\d+\.\d+/);
    expect(header.tables.map((t: { name: string }) => t.name)).not.toEqual(expect.arrayContaining(["session"]));
    for (const secret of ["secret-session-token", "secret-verification", "secret-rate-key"])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/COPY public\."(?:session|verification|rate_limit)"/);
  });

  it("a write that fails (no space left) leaves no file at all, for .gz and for plain", async () => {
    for (const name of ["full.sql.gz", "full.sql"]) {
      const out = mkdtempSync(path.join(dir, "full-"));
      const target = path.join(out, name);
      let written = 0;
      const openFile = (p: string) => {
        const real = createWriteStream(p, { mode: 0o600 });
        return new Writable({
          write(chunk: Buffer, _enc, cb) {
            written += chunk.length;
            if (written > 64 * 1024)
              cb(
                Object.assign(new Error("ENOSPC: no space left on device, write"), {
                  code: "ENOSPC",
                  errno: -28,
                  syscall: "write",
                }),
              );
            else real.write(chunk, cb);
          },
          final(cb) {
            real.end(cb);
          },
          destroy(error, cb) {
            real.destroy();
            cb(error);
          },
        });
      };
      await expect(backupDatabase(testDatabaseUrl(), target, { openFile })).rejects.toThrow(/no space left/i);
      expect(readdirSync(out), name).toEqual([]);
    }
  });
});

describe("a restore that is all or nothing", () => {
  it("a gzip cut in half is refused at once, the target untouched", async () => {
    const bytes = readFileSync(gz);
    const cut = path.join(dir, "cut.sql.gz");
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefusedUntouched(cut, /cut short|damaged|incomplete/i);
  }, 60_000);

  it("a plain backup cut at a table boundary is refused, the target untouched", async () => {
    const text = readFileSync(plain, "utf8");
    const at = text.indexOf('\nCOPY public."data_value"');
    expect(at).toBeGreaterThan(0);
    const cut = path.join(dir, "boundary.sql");
    writeFileSync(cut, text.slice(0, at + 1));
    await expectRefusedUntouched(cut, /incomplete/i);
  }, 60_000);

  it("a plain backup cut mid-line is refused with a clear message, the target untouched", async () => {
    const text = readFileSync(plain, "utf8");
    const cut = path.join(dir, "midline.sql");
    writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.7)));
    await expectRefusedUntouched(cut, /incomplete/i);
  }, 60_000);

  it("a corrupted row (same length, one digit changed) is refused by the checksum, the target untouched", async () => {
    const bytes = Buffer.from(readFileSync(plain));
    const text = bytes.toString("latin1");
    const from = text.indexOf('\nCOPY public."data_value"');
    let i = text.indexOf("\n", from + 1) + 1;
    while (!/[0-9]/.test(text[i]!)) i++;
    bytes[i] = bytes[i] === 0x31 ? 0x32 : 0x31;
    const bad = path.join(dir, "corrupt.sql");
    writeFileSync(bad, bytes);
    await expectRefusedUntouched(bad, /checksum/i);
    writeFileSync(path.join(dir, "corrupt.sql.gz"), gzipSync(bytes));
    await expectRefusedUntouched(path.join(dir, "corrupt.sql.gz"), /checksum/i);
  }, 60_000);

  it("a row removed (counts no longer match) is refused, the target untouched", async () => {
    const lines = gunzipSync(readFileSync(gz)).toString("utf8").split("\n");
    const at = lines.findIndex((l) => l.startsWith('COPY public."data_value"'));
    lines.splice(at + 3, 1);
    const bad = path.join(dir, "short.sql");
    writeFileSync(bad, lines.join("\n"));
    await expectRefusedUntouched(bad, /checksum|rows/i);
  }, 60_000);

  it("an intact file whose rows the database refuses (a duplicate key) is rolled back whole: schema, rows, sequences", async () => {
    const lines = readFileSync(plain, "utf8").split("\n");
    const header = JSON.parse(lines[1]!.replace(/^-- /, ""));
    const at = lines.findIndex((l) => l.startsWith('COPY public."data_value"'));
    lines.splice(at + 2, 0, lines[at + 1]!);
    header.tables.find((t: { name: string }) => t.name === "data_value").rows++;
    lines[1] = `-- ${JSON.stringify(header)}`;
    const endAt = lines.findIndex((l) => l.startsWith("-- end "));
    const body = lines
      .slice(2, endAt)
      .map((l) => `${l}\n`)
      .join("");
    lines[endAt] = `-- end ${JSON.stringify({ sha256: createHash("sha256").update(body).digest("hex") })}`;
    const bad = path.join(dir, "duplicate.sql");
    writeFileSync(bad, lines.join("\n"));
    await expectRefusedUntouched(bad, /duplicate key/i);
  }, 60_000);

  it("the good backup then restores into the same targets", async () => {
    for (const name of [blank, migrated]) {
      const { header, loaded } = await restoreDatabase(urlOf(name), gz, migrations());
      for (const t of header.tables) expect(loaded[t.name], t.name).toBe(t.rows);
      await withClientAt(urlOf(name), async (c) => {
        expect((await c.query(`SELECT count(*)::int AS n FROM session`)).rows[0].n).toBe(0);
        expect((await c.query(`SELECT count(*)::int AS n FROM "user" WHERE username = 'admin'`)).rows[0].n).toBe(1);
      });
    }
    expect(statSync(gz).size).toBeGreaterThan(0);
  }, 120_000);
});
