/**
 * The import benchmark of issue 23 item 8 as its budget means it: the file is POSTed to the production server
 * (`npm start`'s scripts/start.ts, which runs .next/tracker-server.mjs), and the memory counted is that server
 * process's (its request threads and the import's checking worker, a worker thread of the same process:
 * lib/workers/pool.ts), not the benchmark's. PostgreSQL is another process, counted apart (its CPU time).
 *
 *   npm run bench:import                        both sizes, each on a server and a database of its own
 *   npx tsx bench/import-server.ts --scale=province-year   a year of the 38 communes, long CSV, as the province
 *   npx tsx bench/import-server.ts --scale=national-year   a year of 3,321 communes, wide CSV, as an administrator
 *   npx tsx bench/import-server.ts --scale=bad-input       issue 23's bad workbooks, as an administrator
 *   … --memory-report                         after each step, the server's heap by space (SIGUSR2, on stderr)
 *
 * Each step's peak is the server's VmHWM after its counter was reset (/proc/PID/clear_refs "5") at the step's start,
 * with a 50 ms sampling of VmRSS as a check; "idle" is the server's RSS after start and sign-in, before any import.
 * The server starts as `npm start` starts it (scripts/start.ts, SKIP_BUILD=1: run `npm run build` first).
 */
import { login } from "./reporting-day";
import { eachScaleInItsOwnProcess } from "./rss";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDemoAccounts } from "../lib/data/demo-accounts";
import { seedReferenceData } from "../lib/data/seed";
import { migratedDatabase, startCluster } from "./pg-cluster";
import { seedSyntheticProvince } from "./synthetic-province";
import { appServerPid } from "./rss";
import { waitFor } from "./http";
import { YEAR, longCsv, wideCsv } from "./import-files";
import { styledEmptyRows, tenUnknownSheets, zipBomb } from "./import-bad-files";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const root = path.resolve(import.meta.dirname, "..");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const scale = (arg("scale") ?? "both") as Size | "both";
type Size = "province-year" | "national-year" | "bad-input";
const PORT = Number(process.env.BENCH_IMPORT_PORT ?? 3610);
const memoryReport = process.argv.includes("--memory-report");

