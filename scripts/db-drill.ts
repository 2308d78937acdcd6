/**
 * `npm run db:drill`: the restore drill of the external PostgreSQL's pgBackRest backups (deploy/README.md, scheduled
 * monthly by deploy/systemd/tracker-drill.timer). Run on the database server as the postgres user.
 *
 *  1. On the source (DATABASE_URL), writes are held for the moment it takes to mark a named restore point and count
 *     and checksum every table of the public schema in the same snapshot (SHARE locks: reads go on).
 *  2. The WAL holding that point is archived (pgbackrest check), then the latest backup is restored into a scratch
 *     folder (DRILL_DIR) and rolled forward through the archive to the restore point, on a scratch port (DRILL_PORT).
 *  3. Every table's row count and checksum there is compared with the source's; the result is printed, one line per
 *     table that differs and a last line "drill: ok …" or "drill: FAILED …"; the exit status is 0 only when all agree.
 *     The scratch cluster is stopped and removed.
 *  4. A failed drill is also a notice to every active administrator (the bell, and e-mail where set): the source
 *     database is written to when it answers; the drill's exit status stays 1 either way.
 *
 * Settings: DATABASE_URL (the source), PGBACKREST_CONFIG (default /etc/pgbackrest.conf), PGBACKREST_STANZA (tracker),
 * PGBIN (/usr/lib/postgresql/15/bin), DRILL_DIR (/var/lib/postgresql/drill), DRILL_PORT (5499).
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";
import { now } from "../lib/clock";
import { closeDb } from "../lib/data/db";
import { noticeDrillFailed } from "../lib/data/notices";
import { closeNoticeMail, noticeMailsSettled, sendNoticeMails } from "../lib/mail/notices";

const config = process.env.PGBACKREST_CONFIG ?? "/etc/pgbackrest.conf";
const stanza = process.env.PGBACKREST_STANZA ?? "tracker";
const pgbin = process.env.PGBIN ?? "/usr/lib/postgresql/15/bin";
const dir = process.env.DRILL_DIR ?? "/var/lib/postgresql/drill";
const port = Number(process.env.DRILL_PORT ?? 5499);

/** What went wrong, for the administrators' notice. */
let failure = "";

interface TableSum {
  table: string;
  rows: number;
  checksum: string;
}

/** Row count and an order-independent checksum of every table in the public schema, in the client's snapshot. */
async function tableSums(client: pg.Client): Promise<TableSum[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const out: TableSum[] = [];
  for (const { name } of tables) {
    const { rows } = await client.query<{ n: number; sum: string | null }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS sum FROM (SELECT md5(t::text) AS h FROM ${name} t) x`,
    );
    out.push({ table: name, rows: rows[0]!.n, checksum: rows[0]!.sum ?? "" });
  }
  return out;
}

/** Runs a PostgreSQL or pgBackRest command, as the postgres user when we are root (pg_ctl refuses root). */
function run(command: string, args: string[]): string {
  if (process.getuid?.() === 0) {
    const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    return execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", quoted], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  }
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function main(): Promise<number> {
  const source = process.env.DATABASE_URL;
  if (!source) throw new Error("DATABASE_URL (the source database) is not set");
  const point = `drill-${new Date()
    .toISOString()
    .replace(/[^0-9]/g, "")
    .slice(0, 14)}`;
  const started = Date.now();

  // 1. The source at the restore point.
  const client = new pg.Client({ connectionString: source, application_name: "db:drill" });
  await client.connect();
  let expected: TableSum[];
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    await client.query(`LOCK TABLE ${tables.map((t) => t.name).join(", ")} IN SHARE MODE`);
    // The first statement of the transaction with a snapshot: no write can commit between it and the point.
    await client.query(`SELECT pg_create_restore_point($1)`, [point]);
    expected = await tableSums(client);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  console.log(
    `[drill] restore point ${point}: ${expected.length} tables, ${expected.reduce((a, t) => a + t.rows, 0)} rows`,
  );

  // 2. Archive the point's WAL, restore the latest backup up to it.
  const br = [`--config=${config}`, `--stanza=${stanza}`];
  run("pgbackrest", [...br, "check"]);
  rmSync(dir, { recursive: true, force: true });
  run("pgbackrest", [
    ...br,
    `--pg1-path=${dir}`,
    "--type=name",
    `--target=${point}`,
    "--target-action=promote",
    "restore",
  ]);
  const url = `postgresql://postgres@127.0.0.1:${port}/${new URL(source).pathname.slice(1) || "postgres"}`;
  run(`${pgbin}/pg_ctl`, [
    "-D",
    dir,
    "-l",
    `${dir}.log`,
    "-o",
    `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c archive_mode=off`,
    "-w",
    "start",
  ]);
  let actual: TableSum[] = [];
  try {
    for (let i = 0; i < 120; i++) {
      const c = new pg.Client({ connectionString: url });
      try {
        await c.connect();
        if (!(await c.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r")).rows[0]!.r) {
          await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
          actual = await tableSums(c);
          break;
        }
      } catch {
        // still starting
      } finally {
        await c.end().catch(() => {});
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    try {
      run(`${pgbin}/pg_ctl`, ["-D", dir, "-m", "fast", "-w", "stop"]);
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  }

  // 3. Compare.
  const byTable = new Map(actual.map((t) => [t.table, t]));
  const differ = expected.filter((e) => {
    const a = byTable.get(e.table);
    const same = a && a.rows === e.rows && a.checksum === e.checksum;
    if (!same)
      console.log(
        `[drill] ${e.table}: source ${e.rows} rows ${e.checksum}, restored ${a ? `${a.rows} rows ${a.checksum}` : "missing"}`,
      );
    return !same;
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (actual.length === 0 || differ.length > 0) {
    failure = `${actual.length === 0 ? "the restored copy did not open" : `${differ.length} of ${expected.length} tables differ (${differ.map((t) => t.table).join(", ")})`} (restore point ${point}, ${seconds} s)`;
    console.log(`drill: FAILED: ${failure}`);
    return 1;
  }
  console.log(
    `drill: ok: ${expected.length} tables, ${expected.reduce((a, t) => a + t.rows, 0)} rows, every count and checksum equal (restore point ${point}, ${seconds} s)`,
  );
  return 0;
}

/** The failed drill as a notice to the administrators; a database that cannot take it is said in the output. */
async function tellAdministrators(summary: string): Promise<void> {
  try {
    const mails = await noticeDrillFailed(summary, now());
    sendNoticeMails(mails);
    await noticeMailsSettled();
    console.log(`[drill] administrators told (${mails.length} e-mail${mails.length === 1 ? "" : "s"})`);
  } catch (error) {
    console.error(`[drill] the administrators could not be told: ${(error as Error).message}`);
  } finally {
    closeNoticeMail();
    await closeDb().catch(() => {});
  }
}

main()
  .catch((error: unknown) => {
    const e = error as Error & { stderr?: string };
    failure = `${e.message}${e.stderr ? `\n${e.stderr}` : ""}`;
    console.error(`drill: FAILED: ${failure}`);
    return 1;
  })
  .then(async (code) => {
    if (code !== 0) await tellAdministrators(failure);
    process.exit(code);
  });
