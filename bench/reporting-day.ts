/**
 * The reporting day (issue 17): the first days of a month, when a province's communes submit and every save empties
 * the page cache of their province and of the national pages. For BENCH_SECONDS:
 *  - every commune of one province (38 in Lai Châu) works through its month: three drafts, then a submission; a
 *    returned report is corrected (one draft) and resubmitted; an approved one is reopened by the province for a
 *    correction and the cycle starts again, so the load lasts the whole run;
 *  - the province reviews its approval queue in a loop and approves three reports in four, returning the fourth;
 *  - 20 officials read the province overview, the national overview and commune pages, each logged in with a session
 *    of its own, as users get them (through the server's page cache, which the saves keep emptying).
 * Reported: page latency p50/p95 during the run (per page and overall), saves per second and their p50/p95, errors
 * (any failed page or unexpected write failure) and lost updates (a commune whose stored values or report version are
 * not those of its last acknowledged write), with PASS/FAIL against: page p95 ≤ 300 ms, 0 errors, 0 lost updates,
 * save p95 ≤ 150 ms.
 *
 * Writes go through the app's real write path in this process, lib/data/reports (saveDraft, submitReport,
 * approveReport, returnReport, reopenReport: the functions the server actions call, with their validation, month
 * locks, optimistic versions, audit rows and triggers), on DATABASE_URL, the database the server reads. Server actions
 * are awkward to drive over HTTP; what the server adds to a save (a session check, the action's parsing) is outside
 * what this measures. Pages are read over HTTP from the running server.
 *
 * It WRITES the current month's reports of the province's communes (their reports for that month are removed first):
 * run it on a scratch database, a benchmark database or a demo database, never on real data.
 * Standalone, against any running server (e.g. `npm start` on the demo database):
 *   BENCH_BASE_URL=http://127.0.0.1:3000 DATABASE_URL=postgresql://… BENCH_SECONDS=30 npx tsx bench/reporting-day.ts
 * Also run by `npm run bench` (`--only=reporting-day`). Optional: BENCH_PROVINCE (default 12), BENCH_READERS (20),
 * BENCH_READER_THINK_MS (2000) and BENCH_WRITER_THINK_MS (3000): the pause of each reader and each commune between
 * two actions (a compressed day: a real official takes minutes over a form).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import pg from "pg";
import type { Viewer } from "../lib/auth/viewer";
import { addMonths } from "../lib/domain/periods";
import type { MonthValues } from "../lib/domain/validation";
import { ALL_WARNING_KEYS, validMonth } from "../tests/integration/support/reports";
import { percentile } from "./http";
import { type Calibrated, calibrated } from "./calibration";

export interface ReportingDayOptions {
  baseUrl: string;
  databaseUrl: string;
  seconds: number;
  provinceCode?: string;
  readers?: number;
  readerThinkMs?: number;
  writerThinkMs?: number;
  password?: string;
  /** The run's calibration (bench/calibration.ts): the time budgets scaled to this machine. */
  calibration?: Calibrated;
}

const BUDGET = { pageP95: 300, saveP95: 150 };
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "—");
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
/** A pause of about `t` ms (±50%), so that the actors do not move in lockstep. */
const think = (t: number) => sleep(t * (0.5 + Math.random()));

function stats(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95) };
}

/** A real session: the login form's request, as a browser sends it; waits out the sign-in rate limit if it must. */
export async function login(baseUrl: string, username: string, password = "laichau2025"): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${baseUrl}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl },
      body: JSON.stringify({ username, password }),
    });
    if (res.ok)
      return res.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
    if (res.status !== 429 || attempt >= 20) throw new Error(`login as ${username} failed: ${res.status}`);
    await sleep(5000);
  }
}

