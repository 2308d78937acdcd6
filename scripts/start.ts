/**
 * `npm start`: one command from a fresh clone to a running app.
 *  - no DATABASE_URL: serves an embedded PostgreSQL (PGlite, data in ./.data/pg) on a local port;
 *  - applies pending migrations, loads the reference data, and the demo data if the database has none;
 *  - builds the app if the build is missing or older than the sources (SKIP_BUILD=1 to skip the check);
 *  - serves on PORT (default 3000). Ctrl-C stops everything it started.
 * `npm run dev` does the same with `next dev`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as esbuild from "esbuild";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../lib/migrations/apply";
import { seedDemoIfEmpty } from "../lib/data/demo-seed";
import { seedReferenceData } from "../lib/data/seed";
import { now } from "../lib/clock";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const children: ChildProcess[] = [];
let embedded: { close: () => Promise<void> } | null = null;
let stopping = false;

function log(message: string) {
  console.log(`[start] ${message}`);
}

async function freePort(preferred: number): Promise<number> {
  for (let p = preferred; p < preferred + 50; p++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.createServer().once("error", () => resolve(false)).once("listening", () => s.close(() => resolve(true)));
      s.listen(p, "127.0.0.1");
    });
    if (ok) return p;
  }
  throw new Error(`No free port near ${preferred}`);
}

/** PGlite (PostgreSQL in WebAssembly) in this process, served over TCP so the app connects with a normal URL. */
async function startEmbeddedDatabase(): Promise<string> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const dataDir = path.join(root, ".data", "pg");
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const fresh = !existsSync(dataDir);
  log(`${fresh ? "Creating" : "Opening"} the embedded database in ${path.relative(root, dataDir)}`);
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  const dbPort = await freePort(Number(process.env.EMBEDDED_DB_PORT ?? 55433));
  const server = new PGLiteSocketServer({ db: pglite, port: dbPort, host: "127.0.0.1", maxConnections: 30 });
  await server.start();
  embedded = {
    close: async () => {
      await server.stop();
      await pglite.close();
    },
  };
  return `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`;
}

/** The session-signing secret: BETTER_AUTH_SECRET, or one generated once and kept in ./.data (mode 600). */
function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.join(root, ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
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
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) {
    log("The build is up to date");
    return;
  }
  log("Building the app (first start or sources changed; about a minute on 2 cores)…");
  const code = await new Promise<number | null>((resolve) => run(process.execPath, [nextBin(), "build"], env).on("exit", resolve));
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

function nextBin(): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("Stopping…");
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  if (embedded) await embedded.close();
  process.exit(code);
}

async function main() {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    BETTER_AUTH_URL: process.env.BETTER_AUTH_URL ?? `http://localhost:${port}`,
    BETTER_AUTH_SECRET: authSecret(),
  };
  if (!env.DATABASE_URL) {
    env.DATABASE_URL = await startEmbeddedDatabase();
    // PGlite runs one query at a time, and pglite-socket can interleave the extended-protocol messages of
    // concurrent connections (one client seen receiving another's rows): the app gets exactly one connection.
    env.DATABASE_POOL_MAX = "1";
  }
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { applied } = await applyMigrations(env.DATABASE_URL, log);
    log(applied.length ? `Applied ${applied.length} migration(s)` : "Database schema is up to date");
    await seedReferenceData(client);
    const demo = await seedDemoIfEmpty(client, now(), log);
    if (demo) {
      log(`Loaded demo data: ${demo.reports} reports, ${demo.values} values (up to ${demo.until})`);
      log(`Created ${demo.accounts} demo accounts (admin, tinh, phantich, xa-<code>; password in the README)`);
    }
  } finally {
    await client.end();
  }
  if (!dev && process.env.SKIP_BUILD !== "1") await buildIfNeeded(env);
  // Production: scripts/server.ts (Next.js behind the dashboards' page cache), compiled to plain JavaScript first so
  // that the server does not carry a TypeScript loader (about 80 MB), with V8's young generation capped at 8 MB
  // (RSS during a 2.2-million-row export: 309 MB by default, 255 MB so; throughput unchanged); development: next dev.
  const next = dev
    ? run(process.execPath, [nextBin(), "dev", "-p", String(port)], env)
    : run(process.execPath, ["--max-semi-space-size=8", await compileServer()], { ...env, NODE_ENV: "production" });
  log(`Starting the server on http://localhost:${port}`);
  next.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch(async (error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
