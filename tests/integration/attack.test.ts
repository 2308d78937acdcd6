/**
 * The attack of issue 13, replayed on the rules that live in lib/data (real PostgreSQL): login limits under parallel
 * requests, month locks outside the reporting window, invisible reasons, ids and versions beyond PostgreSQL's integer,
 * API tokens of a disabled account. tests/e2e/attack.spec.ts replays the rest against the running server.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createApiToken, revokeApiToken, viewerFromToken } from "@/lib/data/api-tokens";
import { closeDb } from "@/lib/data/db";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { attemptLogin } from "@/lib/data/login-throttle";
import { ACCOUNT_FREE, ADDRESS_MAX, LOCK_MS, PAIR_MAX } from "@/lib/domain/login-throttle";
import { approveReport, lockPeriod, reopenReport, returnReport, saveDraft } from "@/lib/data/reports";
import { setUserDisabled } from "@/lib/data/users";
import { saveIndex766Entries } from "@/lib/data/index766-entries";
import { prepareExport, streamExport } from "@/lib/data/export";
import { ZExportOptions } from "@/lib/domain/export-options";
import { noticeEmail } from "@/lib/domain/notices";
import { readAll } from "./support/streams";
import { performance } from "node:perf_hooks";
import { closeSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { workerCount } from "@/lib/workers/pool";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { openPrivateLog } from "@/lib/embedded/postgres";
import { EXPORTS_PER_USER, takeExportSlot } from "@/lib/data/export-slots";
import { STALL } from "@/lib/web/pull-stream";
import { provinceScorecards } from "@/lib/data/scorecards";
import { briefingFigures } from "@/lib/data/briefing";
import { writeBriefing } from "@/lib/domain/briefing";
import { documentInWorker } from "@/lib/documents/in-worker";
import { dryRun } from "@/lib/data/import";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/domain/import/read-csv";
import { BodyTooLarge } from "@/lib/web/body";
import { storeUpload } from "@/lib/web/upload-file";
import { dataVersion } from "@/lib/data/data-version";
import { scorecardsDocument } from "@/lib/documents/province-documents";
import { documentBuilds } from "@/lib/documents/reuse";
import { resetDatabase, withClient } from "./support/db";
import { communeId, setReport, viewerOf } from "./support/reports";

const TODAY = new Date("2026-11-28T03:00:00Z");
let commune: Viewer;
let province: Viewer;
let admin: Viewer;
let analyst: Viewer;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(TODAY);
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, TODAY);
    commune = await viewerOf(c, "xa-03637");
    province = await viewerOf(c, "tinh");
    admin = await viewerOf(c, "admin");
    analyst = await viewerOf(c, "phantich");
  });
});

afterAll(async () => {
  vi.useRealTimers();
  await closeDb();
});

const T0 = TODAY.getTime();

const wrong = async () => false;
const right = async () => true;
const at = (t: number) => () => t;

describe("login limits: only failures count, one account's attempts checked one at a time", () => {
  it("checks exactly PAIR_MAX of 12 parallel wrong guesses from one address; that address is then refused for LOCK_MS", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => attemptLogin("xa-03451", "198.51.100.1", at(T0), wrong)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(PAIR_MAX);
    expect((await attemptLogin("xa-03451", "198.51.100.1", at(T0 + LOCK_MS - 1000), right)).allowed).toBe(false);
    expect(await attemptLogin("xa-03451", "198.51.100.1", at(T0 + LOCK_MS + 1), right)).toMatchObject({
      allowed: true,
      ok: true,
    });
  });

  it("nobody locks the owner out: after five wrong guesses from one address the right password from another signs in", async () => {
    for (let i = 0; i < PAIR_MAX; i++) await attemptLogin("admin", "203.0.113.66", at(T0), wrong);
    expect((await attemptLogin("admin", "203.0.113.66", at(T0), right)).allowed).toBe(false);
    expect(await attemptLogin("admin", "192.0.2.200", at(T0), right)).toMatchObject({ allowed: true, ok: true });
  });

  it("guesses from many addresses at one account slow down: ACCOUNT_FREE of 24 parallel ones are checked, then one a growing delay apart", async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => attemptLogin("xa-03455", `198.51.100.${i + 10}`, at(T0), wrong)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(ACCOUNT_FREE);
    const refused = results.find((r) => !r.allowed);
    expect(refused && !refused.allowed && refused.message).toContain("chờ");
    // One second after the tenth failure, one more guess; then two seconds.
    expect((await attemptLogin("xa-03455", "192.0.2.1", at(T0 + 999), wrong)).allowed).toBe(false);
    expect((await attemptLogin("xa-03455", "192.0.2.1", at(T0 + 1000), wrong)).allowed).toBe(true);
    expect((await attemptLogin("xa-03455", "192.0.2.2", at(T0 + 2999), wrong)).allowed).toBe(false);
    expect(await attemptLogin("xa-03455", "192.0.2.2", at(T0 + 3000), right)).toMatchObject({
      allowed: true,
      ok: true,
    });
  });

  it("lets exactly ADDRESS_MAX of 30 parallel failures from one address be checked, whatever the accounts", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attemptLogin(`guess-${i}`, "203.0.113.9", at(T0), wrong)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(ADDRESS_MAX);
    expect((await attemptLogin("guess-y", "203.0.113.9", at(T0), right)).allowed).toBe(false);
    // Another address is not affected.
    expect((await attemptLogin("guess-x", "203.0.113.10", at(T0), right)).allowed).toBe(true);
  });

  it("attempts in flight are not failures: twenty right sign-ins at once after one wrong one all succeed", async () => {
    await attemptLogin("xa-03637", "192.0.2.50", at(T0), wrong);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => attemptLogin("xa-03637", "192.0.2.50", at(T0), right)),
    );
    expect(results.every((r) => r.allowed && r.ok)).toBe(true);
    const rows = await withClient(
      async (c) => (await c.query<{ key: string }>(`SELECT key FROM rate_limit WHERE key LIKE '%xa-03637%'`)).rows,
    );
    expect(rows).toEqual([]);
  });
});

describe("reasons, locks, ids (attacks 9, 10, 11)", () => {
  it("refuses a return comment or reopen reason made only of invisible characters", async () => {
    const id = await withClient(async (c) => setReport(c, await communeId(c, "03637"), "2026-10", "SUBMITTED"));
    for (const blank of ["\u200b", " \u200b\u200c\u200d\ufeff ", "\u2060\u00ad\t"]) {
      await expect(returnReport(province, { reportId: id!, comment: blank })).rejects.toMatchObject({
        code: "INVALID",
        message: "Vui lòng nhập lý do trả lại báo cáo.",
      });
    }
    await approveReport(province, { reportId: id! });
    await expect(reopenReport(province, { reportId: id!, reason: "\u200b\u200b", to: "DRAFT" })).rejects.toMatchObject({
      code: "INVALID",
    });
    // Visible text around invisible characters is kept, trimmed.
    await reopenReport(province, { reportId: id!, reason: "\u200b Sai số liệu \u200b", to: "RETURNED" });
    const [row] = await withClient(
      async (c) => (await c.query(`SELECT return_comment FROM monthly_report WHERE id = $1`, [id])).rows,
    );
    expect(row.return_comment).toBe("Sai số liệu");
  });

  it("locks only months of the reporting window", async () => {
    for (const period of ["9999-12", "2027-01", "2025-06"]) {
      await expect(lockPeriod(province, { period })).rejects.toMatchObject({ code: "INVALID" });
    }
    expect(await lockPeriod(province, { period: "2025-08" })).toEqual({ locked: true });
  });

  it("answers ids and versions beyond PostgreSQL's integer with a message, not a database error", async () => {
    await expect(approveReport(province, { reportId: 2147483648 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(approveReport(province, { reportId: 1, version: 2147483648 })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(
      saveDraft(commune, { communeId: commune.orgUnitId!, period: "2026-11", version: 2147483648, values: {} }),
    ).rejects.toMatchObject({ code: "INVALID", message: "Phiên bản báo cáo không hợp lệ." });
  });
});

describe("NUL bytes, which PostgreSQL cannot store in text (attack 11)", () => {
  it("answer with a message or nothing found, never a database error", async () => {
    expect(await revokeApiToken(commune, "abc\u0000def")).toBe(false);
    await expect(setUserDisabled(admin, { userId: "x\u0000", disabled: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const { id } = await createApiToken(commune, "tên\u0000 có NUL");
    const [row] = await withClient(async (c) => (await c.query(`SELECT name FROM api_token WHERE id = $1`, [id])).rows);
    expect(row.name).toBe("tên có NUL");
  });
});

describe("a disabled account (attack 15)", () => {
  it("loses its API tokens for good: enabling the account again does not bring them back", async () => {
    const { token } = await createApiToken(commune, "máy chủ báo cáo");
    expect((await viewerFromToken(token))?.id).toBe(commune.id);
    await setUserDisabled(admin, { userId: commune.id, disabled: true });
    expect(await viewerFromToken(token)).toBeNull();
    await setUserDisabled(admin, { userId: commune.id, disabled: false });
    expect(await viewerFromToken(token)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The attack of issue 29.

describe("required reasons need a letter or a digit (issue 29: blank reasons)", () => {
  it("refuses a reopen reason or return comment made of Hangul fillers, a blank Braille cell or other blank letters", async () => {
    const id = await withClient(async (c) => setReport(c, await communeId(c, "03640"), "2026-10", "SUBMITTED"));
    for (const blank of ["\u3164\u3164", "\u2800", "\u034f\ufe0f\u115f\uffa0", " \u3164 \u2800 ", "\u1160\u115f"]) {
      await expect(returnReport(province, { reportId: id!, comment: blank })).rejects.toMatchObject({
        code: "INVALID",
        message: "Vui lòng nhập lý do trả lại báo cáo.",
      });
    }
    await approveReport(province, { reportId: id! });
    for (const blank of ["\u3164\u3164", "\u2800", "\u034f\ufe0f\u115f\uffa0", ".,-"]) {
      await expect(reopenReport(province, { reportId: id!, reason: blank, to: "DRAFT" })).rejects.toMatchObject({
        code: "INVALID",
        message: "Vui lòng nhập lý do mở lại báo cáo.",
      });
    }
    await expect(createApiToken(commune, "\u3164")).rejects.toMatchObject({ code: "INVALID" });
    // A short real reason is fine, in any script.
    await reopenReport(province, { reportId: id!, reason: "Số 3 sai", to: "DRAFT" });
  });
});

describe("Decision 766 entries only for months of the reporting window (issue 29)", () => {
  it("refuses 9999-12, 0001-01 and months before the reform, and still saves an open month", async () => {
    for (const period of ["9999-12", "0001-01", "2025-06", "2027-01"]) {
      await expect(
        saveIndex766Entries(province, { provinceCode: "12", period, values: { "1.1": 6 } }),
      ).rejects.toMatchObject({ code: "INVALID" });
    }
    const [row] = await withClient(
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS n FROM index766_entry WHERE period IN ('9999-12', '0001-01', '2025-06', '2027-01')`,
          )
        ).rows,
    );
    expect(row.n).toBe(0);
    expect(await saveIndex766Entries(province, { provinceCode: "12", period: "2026-10", values: { "1.1": 6 } })).toBe(
      1,
    );
  });
});

describe("an indicator code repeated in an export's query is one column (issue 29)", () => {
  async function download(query: Record<string, string>): Promise<string> {
    const stream = await streamExport(await prepareExport(province, ZExportOptions.parse(query)));
    return (await readAll(stream)).toString("utf8");
  }

  it("wide: indicators=a,a gives the whole file with one column for a, not a database error", async () => {
    const once = await download({ from: "2025-09", to: "2025-09", format: "wide", indicators: "staff_quota" });
    const twice = await download({
      from: "2025-09",
      to: "2025-09",
      format: "wide",
      indicators: "staff_quota,staff_quota",
    });
    expect(twice).toBe(once);
  });

  it("long: 200 copies of a code give the rows of one", async () => {
    const once = await download({ from: "2025-09", to: "2025-09", indicators: "staff_quota" });
    const many = await download({
      from: "2025-09",
      to: "2025-09",
      indicators: Array(200).fill("staff_quota").join(","),
    });
    expect(many).toBe(once);
  });
});

describe("the database server's log is private (issue 29: small leaks)", () => {
  it("is opened with mode 0600, and an existing log readable by others is made private", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pglog-"));
    const fresh = path.join(dir, "postgres.log");
    closeSync(openPrivateLog(fresh));
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    const old = path.join(dir, "old.log");
    writeFileSync(old, "ERROR: ... STATEMENT: UPDATE ...", { mode: 0o644 });
    closeSync(openPrivateLog(old));
    expect(statSync(old).mode & 0o777).toBe(0o600);
  });
});

describe("line breaks of a province comment in an e-mail (issue 29: small leaks)", () => {
  it("a bare CR, CRLF or Unicode line separator in a return comment becomes a plain line break in the e-mail body", () => {
    const { text, subject } = noticeEmail(
      {
        kind: "RETURNED",
        communeName: "Xã Mường Kim",
        period: "2026-10",
        comment: "Dòng 1\rBcc: x@evil.example\r\nDòng 3\u2028Dòng 4\u0085Dòng 5",
      },
      "http://app.test",
    );
    expect(text).not.toMatch(/[\r\u2028\u2029\u0085]/);
    expect(text).toContain("Ý kiến của tỉnh: Dòng 1\nBcc: x@evil.example\nDòng 3\nDòng 4\nDòng 5");
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it("a comment is stored with its line breaks as LF only", async () => {
    const id = await withClient(async (c) => setReport(c, await communeId(c, "03618"), "2026-10", "SUBMITTED"));
    await returnReport(province, { reportId: id!, comment: "Sai số\rDòng 2\r\nDòng 3" });
    const [row] = await withClient(
      async (c) => (await c.query(`SELECT return_comment FROM monthly_report WHERE id = $1`, [id])).rows,
    );
    expect(row.return_comment).toBe("Sai số\nDòng 2\nDòng 3");
  });
});

describe("an upload never stalls the server (issue 29: one small CSV froze the whole server)", () => {
  const LONG = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status";
  const identical = (rows: number) =>
    new TextEncoder().encode(`${LONG}\n${"12,03637,X,2026-10,staff_quota,,1,,\n".repeat(rows)}`);

  it("a dry run of the largest allowed file of identical rows is checked in a worker: the request thread stays mostly idle meanwhile", async () => {
    const file = { name: "giong-nhau.csv", bytes: identical(MAX_IMPORT_ROWS) };
    const before = performance.eventLoopUtilization();
    const report = await dryRun(commune, file);
    const busy = performance.eventLoopUtilization(before);
    expect(report.counts.error).toBe(MAX_IMPORT_ROWS);
    expect(report.rows).toHaveLength(500);
    expect(report.rows[0]!.messages[0]).toMatch(/^Trùng với các dòng 3, 4, 5, 6, 7 và 199\.994 dòng khác/);
    // The request thread was idle (free to answer any request) most of the time the check took; on the request
    // thread, it was busy all along (2.5 s in one block). Absolute latency: `npm run bench` (/api/health p99).
    expect(busy.utilization).toBeLessThan(0.3);
  }, 120_000);

  it("one check at a time per user: a second upload of the same user meanwhile gets a message, another user's goes through", async () => {
    const file = { name: "a.csv", bytes: identical(50_000) };
    const [first, second, other] = await Promise.allSettled([
      dryRun(commune, file),
      dryRun(commune, file),
      dryRun(province, file),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(second).toMatchObject({
      status: "rejected",
      reason: { code: "BUSY", message: expect.stringContaining("đang có một tệp khác") },
    });
    expect(other.status).toBe("fulfilled");
  }, 120_000);
});

describe("CPU work runs below the request thread (issue 29)", () => {
  it("the worker threads have nice 10, the request thread keeps the process's", async () => {
    await dryRun(commune, {
      name: "a.csv",
      bytes: new TextEncoder().encode("commune_code,period,indicator_code,value\n"),
    });
    const nice = (stat: string) => Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    const threads = readdirSync("/proc/self/task").map((tid) => ({
      tid: Number(tid),
      nice: nice(readFileSync(`/proc/self/task/${tid}/stat`, "utf8")),
    }));
    expect(threads.find((t) => t.tid === process.pid)!.nice).toBe(0);
    expect(threads.filter((t) => t.nice === 10).length).toBeGreaterThanOrEqual(workerCount());
    expect(workerCount()).toBeGreaterThan(0);
  });
});

describe("a download nobody reads gives its slot back (issue 29: export slots held by readers that stop reading)", () => {
  it("ends an export that makes no progress for STALL.ms, freeing its slot and its connection", async () => {
    const stallMs = STALL.ms;
    STALL.ms = 300;
    try {
      const options = ZExportOptions.parse({ from: "2025-07", to: "2025-12", computed: "1" });
      const readers = [];
      for (let i = 0; i < EXPORTS_PER_USER; i++) {
        const reader = (await streamExport(await prepareExport(analyst, options))).getReader();
        expect((await reader.read()).done).toBe(false); // the client reads a little, then nothing more
        readers.push(reader);
      }
      // Both slots are held while the readers stall...
      expect(() => takeExportSlot(analyst.id)).toThrow(/cùng lúc/);
      await new Promise((r) => setTimeout(r, 1_000));
      // ...and given back once they have made no progress for STALL.ms; the stalled downloads end with an error.
      const slots = Array.from({ length: EXPORTS_PER_USER }, () => takeExportSlot(analyst.id));
      for (const give of slots) give();
      for (const reader of readers) await expect(reader.read()).rejects.toThrow(/không có dữ liệu nào được nhận/);
    } finally {
      STALL.ms = stallMs;
    }
  });
});

describe("Word documents are built off the request thread (issue 29)", () => {
  it("four parallel documents of every commune's scorecard leave the request thread mostly idle", async () => {
    const range = { from: "2026-09", to: "2026-10" };
    const { ranked, cards } = await provinceScorecards("12", range);
    const figures = await briefingFigures("12", range);
    const before = performance.eventLoopUtilization();
    const owners = [province.id, admin.id, analyst.id, commune.id];
    const documents = await Promise.all(
      owners.map((owner, i) =>
        i === 3
          ? documentInWorker(owner, { kind: "briefing", briefing: writeBriefing(figures), figures })
          : documentInWorker(owner, { kind: "scorecards", cards, ranked, range }),
      ),
    );
    const busy = performance.eventLoopUtilization(before);
    expect(busy.utilization).toBeLessThan(0.3);
    for (const d of documents) expect(d.subarray(0, 2).toString()).toBe("PK");
    expect(documents[0]!.length).toBeGreaterThan(10_000);
  }, 120_000);
});

describe("the import page's upload streams to a private file (issue 29: one upload froze the server)", () => {
  const LONG = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status";
  const rows = (n: number) => new TextEncoder().encode(`${LONG}\n${"12,03637,X,2026-10,staff_quota,,1,,\n".repeat(n)}`);

  it("stops reading a body past the limit: a never-ending body is pulled little beyond it, cancelled, and nothing stays on disk", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "upload-test-"));
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(2 ** 20));
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    await expect(storeUpload(endless, 5 * 2 ** 20, dir)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(7);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps the file as it came (mode 0600, its SHA-256), and a dry run of it reports what a dry run of its bytes does", async () => {
    const bytes = rows(20_000);
    const stored = await storeUpload(new Blob([bytes]).stream(), MAX_IMPORT_BYTES);
    try {
      expect(stored.size).toBe(bytes.length);
      expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(statSync(stored.path).mode & 0o777).toBe(0o600);
      const fromDisk = await dryRun(commune, { name: "a.csv", stored });
      const fromBytes = await dryRun(commune, { name: "a.csv", bytes });
      expect(fromDisk.counts.error).toBe(20_000);
      expect({ ...fromDisk, elapsedMs: 0 }).toEqual({ ...fromBytes, elapsedMs: 0 });
    } finally {
      await stored.remove();
    }
    expect(existsSync(stored.path)).toBe(false);
  }, 60_000);
});

describe("Word documents are reused while the data they show is unchanged (issue 29: one user slowed everyone)", () => {
  it("gives the same document, built once, for the same period and data version to every user; builds again after an approval", async () => {
    const range = { from: "2026-09", to: "2026-10" };
    const builds = documentBuilds();
    // Three users at once, then a fourth: one build (one commune's scorecard: quick to build).
    const [first, second, third] = await Promise.all([
      scorecardsDocument(province.id, range, "03637"),
      scorecardsDocument(admin.id, range, "03637"),
      scorecardsDocument(commune.id, range, "03637"),
    ]);
    expect(first!.subarray(0, 2).toString()).toBe("PK");
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(await scorecardsDocument(analyst.id, range, "03637")).toBe(first);
    expect(documentBuilds()).toBe(builds + 1);
    // Another period is another document; an unknown commune is none.
    expect(await scorecardsDocument(analyst.id, { from: "2026-10", to: "2026-10" }, "03637")).not.toBe(first);
    expect(await scorecardsDocument(analyst.id, range, "99999")).toBeNull();
    expect(documentBuilds()).toBe(builds + 3);
    // An approval changes what the dashboards show (and the data version): the next request builds again.
    const id = await withClient(async (c) => setReport(c, await communeId(c, "03618"), "2026-10", "SUBMITTED"));
    const version = await dataVersion("province", "12");
    await approveReport(province, { reportId: id! });
    expect(await dataVersion("province", "12")).not.toBe(version);
    const after = await scorecardsDocument(province.id, range, "03637");
    expect(after).not.toBe(first);
    expect(documentBuilds()).toBe(builds + 4);
    expect(await scorecardsDocument(analyst.id, range, "03637")).toBe(after);
  }, 120_000);
});