const status = (pid: number) => readFileSync(`/proc/${pid}/status`, "utf8");
const kb = (text: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
const rssMb = (pid: number) => kb(status(pid), "VmRSS") / 1024;
const hwmMb = (pid: number) => kb(status(pid), "VmHWM") / 1024;
const cpuS = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
};
/** Resets the process's peak RSS (VmHWM) to its current RSS; false where the kernel does not allow it. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

async function one(size: Size) {
  const cluster = await startCluster();
  let app: ChildProcess | null = null;
  try {
    const url = await migratedDatabase(cluster, "bench_import");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seedReferenceData(client);
    await createDemoAccounts(client, "12");
    const codes =
      size !== "national-year"
        ? (
            await client.query<{ code: string }>(`SELECT code FROM org_unit WHERE level = 'COMMUNE' ORDER BY code`)
          ).rows.map((r) => r.code)
        : await seedSyntheticProvince(client, 3321);
    await client.end();

    const base = `http://localhost:${PORT}`;
    app = spawn("npx", ["tsx", "scripts/start.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(PORT),
        BETTER_AUTH_URL: base,
        DEMO_DATA: "0",
        // The build of the current sources (`npm run build` first): start.ts's own check would build again.
        SKIP_BUILD: "1",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    await waitFor(`${base}/api/health`, 15 * 60 * 1000);
    const pid = appServerPid(app.pid!);
    const username = size === "province-year" ? "tinh" : "admin";
    const type = (bytes: Uint8Array) => (bytes[0] === 0x50 && bytes[1] === 0x4b ? XLSX_TYPE : "text/csv");
    const cookie = await login(base, username);
    await new Promise((r) => setTimeout(r, 2000));
    const idle = rssMb(pid);
    const file = (bump: number) => {
      if (size === "national-year") return wideCsv(codes, YEAR, bump);
      const long = longCsv(codes, YEAR, bump, "12");
      return { ...long, values: long.rows };
    };
    if (size === "bad-input") {
      console.log(
        `bad input, as the administrator: server pid ${pid}, idle RSS ${rssMb(pid).toFixed(0)} MB, load ${os.loadavg()[0]!.toFixed(1)}`,
      );
      await badInput(pid, base, cookie, type);
      return;
    }
    const first = file(0);
    console.log(
      `${size === "province-year" ? "a year of Lai Châu (38 communes), long CSV, as the province" : "a national year (3,321 communes), wide CSV, as the administrator"}: ` +
        `${(first.bytes.length / 1024 / 1024).toFixed(1)} MB, ${first.rows.toLocaleString("en")} rows, ${first.values.toLocaleString("en")} values; ` +
        `server pid ${pid}, idle RSS ${idle.toFixed(0)} MB (after start and sign-in), load ${os.loadavg()[0]!.toFixed(1)}`,
    );

    const step = async (label: string, bytes: Uint8Array, query: string) => {
      const before = rssMb(pid);
      const exact = resetPeak(pid);
      let sampled = before;
      const timer = setInterval(() => {
        try {
          sampled = Math.max(sampled, rssMb(pid));
        } catch {
          // the server ended: the request below fails
        }
      }, 50);
      const cpu0 = cpuS(pid);
      const pg0 = cluster.cpuSeconds();
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/import?${query}`, {
        method: "POST",
        headers: { cookie, Origin: base, "Content-Type": type(bytes) },
        body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      });
      const body = (await res.json()) as Record<string, unknown>;
      const s = (performance.now() - t) / 1000;
      clearInterval(timer);
      const peak = exact ? hwmMb(pid) : sampled;
      const n = first.values;
      console.log(
        `import ${label.padEnd(22)} ${String(n).padStart(7)} values ${s.toFixed(2).padStart(6)} s  ` +
          `${Math.round(n / s)
            .toLocaleString("en")
            .padStart(8)} values/s  server CPU ${(cpuS(pid) - cpu0).toFixed(1)} s  ` +
          `PostgreSQL CPU ${(cluster.cpuSeconds() - pg0).toFixed(1)} s  server RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB` +
          `${exact ? "" : " (sampled)"} (sampled ${sampled.toFixed(0)})  load ${os.loadavg()[0]!.toFixed(1)}  ` +
          `HTTP ${res.status} ${JSON.stringify({ rows: body.rows, changes: body.changes, unchanged: body.unchanged, errors: body.error_count, committed: body.committed })}`,
      );
      if (res.status !== 200) console.log(JSON.stringify(body).slice(0, 1000));
      // The server's own account of its heap (scripts/server.ts memoryReport, on stderr), after a full collection:
      // where the memory is, at the price of a collection the next step then starts from.
      if (memoryReport) {
        process.kill(pid, "SIGUSR2");
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    const name = (n: string) => `name=${n}`;
    await step("dry run (cold worker)", first.bytes, `dry_run=1&${name("bench.csv")}`);
    await step("dry run (all new)", first.bytes, `dry_run=1&${name("bench.csv")}`);
    await step("commit (all new)", first.bytes, name("bench.csv"));
    const second = file(1);
    await step("commit (21% changed)", second.bytes, name("bench2.csv"));
  } finally {
    if (app) {
      try {
        process.kill(-app.pid!, "SIGTERM");
      } catch {
        // gone already
      }
      await new Promise((r) => app!.once("exit", r));
    }
    await cluster.stop();
  }
}

/** Each bad file POSTed as a commit: what the server answered, and its peak RSS meanwhile. */
async function badInput(pid: number, base: string, cookie: string, type: (b: Uint8Array) => string) {
  const files: [string, () => Promise<Uint8Array>][] = [
    ["a zip bomb (entries declare 2 GB each)", zipBomb],
    ["10 sheets, none with a header it knows", tenUnknownSheets],
    ["a sheet with 1,000,000 empty styled rows", () => styledEmptyRows("03637", 1_000_000)],
    ["a CSV over the size limit (101 MB)", async () => new Uint8Array(101 * 1024 * 1024).fill(0x31)],
  ];
  for (const [label, build] of files) {
    const bytes = await build();
    const before = rssMb(pid);
    const exact = resetPeak(pid);
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/import?name=bad`, {
      method: "POST",
      headers: { cookie, Origin: base, "Content-Type": type(bytes) },
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    });
    const text = await res.text();
    const s = (performance.now() - t) / 1000;
    console.log(
      `${label.padEnd(42)} ${(bytes.length / 1024 / 1024).toFixed(2).padStart(7)} MB  ${s.toFixed(2).padStart(6)} s  ` +
        `server RSS ${before.toFixed(0)} → peak ${(exact ? hwmMb(pid) : rssMb(pid)).toFixed(0)} MB  load ${os.loadavg()[0]!.toFixed(1)}  ` +
        `HTTP ${res.status} ${text.slice(0, 300)}`,
    );
  }
}

async function main() {
  if (scale === "both") return eachScaleInItsOwnProcess(["province-year", "national-year"]);
  await one(scale);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
