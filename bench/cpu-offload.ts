/**
 * CPU-heavy work off the request thread (issue 29): /api/health latency (p99, budget ≤ 100 ms) and the server's peak
 * RSS while the server checks the largest allowed upload (an import dry run, per role) and while it builds four Word
 * documents for four users at once. Over HTTP, against the running app of `npm run bench`.
 */
import http from "node:http";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "../lib/domain/import/read-csv";
import { percentile } from "./http";

interface Probe {
  stop: () => Promise<{ p99: number; max: number; count: number; failed: number }>;
}

/** /api/health every 20 ms on a new connection, until stopped. */
function probeHealth(base: string): Probe {
  const times: number[] = [];
  let failed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      const ok = await new Promise<boolean>((resolve) => {
        const req = http.get(`${base}/api/health`, { agent: false, timeout: 10_000 }, (r) => {
          r.resume();
          r.on("end", () => resolve(r.statusCode === 200));
        });
        req.on("timeout", () => req.destroy(new Error("timeout")));
        req.on("error", () => resolve(false));
      });
      if (ok) times.push(performance.now() - t);
      else failed++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      times.sort((a, b) => a - b);
      return { p99: percentile(times, 99), max: times.at(-1) ?? NaN, count: times.length, failed };
    },
  };
}

/** The largest upload the limits allow: MAX_IMPORT_ROWS identical rows of one commune, padded to just under MAX_IMPORT_BYTES. */
function largestFile(communeCode: string): Buffer {
  const header = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status\n";
  const bare = `12,${communeCode},,2025-09,staff_quota,,1,,\n`;
  const pad = Math.floor((MAX_IMPORT_BYTES - header.length - 1024) / MAX_IMPORT_ROWS) - bare.length;
  const row = `12,${communeCode},${"X".repeat(Math.max(0, pad))},2025-09,staff_quota,,1,,\n`;
  return Buffer.from(header + row.repeat(MAX_IMPORT_ROWS), "utf8");
}

/** The import page's upload (POST /import/upload, lib/web/import-upload.ts), as the browser sends it: the file as the body. */
function postImport(base: string, cookie: string, file: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/import/upload?intent=dry-run&numbers=auto&name=lon-nhat.csv`,
      {
        method: "POST",
        agent: false,
        headers: {
          Cookie: cookie,
          Origin: base,
          "Content-Type": "application/octet-stream",
          "Content-Length": file.length,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(file);
  });
}

function get(url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { cookie } }, (res) => {
        let bytes = 0;
        res.on("data", (d: Buffer) => (bytes += d.length));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
      })
      .on("error", reject);
  });
}

export async function measureCpuOffload(o: {
  root: string;
  base: string;
  login: (username: string) => Promise<string>;
  sampleRss: () => { start: number; stop: () => number };
  out: (line?: string) => void;
}): Promise<void> {
  const { base, out } = o;
  out("## CPU-heavy work off the request thread (issue 29)");
  out("| while the server … | health checks | /api/health p99 | slowest | peak RSS | verdict (p99 ≤ 100 ms) |");
  out("|---|---|---|---|---|---|");
  const row = async (what: string, work: () => Promise<string>) => {
    const rss = o.sampleRss();
    const probe = probeHealth(base);
    const t = performance.now();
    const note = await work();
    const seconds = (performance.now() - t) / 1000;
    const peak = rss.stop();
    const h = await probe.stop();
    out(
      `| ${what} (${seconds.toFixed(1)} s; ${note}) | ${h.count}${h.failed ? `, ${h.failed} failed` : ""} | ${h.p99.toFixed(1)} ms | ${h.max.toFixed(1)} ms | ${peak.toFixed(0)} MB (from ${rss.start.toFixed(0)}) | ${h.p99 <= 100 && !h.failed ? "PASS" : "FAIL"} |`,
    );
  };
  // The floor on this machine at this moment: /api/health with nothing else asked of the server (other processes'
  // load shows here first).
  await row("does nothing else (reference)", async () => {
    await new Promise((r) => setTimeout(r, 5_000));
    return "idle";
  });
  for (const [role, username, commune] of [
    ["COMMUNE", "xa-03637", "03637"],
    ["PROVINCE", "tinh", "03637"],
  ] as const) {
    const cookie = await o.login(username);
    const file = largestFile(commune);
    await row(
      `checks the largest allowed upload as ${role} (${(file.length / 2 ** 20).toFixed(1)} MB, ${MAX_IMPORT_ROWS.toLocaleString("en")} identical rows)`,
      async () => `HTTP ${await postImport(base, cookie, file)}`,
    );
  }
  const users = await Promise.all(["tinh", "phantich", "admin", "xa-03637"].map((u) => o.login(u)));
  const documents = (period: string) => async () => {
    const results = await Promise.all(
      users.map((cookie, i) =>
        get(
          i === 3
            ? `${base}/communes/03637/scorecard/docx?period=${period}`
            : `${base}/briefing/scorecards/docx?period=${period}`,
          cookie,
        ),
      ),
    );
    return results.map((r) => `${r.status} ${(r.bytes / 1024).toFixed(0)} KB`).join(", ");
  };
  // The first request to a route loads its code on the request thread, once per server process: a cost of the
  // server's start, not of building documents. Measured as its own row, then the documents of another month, which
  // nothing has built yet.
  await row(
    "loads the two document routes and builds their first 4 documents (first requests since start)",
    documents("2025-08"),
  );
  await row("builds 4 Word documents for 4 users at once", documents("2025-09"));
  // The same documents again, nothing changed meanwhile: reused (lib/documents/reuse.ts), not built again.
  await row("serves the same 4 Word documents again (data unchanged)", documents("2025-09"));
  out();
}
