/**
 * The data folder of `npm start` (./.data, or TRACKER_DATA_DIR): its instance lock, its secrets and its embedded
 * PostgreSQL server. Shared by scripts/start.ts and the backup scripts, so that there is one way to find, lock and
 * start the default database.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type RunningCluster, commandLine, isAlive, runningPostmaster, startCluster } from "./postgres";
import { now } from "../clock";

export function dataFolder(): string {
  return path.resolve(process.env.TRACKER_DATA_DIR ?? path.join(import.meta.dirname, "..", "..", ".data"));
}

const lockFile = () => path.join(dataFolder(), "instance.lock");

export interface InstanceLock {
  pid: number;
  /** What holds it: "npm start" (with the address it serves) or a backup script. */
  holder: string;
  startedAt: string;
}

export class FolderInUse extends Error {
  constructor(readonly held: InstanceLock) {
    super(
      `The data folder ${dataFolder()} is in use by ${held.holder} (process ${held.pid}, since ${held.startedAt}). ` +
        `Stop it first (Ctrl-C in its terminal, or kill ${held.pid}).`,
    );
  }
}

let ownsLock = false;

/**
 * Takes the folder's lock, or throws FolderInUse when a live process holds it. A lock whose process is gone (a start
 * that was killed) is stale and taken over; a database server such a start left is stopped by startCluster.
 */
export function takeInstanceLock(holder: string, startedAt: Date, log: (m: string) => void): void {
  mkdirSync(dataFolder(), { recursive: true });
  const mine: InstanceLock = { pid: process.pid, holder, startedAt: startedAt.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lockFile(), JSON.stringify(mine), { flag: "wx", mode: 0o644 });
      ownsLock = true;
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let held: InstanceLock | null = null;
    try {
      held = JSON.parse(readFileSync(lockFile(), "utf8")) as InstanceLock;
    } catch {
      // half-written by a start that died at that moment: stale
    }
    if (held && isAlive(held.pid) && commandLine(held.pid).includes("node")) throw new FolderInUse(held);
    log(`Removing a stale lock left by a process that ended without stopping (${held?.pid ?? "unknown"})`);
    try {
      unlinkSync(lockFile());
    } catch {
      // another start removed it first; try again
    }
  }
  throw new Error(`Could not take ${lockFile()}`);
}

export function releaseInstanceLock(): void {
  if (!ownsLock) return;
  ownsLock = false;
  try {
    const held = JSON.parse(readFileSync(lockFile(), "utf8")) as InstanceLock;
    if (held.pid === process.pid) unlinkSync(lockFile());
  } catch {
    // already gone
  }
}

/** A secret kept in the data folder (mode 600), generated on first use. */
export function dataSecret(name: string, bytes: number): string {
  const file = path.join(dataFolder(), name);
  if (!existsSync(file)) {
    mkdirSync(dataFolder(), { recursive: true });
    writeFileSync(file, randomBytes(bytes).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** Starts the embedded server of the data folder (the caller holds the lock). */
export function startEmbeddedDatabase(log: (m: string) => void, restartOn?: number): Promise<RunningCluster> {
  return startCluster({
    dataDir: path.join(dataFolder(), "pg"),
    // A restart keeps the port: the running app's DATABASE_URL names it.
    port: restartOn ?? Number(process.env.EMBEDDED_DB_PORT ?? 55433),
    strictPort: restartOn !== undefined,
    password: dataSecret("db-password", 24),
    logFile: path.join(dataFolder(), "postgres.log"),
    log,
    // Sized for one machine running the app beside it; max_connections leaves room above the app's pools.
    settings: { max_connections: 60, shared_buffers: "128MB", idle_in_transaction_session_timeout: "60s" },
  });
}

/** The URL of the data folder's database while `npm start` serves it; null when it is not running. */
export function runningEmbeddedDatabaseUrl(): string | null {
  const running = runningPostmaster(path.join(dataFolder(), "pg"));
  if (!running) return null;
  return `postgresql://postgres:${encodeURIComponent(dataSecret("db-password", 24))}@127.0.0.1:${running.port}/postgres`;
}

/**
 * Runs `fn` with a database URL: DATABASE_URL; else the embedded database, the running one or, when `npm start` is not
 * running, one started for the occasion (holding the folder's lock meanwhile).
 */
export async function withDatabase<T>(
  purpose: string,
  log: (m: string) => void,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const running = runningEmbeddedDatabaseUrl();
  if (running) return fn(running);
  takeInstanceLock(purpose, now(), log);
  let cluster: RunningCluster | null = null;
  try {
    cluster = await startEmbeddedDatabase(log);
    return await fn(cluster.url("postgres"));
  } finally {
    await cluster?.stop();
    releaseInstanceLock();
  }
}
