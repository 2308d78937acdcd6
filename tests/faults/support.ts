/**
 * Process-level fault tests (npm run test:faults): `npm start` (scripts/start.ts) run as a child process on a data
 * folder of its own, with its embedded PostgreSQL, serving the production build (`npm run build` first: the suite
 * skips the tests that need it when there is none).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const hasBuild = existsSync(path.join(root, ".next", "BUILD_ID"));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface App {
  url: string;
  process: ChildProcess;
  output: string[];
  /** Resolves when a line matching `re` has been printed (or already was). */
  waitFor: (re: RegExp, timeoutMs?: number) => Promise<string>;
  stop: () => Promise<void>;
}

export async function startApp(options: { dataDir: string; env?: Record<string, string> }): Promise<App> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TRACKER_DATA_DIR: options.dataDir,
    PORT: String(port),
    EMBEDDED_DB_PORT: String(await freePort()),
    SKIP_BUILD: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.env,
  };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  delete env.DATABASE_READ_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
      output.push(line);
      if (process.env.FAULTS_VERBOSE) console.log(`[app ${port}] ${line}`);
      for (const w of [...waiters])
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const waitFor = (re: RegExp, timeoutMs = 60_000) => {
    const seen = output.find((l) => re.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no line matching ${re} within ${timeoutMs} ms:\n${output.slice(-30).join("\n")}`)),
        timeoutMs,
      );
      waiters.push({
        re,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  };
  const url = `http://localhost:${port}`;
  const app: App = {
    url,
    process: child,
    output,
    waitFor,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start ended (${child.exitCode}):\n${output.join("\n")}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return app;
    await new Promise((r) => setTimeout(r, 300));
  }
  await app.stop();
  throw new Error(`npm start did not serve within 120 s:\n${output.join("\n")}`);
}

/** Signs in with a demo account; returns the session cookie (a write: the session row). */
export async function signIn(
  app: App,
  username = "tinh",
  password = "laichau2025",
): Promise<Response & { cookie: string }> {
  const res = await fetch(`${app.url}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: app.url },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return Object.assign(res, { cookie });
}

/** The URL of a data folder's embedded database (its port in postmaster.pid, its generated password). */
export function databaseUrl(dataDir: string): string {
  const port = readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8")
    .split("\n")[3]!
    .trim();
  const password = readFileSync(path.join(dataDir, "db-password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** The embedded postmaster of a data folder and all its children. */
export function databasePids(dataDir: string): number[] {
  const postmaster = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  const children = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]) === postmaster;
      } catch {
        return false;
      }
    });
  return [postmaster, ...children];
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await fn();
  return { ms: Date.now() - started, value };
}
