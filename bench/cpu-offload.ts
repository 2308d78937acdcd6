/**
 * CPU-heavy work off the request thread (issue 29): /api/health latency (p99, budget ≤ 100 ms) and the server's peak
 * RSS while the server checks the largest allowed upload (an import dry run, per role) and while it builds four Word
 * documents for four users at once. Over HTTP, against the running app of `npm run bench`.
 */
import http from "node:http";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "../lib/domain/import/read-csv";
import { percentile } from "./http";
import { actionId } from "../tests/support/month-save-http";

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

/** The import page's server action, as the browser sends it (React's encoding of one FormData argument). */
function postImport(base: string, cookie: string, id: string, file: Buffer): Promise<number> {
  const boundary = `----bench${Date.now()}`;
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(part("1_intent", "dry-run")),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="1_file"; filename="lon-nhat.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n${part("0", '["$K1"]')}--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/import`,
      {
        method: "POST",
        agent: false,
        headers: {
          Cookie: cookie,
          Origin: base,
          "Next-Action": id,
          Accept: "text/x-component",
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Content-Length": body.length,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
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
  const id = actionId(o.root, "app/import/actions.ts", "importFile");
  for (const [role, username, commune] of [
    ["COMMUNE", "xa-03637", "03637"],
    ["PROVINCE", "tinh", "03637"],
  ] as const) {
    const cookie = await o.login(username);
    const file = largestFile(commune);
    await row(
      `checks the largest allowed upload as ${role} (${(file.length / 2 ** 20).toFixed(1)} MB, ${MAX_IMPORT_ROWS.toLocaleString("en")} identical rows)`,
      async () => `HTTP ${await postImport(base, cookie, id, file)}`,
    );
  }
  const users = await Promise.all(["tinh", "phantich", "admin", "xa-03637"].map((u) => o.login(u)));
  await row("builds 4 Word documents for 4 users at once", async () => {
    const results = await Promise.all(
      users.map((cookie, i) =>
        get(
          i === 3
            ? `${base}/communes/03637/scorecard/docx?period=2025-09`
            : `${base}/briefing/scorecards/docx?period=2025-09`,
          cookie,
        ),
      ),
    );
    return results.map((r) => `${r.status} ${(r.bytes / 1024).toFixed(0)} KB`).join(", ");
  });
  out();
}
