/**
 * Throughput of the Excel export (lib/data/export-xlsx.ts) against the CSV export of the same rows: rows/s, file
 * sizes, peak memory. Two ways to run it:
 *  - from bench/run.ts (`npm run bench`, `--only=xlsx`): through the running app's endpoints, with the app's RSS;
 *  - alone, in this process, on a database already loaded (`npm run db:seed:national` first):
 *    `DATABASE_URL=… npx tsx bench/export-xlsx.ts` (RSS is this process's).
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { now } from "../lib/clock";
import { ZExportOptions } from "../lib/domain/export-options";
import { closeDb, db } from "../lib/data/db";
import { prepareExport, streamExport } from "../lib/data/export";
import { streamExportXlsx } from "../lib/data/export-xlsx";
import { currentPeriod } from "../lib/domain/periods";

/**
 * Every month of the national set that a request may name: the set runs to 2028-06, and requests stop at the current
 * month in Vietnam (lib/domain/period-window.ts), so the export covers 07/2025 to the current month.
 */
export const XLSX_QUERY = {
  province: "all",
  from: "2025-07",
  to: currentPeriod(now()) < "2028-06" ? currentPeriod(now()) : "2028-06",
  format: "long",
};

interface Measured {
  bytes: number;
  seconds: number;
  peakRssMb: number;
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return bytes;
    bytes += value.length;
  }
}

/**
 * The reference beside ours: LibreOffice converting the same CSV to .xlsx (`soffice --headless --convert-to xlsx`,
 * Debian's libreoffice-calc-nogui), where it is installed. `csv` writes the CSV to the path it is given.
 */
async function libreOfficeLine(rows: number, csv: (file: string) => Promise<void>): Promise<string> {
  const found = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" });
  if (found.status !== 0 || !found.stdout.trim())
    return "- LibreOffice (`soffice --headless --convert-to xlsx` of the same CSV): not installed";
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-soffice-"));
  try {
    const file = path.join(dir, "export.csv");
    await csv(file);
    const t = Date.now();
    const r = spawnSync(
      found.stdout.trim(),
      ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "xlsx", "--outdir", dir, file],
      { encoding: "utf8", timeout: 30 * 60_000 },
    );
    const seconds = (Date.now() - t) / 1000;
    if (r.status !== 0) return `- LibreOffice: failed (exit ${r.status}): ${r.stderr.slice(-200)}`;
    const size = statSync(path.join(dir, "export.xlsx")).size;
    return `- LibreOffice (\`soffice --headless --convert-to xlsx\` of the same CSV, from a file): ${seconds.toFixed(2)} s, ${(rows / seconds).toFixed(0)} rows/s, ${(size / 2 ** 20).toFixed(1)} MB`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  out: (line?: string) => void,
  rows: number,
  csv: Measured,
  xlsx: Measured,
  where: string,
  reference?: string,
): void {
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  out(`## Excel (.xlsx) export of every value (${where})`);
  out();
  out("| format | rows | seconds | rows/s | file size | peak RSS |");
  out("|---|---|---|---|---|---|");
  for (const [name, m] of [
    ["CSV", csv],
    ["xlsx", xlsx],
  ] as const) {
    out(
      `| ${name} | ${rows} | ${m.seconds.toFixed(2)} | ${(rows / m.seconds).toFixed(0)} | ${mb(m.bytes)} MB | ${m.peakRssMb.toFixed(0)} MB |`,
    );
  }
  out();
  const share = csv.seconds / xlsx.seconds;
  out(
    `- xlsx peak RSS ≤ 300 MB: ${xlsx.peakRssMb <= 300 ? "PASS" : "FAIL"}; xlsx takes ${(xlsx.seconds / csv.seconds).toFixed(1)}× the CSV's time: ${(share * 100).toFixed(0)}% of the CSV's rows per second (budget ≥ 50%): ${share >= 0.5 ? "PASS" : "FAIL"}`,
  );
  if (reference) out(reference);
  out();
}

/** Through the app (bench/run.ts): `sampleRss` samples the app server's RSS until stopped. */
export async function measureXlsxOverHttp({
  base,
  url,
  headers,
  sampleRss,
  out,
}: {
  base: string;
  /** The benchmark's database, to count the rows. */
  url: string;
  headers: Record<string, string>;
  sampleRss: () => { stop: () => number };
  out: (line?: string) => void;
}): Promise<void> {
  const get = async (path: string): Promise<Measured> => {
    const rss = sampleRss();
    const t = Date.now();
    const res = await fetch(`${base}${path}?${new URLSearchParams(XLSX_QUERY)}`, {
      headers: { ...headers, connection: "close" },
    });
    if (!res.ok || !res.body) throw new Error(`${path}: HTTP ${res.status}`);
    const bytes = await drain(res.body);
    return { bytes, seconds: (Date.now() - t) / 1000, peakRssMb: rss.stop() };
  };
  const csv = await get("/api/v1/export.csv");
  const xlsx = await get("/api/v1/export.xlsx");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = await countRows((sql) => client.query<{ n: number }>(sql));
  await client.end();
  const reference = await libreOfficeLine(rows, async (file) => {
    const res = await fetch(`${base}/api/v1/export.csv?${new URLSearchParams(XLSX_QUERY)}`, {
      headers: { ...headers, connection: "close" },
    });
    await pipeline(
      Readable.fromWeb(res.body! as import("node:stream/web").ReadableStream<Uint8Array>),
      createWriteStream(file),
    );
  });
  report(out, rows, csv, xlsx, "through the app", reference);
}

/** The rows of the export (a province account needs no database lookup to prepare it). */
async function countRows(query: (sql: string) => Promise<{ rows: { n: number }[] }>): Promise<number> {
  const prepared = await prepareExport({ role: "PROVINCE", orgUnitId: null }, ZExportOptions.parse(XLSX_QUERY));
  const { rows } = await query(`SELECT count(*)::int AS n FROM (${prepared.sql}) q`);
  return rows[0]!.n;
}

/** In this process, straight from lib/data (no HTTP). */
async function measureInProcess(): Promise<void> {
  const prepared = await prepareExport({ role: "PROVINCE", orgUnitId: null }, ZExportOptions.parse(XLSX_QUERY));
  const run = async (open: () => Promise<ReadableStream<Uint8Array>>): Promise<Measured> => {
    let peak = process.memoryUsage.rss();
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
    const t = Date.now();
    const bytes = await drain(await open());
    clearInterval(timer);
    return { bytes, seconds: (Date.now() - t) / 1000, peakRssMb: peak / 2 ** 20 };
  };
  const csv = await run(() => streamExport(prepared));
  const xlsx = await run(() => streamExportXlsx(prepared, now()));
  const rows = await countRows((sql) => db().readPool.query<{ n: number }>(sql));
  const reference = await libreOfficeLine(rows, async (file) => {
    await pipeline(
      Readable.fromWeb((await streamExport(prepared)) as import("node:stream/web").ReadableStream<Uint8Array>),
      createWriteStream(file),
    );
  });
  await closeDb();
  report((line = "") => console.log(line), rows, csv, xlsx, "in process, no HTTP", reference);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  measureInProcess().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
