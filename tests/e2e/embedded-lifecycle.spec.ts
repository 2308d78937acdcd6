/**
 * The default setup as a user runs it: `npm start` on its embedded PostgreSQL, in a data folder of its own
 * (TRACKER_DATA_DIR), on the build the suite already made. One instance per folder; SIGTERM to the npm process
 * leaves nothing behind; kill -9 of everything loses no acknowledged write.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let folder = "";

test.beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), "tracker-data-"));
  chmodSync(folder, 0o755); // as root the database runs as `postgres`, which must reach its folder
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Started {
  npm: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function npmStart(port: number): Started {
  // Demo data off: this spec is about the process and the files, and writes its own rows.
  const npm = spawn("npm", ["start"], {
    env: {
      ...process.env,
      TRACKER_DATA_DIR: folder,
      PORT: String(port),
      SKIP_BUILD: "1",
      DEMO_DATA: "0",
      DATABASE_URL: "",
      EMBEDDED_DB_PORT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  npm.on("error", (e) => (out += `spawn error: ${e.message}\n`));
  npm.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  npm.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    npm.once("exit", (code, signal) => {
      out += `[npm exited: ${code ?? signal}]\n`;
      resolve(code);
    }),
  );
  return { npm, port, output: () => out, exited };
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

const healthy = async (port: number) => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
  } catch {
    return false;
  }
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Every process of an instance: the start script (from the lock), the server and the database. */
function instancePids(): { start: number; postgres: number; all: number[] } {
  const lock = JSON.parse(readFileSync(path.join(folder, "instance.lock"), "utf8")) as { pid: number };
  const postgres = Number(readFileSync(path.join(folder, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  const children = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const all = [lock.pid, ...children(lock.pid), postgres];
  return { start: lock.pid, postgres, all: [...new Set(all)] };
}

function databaseUrl(): string {
  const port = readFileSync(path.join(folder, "pg", "postmaster.pid"), "utf8").split("\n")[3];
  const password = readFileSync(path.join(folder, "db-password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

test.afterAll(async () => {
  if (folder && existsSync(path.join(folder, "instance.lock"))) {
    for (const pid of instancePids().all) if (alive(pid)) process.kill(pid, "SIGKILL");
  }
  rmSync(folder, { recursive: true, force: true });
});

test("a second npm start on the same data folder refuses and names the first; SIGTERM to npm stops everything", async () => {
  const first = npmStart(await freePort());
  await until(() => healthy(first.port), 180_000, `the first npm start (output: ${first.output().slice(-500)})`);
  const pids = instancePids();
  expect(pids.all.length).toBeGreaterThanOrEqual(3);
  // The database listens on 127.0.0.1 only, and asks for the password.
  await expect(
    new pg.Client({ connectionString: databaseUrl().replace(/:[^:@/]+@/, ":wrong@") }).connect(),
  ).rejects.toThrow(/password/);

  const second = npmStart(await freePort());
  const code = await Promise.race([
    second.exited,
    new Promise<string>((r) => setTimeout(() => r("still running"), 60_000)),
  ]);
  expect(code).toBe(1);
  expect(second.output()).toContain(`in use by npm start (http://127.0.0.1:${first.port})`);
  expect(second.output()).toContain(`process ${pids.start}`);
  expect(await healthy(first.port)).toBe(true);

  // What `timeout`, systemd and most supervisors send: SIGTERM to the npm process only (not its group).
  process.kill(first.npm.pid!, "SIGTERM");
  const took = await until(() => pids.all.every((p) => !alive(p)), 10_000, "every process of the instance to stop");
  expect(took).toBeLessThan(10_000);
  expect(existsSync(path.join(folder, "instance.lock"))).toBe(false);
  expect(readFileSync(path.join(folder, "postgres.log"), "utf8")).toContain("database system is shut down");
});

test("kill -9 of the whole instance loses no acknowledged write, and the next start cleans up after it", async () => {
  const first = npmStart(await freePort());
  await until(() => healthy(first.port), 180_000, "npm start");
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  await client.query("CREATE TABLE IF NOT EXISTS durability_probe (n int PRIMARY KEY)");
  let acknowledged = 0;
  for (let n = 1; n <= 200; n++) {
    await client.query("INSERT INTO durability_probe VALUES ($1)", [n]);
    acknowledged = n;
  }
  // Every insert above was acknowledged (committed). Then the power cut: every process of the instance at once.
  await client.end();
  const pids = instancePids();
  for (const pid of pids.all) process.kill(pid, "SIGKILL");
  await until(() => pids.all.every((p) => !alive(p)), 10_000, "the killed processes to go");

  // The stale lock and postmaster.pid are handled; PostgreSQL replays its WAL.
  const again = npmStart(await freePort());
  await until(() => healthy(again.port), 180_000, `npm start after kill -9 (output: ${again.output().slice(-500)})`);
  expect(again.output()).toContain("stale lock");
  const check = new pg.Client({ connectionString: databaseUrl() });
  await check.connect();
  const { rows } = await check.query<{ n: number }>("SELECT count(*)::int AS n FROM durability_probe");
  await check.end();
  expect(rows[0]!.n).toBe(acknowledged);
  // Ctrl-C's signal, sent to the npm process alone: npm passes it on (the start script is exec'd), everything stops.
  const running = instancePids();
  process.kill(again.npm.pid!, "SIGINT");
  await until(() => running.all.every((p) => !alive(p)), 10_000, "every process to stop after SIGINT to npm");
  expect(existsSync(path.join(folder, "instance.lock"))).toBe(false);
});