/** Runs the reporting day; returns the lines of its report (markdown). Leaves the month's reports as the run left them. */
export async function reportingDay(options: ReportingDayOptions): Promise<{ lines: string[]; pass: boolean }> {
  const { baseUrl, databaseUrl, seconds } = options;
  const provinceCode = options.provinceCode ?? "12";
  const readerCount = options.readers ?? 20;
  const readerThink = options.readerThinkMs ?? 2000;
  const writerThink = options.writerThinkMs ?? 3000;
  const password = options.password ?? "laichau2025";
  const cal = options.calibration ?? calibrated(1);
  // lib/data reads DATABASE_URL when it first connects: set it before loading it.
  process.env.DATABASE_URL = databaseUrl;
  const { approvalQueue, approveReport, latestOpenPeriod, reopenReport, returnReport, saveDraft, submitReport } =
    await import("../lib/data/reports");
  const { DataError } = await import("../lib/data/errors");

  // The benchmark's own reads (a commune looking at its report's state, the final check), beside the app's pools.
  const client = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // A connection cut under it (the database restarted by its supervisor on a starved machine) is reported, not fatal.
  client.on("error", (e) => console.error(`reporting day: benchmark pool: ${e.message}`));
  const period = latestOpenPeriod();
  const viewerColumns = `u.id, u.username, u.name, u.role::text AS role, u.org_unit_id AS "orgUnitId", o.code AS "communeCode"`;
  const { rows: communes } = await client.query<Viewer>(
    `SELECT DISTINCT ON (o.id) ${viewerColumns} FROM "user" u JOIN org_unit o ON o.id = u.org_unit_id JOIN org_unit p ON p.id = o.parent_id
     WHERE p.code = $1 AND u.role = 'COMMUNE' AND NOT coalesce(u.banned, false) ORDER BY o.id, u.username`,
    [provinceCode],
  );
  const province = (
    await client.query<Viewer>(
      `SELECT ${viewerColumns} FROM "user" u LEFT JOIN org_unit o ON o.id = u.org_unit_id
     WHERE u.role = 'PROVINCE' AND NOT coalesce(u.banned, false) ORDER BY u.username LIMIT 1`,
    )
  ).rows[0];
  if (communes.length === 0 || !province)
    throw new Error(`reporting day: no commune or province accounts for province ${provinceCode}`);
  const readerUsers = (
    await client.query<{ username: string }>(
      `SELECT username FROM "user" WHERE role IN ('PROVINCE', 'ADMIN', 'ANALYST') AND NOT coalesce(banned, false) ORDER BY role, username`,
    )
  ).rows.map((r) => r.username);

  // The month starts empty; each commune's form starts from its previous month, which passes every rule.
  const ids = communes.map((c) => c.orgUnitId!);
  await client.query(`DELETE FROM data_value WHERE org_unit_id = ANY($1) AND period = $2`, [ids, period]);
  await client.query(`DELETE FROM monthly_report WHERE org_unit_id = ANY($1) AND period = $2`, [ids, period]);
  const base = new Map<number, MonthValues>();
  for (const id of ids) base.set(id, await validMonth(client, id, addMonths(period, -1)));

  const cookies: string[] = [];
  for (let i = 0; i < readerCount; i++)
    cookies.push(await login(baseUrl, readerUsers[i % readerUsers.length]!, password));

  // Every acknowledged write, per commune: the highest report version any actor was told, and the marker (a value of
  // proc_received) of the commune's last acknowledged save.
  const acked = new Map<number, { version: number; marker: number }>();
  const ack = (id: number, version: number, marker?: number) => {
    const a = acked.get(id) ?? { version: 0, marker: -1 };
    acked.set(id, { version: Math.max(a.version, version), marker: marker ?? a.marker });
  };
  const saves: number[] = [];
  const reviews: number[] = [];
  const failures: string[] = [];
  const refusals = new Map<string, number>();
  let submissions = 0;
  let returned = 0;
  let approved = 0;

  /** Runs one write; an expected refusal (a conflict, a report already under review) is counted, anything else is an error. */
  async function write<T>(latencies: number[], call: () => Promise<T>): Promise<T | null> {
    const t = performance.now();
    try {
      const result = await call();
      latencies.push(performance.now() - t);
      return result;
    } catch (e) {
      if (e instanceof DataError && (e.code === "CONFLICT" || e.code === "READ_ONLY")) {
        refusals.set(e.code, (refusals.get(e.code) ?? 0) + 1);
        return null;
      }
      failures.push(e instanceof Error ? e.message : String(e));
      return null;
    }
  }

  const end = Date.now() + seconds * 1000;
  let marker = 0;

  async function commune(viewer: Viewer) {
    const id = viewer.orgUnitId!;
    await think(writerThink);
    while (Date.now() < end) {
      const found = await client
        .query<{ id: number; status: string; version: number }>(
          `SELECT id, status::text AS status, version FROM monthly_report WHERE org_unit_id = $1 AND period = $2`,
          [id, period],
        )
        .catch((e: unknown) => {
          failures.push(e instanceof Error ? e.message : String(e));
          return null;
        });
      if (!found) {
        await think(writerThink);
        continue;
      }
      const report = found.rows[0];
      if (report?.status === "SUBMITTED") {
        await think(writerThink);
        continue;
      }
      if (report?.status === "APPROVED") {
        const r = await write(reviews, () =>
          reopenReport(province!, {
            reportId: report.id,
            version: report.version,
            reason: "Mở lại để bổ sung số liệu",
            to: "DRAFT",
          }),
        );
        if (r) ack(id, r.version);
        await think(writerThink);
        continue;
      }
      // A new month: three drafts then the submission; a returned one: one correction then the submission.
      let version = report?.version ?? 0;
      const drafts = report?.status === "RETURNED" ? 1 : 3;
      for (let i = 0; i <= drafts && Date.now() < end; i++) {
        const m = ++marker;
        const values = { ...base.get(id)!, proc_received: (base.get(id)!.proc_received ?? 0) + m };
        const input = { communeId: id, period, version, values };
        const r = await write(saves, () =>
          i < drafts
            ? saveDraft(viewer, input)
            : submitReport(viewer, { ...input, acknowledgedWarnings: ALL_WARNING_KEYS }),
        );
        if (!r) break;
        version = r.version;
        ack(id, r.version, m);
        if (i === drafts) submissions++;
        await think(writerThink);
      }
    }
  }

  async function reviewer() {
    let turn = 0;
    while (Date.now() < end) {
      // A failed read of the queue (the database restarted on a starved machine) is an error of the run, not its end.
      const queue = await approvalQueue(province!, { period }).catch((e: unknown) => {
        failures.push(e instanceof Error ? e.message.split("\n").at(-1)! : String(e));
        return { items: [] as Awaited<ReturnType<typeof approvalQueue>>["items"] };
      });
      for (const item of queue.items) {
        if (item.status !== "SUBMITTED" || item.reportId === null || Date.now() >= end) continue;
        const giveBack = ++turn % 4 === 0;
        const r = await write(reviews, () =>
          giveBack
            ? returnReport(province!, {
                reportId: item.reportId!,
                version: item.version,
                comment: "Đề nghị xã kiểm tra lại số liệu",
              })
            : approveReport(province!, { reportId: item.reportId!, version: item.version }),
        );
        if (r) {
          ack(item.commune.id, r.version);
          if (giveBack) returned++;
          else approved++;
        }
      }
      await think(writerThink / 2);
    }
  }

  const pageKinds = ["province overview", "national overview", "commune page"] as const;
  const pages = new Map<string, number[]>(pageKinds.map((k) => [k, []]));
  const pageErrors: string[] = [];
  let cacheHits = 0;
  let staleServed = 0;
  const communeCodes = communes.map((c) => c.communeCode!);
  async function reader(cookie: string, n: number) {
    // Like the communes, each official arrives after a first pause, not all in the same millisecond.
    await think(readerThink);
    for (let i = n; Date.now() < end; i++) {
      const kind = pageKinds[i % pageKinds.length]!;
      const path =
        kind === "province overview"
          ? "/"
          : kind === "national overview"
            ? "/national"
            : `/communes/${communeCodes[Math.floor(Math.random() * communeCodes.length)]}`;
      const t = performance.now();
      try {
        const res = await fetch(baseUrl + path, { headers: { cookie }, redirect: "manual" });
        await res.arrayBuffer();
        const cache = res.headers.get("x-page-cache");
        if (cache === "hit") cacheHits++;
        // Served stale within the freshness bound (lib/web/page-cache.ts) while one render refreshed it.
        if (cache === "stale") staleServed++;
        pages.get(kind)!.push(performance.now() - t);
        if (res.status !== 200) pageErrors.push(`${path}: HTTP ${res.status}`);
      } catch (e) {
        pageErrors.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
      }
      await think(readerThink);
    }
  }

  // The benchmark's own process runs every commune, the reviewer and every reader: if its event loop lags, the
  // latencies above include that lag (a busy shared machine), and the line below says so.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  await Promise.all([...communes.map(commune), reviewer(), ...cookies.map(reader)]);
  const wall = (performance.now() - started) / 1000;
  lag.disable();

  // Lost updates: what is stored must be each commune's last acknowledged write.
  let lost = 0;
  for (const id of ids) {
    const a = acked.get(id);
    if (!a) continue;
    const { rows } = await client.query<{ version: number; value: number | null }>(
      `SELECT r.version, v.value FROM monthly_report r LEFT JOIN data_value v ON v.org_unit_id = r.org_unit_id AND v.period = r.period
       AND v.indicator_code = 'proc_received' WHERE r.org_unit_id = $1 AND r.period = $2`,
      [id, period],
    );
    const expectedValue = (base.get(id)!.proc_received ?? 0) + a.marker;
    if (rows[0]?.version !== a.version || (a.marker >= 0 && rows[0]?.value !== expectedValue)) lost++;
  }
  await client.end();

  const all = stats([...pages.values()].flat());
  const save = stats(saves);
  const review = stats(reviews);
  const errors = pageErrors.length + failures.length;
  const lines: string[] = [];
  lines.push(
    `${communes.length} communes of province ${provinceCode} reporting ${period} (3 drafts, submission; returned reports corrected and resubmitted; approved ones reopened), the province reviewing its queue (1 in 4 returned), ${readerCount} officials reading pages, for ${wall.toFixed(0)} s. Pauses: about ${writerThink} ms between a commune's actions, ${readerThink} ms between a reader's pages.`,
  );
  lines.push(
    "Writes: lib/data/reports in the benchmark's process on the server's database (the write path of the server actions); pages: HTTP from the running server with real sessions, through its page cache.",
  );
  lines.push("");
  lines.push("| measure | n | p50 | p95 | budget | verdict |");
  lines.push("|---|---|---|---|---|---|");
  for (const kind of pageKinds) {
    const s = stats(pages.get(kind)!);
    lines.push(`| ${kind} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | | |`);
  }
  lines.push(
    `| every page | ${all.n} | ${ms(all.p50)} | ${ms(all.p95)} | p95 ≤ ${cal.label(BUDGET.pageP95)} | ${verdict(all.n > 0 && cal.pass(all.p95, BUDGET.pageP95))} |`,
  );
  lines.push(
    `| saves (drafts and submissions) | ${save.n} | ${ms(save.p50)} | ${ms(save.p95)} | p95 ≤ ${cal.label(BUDGET.saveP95)} | ${verdict(save.n > 0 && cal.pass(save.p95, BUDGET.saveP95))} |`,
  );
  lines.push(`| approvals, returns, reopenings | ${review.n} | ${ms(review.p50)} | ${ms(review.p95)} | | |`);
  lines.push("");
  lines.push(
    `- saves per second: ${(save.n / wall).toFixed(1)} (${submissions} submissions, ${approved} approved, ${returned} returned); pages per second: ${(all.n / wall).toFixed(1)}`,
  );
  const withoutRender = all.n ? Math.round((100 * (cacheHits + staleServed)) / all.n) : 0;
  lines.push(
    `- ${withoutRender}% of page views without a full render (budget ≥ 80%): ${all.n ? Math.round((100 * cacheHits) / all.n) : 0}% current pages from the page cache, ${all.n ? Math.round((100 * staleServed) / all.n) : 0}% served within the 5 s freshness bound while one render refreshed them: ${verdict(withoutRender >= 80)}`,
  );
  lines.push(
    `- refused as designed (stale version, report under review): ${[...refusals].map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`,
  );
  lines.push(
    `- errors: ${errors}${errors ? ` (${[...new Set([...pageErrors, ...failures])].slice(0, 3).join("; ")})` : ""}: ${verdict(errors === 0)}`,
  );
  lines.push(`- lost updates: ${lost} of ${acked.size} communes: ${verdict(lost === 0)}`);
  lines.push(
    `- the benchmark process's own event-loop delay: p50 ${ms(lag.percentile(50) / 1e6)}, p99 ${ms(lag.percentile(99) / 1e6)} (large values mean the client, not the server, was the bottleneck)`,
  );
  const pass =
    all.n > 0 &&
    cal.pass(all.p95, BUDGET.pageP95) &&
    save.n > 0 &&
    cal.pass(save.p95, BUDGET.saveP95) &&
    errors === 0 &&
    lost === 0 &&
    withoutRender >= 80;
  return { lines, pass };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const baseUrl = process.env.BENCH_BASE_URL;
  const databaseUrl = process.env.DATABASE_URL;
  if (!baseUrl || !databaseUrl) {
    console.error("Set BENCH_BASE_URL (a running server) and DATABASE_URL (the database it uses).");
    process.exit(2);
  }
  const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  reportingDay({
    baseUrl,
    databaseUrl,
    seconds: env("BENCH_SECONDS") ?? 30,
    provinceCode: process.env.BENCH_PROVINCE,
    readers: env("BENCH_READERS"),
    readerThinkMs: env("BENCH_READER_THINK_MS"),
    writerThinkMs: env("BENCH_WRITER_THINK_MS"),
  }).then(
    async ({ lines, pass }) => {
      console.log(lines.join("\n"));
      const { closeDb } = await import("../lib/data/db");
      await closeDb();
      process.exit(pass ? 0 : 1);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
