/**
 * Two builds side by side, in the same minutes (issue 24, item 3): on a machine shared with other work, absolute
 * milliseconds say more about the neighbours than about the code, so the before/after of a change is measured by
 * alternating requests between two servers of the same data, A then B, page by page, rendered without the page cache
 * (`Cache-Control: no-cache`) and signed in as a province account. Prints, per page and server, the median and p95 of
 * the response time and, when the servers' process ids are given, the mean server CPU time per render (user +
 * system from /proc, in ticks of 10 ms, hence the mean: what the render costs whatever else the machine does).
 *
 *   npx tsx bench/ab-pages.ts http://127.0.0.1:3561 http://127.0.0.1:3562 [--n=30] [--pids=PID_A,PID_B] [--user=tinh]
 */
import { readFileSync } from "node:fs";
import { DASHBOARD_PAGES } from "./page-bytes";

const args = process.argv.slice(2);
const [baseA, baseB] = args.filter((a) => !a.startsWith("--"));
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const N = Number(option("n") ?? 30);
const pids = option("pids")?.split(",").map(Number);
const user = option("user") ?? "tinh";
const PAGES = DASHBOARD_PAGES.filter((p) => ["overview", "commune page", "indicator page"].includes(p.name));

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ username: user, password: "laichau2025" }),
  });
  if (!res.ok) throw new Error(`login as ${user} at ${base} failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** The process's CPU time so far (user + system), in milliseconds. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

async function timed(url: string, cookie: string, pid?: number): Promise<{ ms: number; cpu: number | null }> {
  const cpu0 = pid ? cpuMs(pid) : 0;
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie, "cache-control": "no-cache" } });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return { ms, cpu: pid ? cpuMs(pid) - cpu0 : null };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function main() {
  if (!baseA || !baseB) throw new Error("usage: ab-pages.ts URL_A URL_B [--n=30] [--pids=A,B]");
  const cookies = [await login(baseA), await login(baseB)];
  const bases = [baseA, baseB];
  console.log(`A = ${baseA}, B = ${baseB}; ${N} requests each per page, alternating A, B (B, A every other round)`);
  console.log("");
  console.log("| page | A median | A p95 | B median | B p95 | B/A median | A CPU/render | B CPU/render |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const page of PAGES) {
    const times: number[][] = [[], []];
    const cpu: number[][] = [[], []];
    for (const i of [0, 1]) await timed(bases[i] + page.path, cookies[i]!); // warm-up
    for (let round = 0; round < N; round++) {
      for (const i of round % 2 ? [1, 0] : [0, 1]) {
        const r = await timed(bases[i] + page.path, cookies[i]!, pids?.[i]);
        times[i]!.push(r.ms);
        if (r.cpu != null) cpu[i]!.push(r.cpu);
      }
    }
    const f = (v: number) => `${v.toFixed(1)} ms`;
    const cpuText = (i: number) => (cpu[i]!.length ? f(cpu[i]!.reduce((a, b) => a + b, 0) / cpu[i]!.length) : "—");
    console.log(
      `| ${page.name} | ${f(quantile(times[0]!, 0.5))} | ${f(quantile(times[0]!, 0.95))} | ${f(quantile(times[1]!, 0.5))} | ${f(quantile(times[1]!, 0.95))} | ${(quantile(times[1]!, 0.5) / quantile(times[0]!, 0.5)).toFixed(2)} | ${cpuText(0)} | ${cpuText(1)} |`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
