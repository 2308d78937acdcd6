/**
 * Import on a real PostgreSQL: export → import round trip into an empty database, bad files that each give a clear
 * message and write nothing, rights/locks/approvals, the audit trail, and the timing of a 100,000-row import.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportProgress } from "@/lib/domain/import/progress";
import type { Viewer } from "@/lib/auth/viewer";
import { ZExportOptions } from "@/lib/domain/export-options";
import { MAX_IMPORT_BYTES } from "@/lib/domain/import/read-csv";
import { ADMIN_IMPORT_LIMITS, STANDARD_IMPORT_LIMITS } from "@/lib/domain/import/limits";
import { REPORT_FIELDS } from "@/lib/domain/validation";
import { closeDb } from "@/lib/data/db";
import { createDemoAccounts } from "@/lib/data/demo-accounts";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { DataError } from "@/lib/data/errors";
import { prepareExport, streamExport } from "@/lib/data/export";
import { type ImportReport, commit, dryRun } from "@/lib/data/import";
import { latestOpenPeriod } from "@/lib/data/reports";
import { seedReferenceData, upsertProvince } from "@/lib/data/seed";
import { resetDatabase, testDatabaseUrl, withClient } from "./support/db";
import { viewerOf } from "./support/reports";
import { runAt } from "../support/clock";
import { readAll } from "./support/streams";

// 10:00 on 28 November 2026 in Vietnam: October is overdue, November is the running month.
const TODAY = runAt("2026-11-28T10:00:00+07:00");
const LONG = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status";
let pool: pg.Pool;
let province: Viewer;
let commune: Viewer;
let analyst: Viewer;
let admin: Viewer;
let exported: Buffer;

async function exportLong(): Promise<Buffer> {
  const options = ZExportOptions.parse({ from: "2025-07", to: latestOpenPeriod() });
  const stream = await streamExport(await prepareExport({ role: "PROVINCE", orgUnitId: null }, options));
  return readAll(stream);
}

/** Every stored value as "commune|period|indicator=value", sorted. */
async function allValues(): Promise<string[]> {
  const { rows } = await pool.query<{ k: string }>(
    `SELECT u.code || '|' || v.period || '|' || v.indicator_code || '=' || v.value AS k FROM data_value v JOIN org_unit u ON u.id = v.org_unit_id`,
  );
  return rows.map((r) => r.k).sort();
}

/** What a refused import must leave exactly as it was. */
async function fingerprint() {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM data_value)::int AS values, (SELECT coalesce(sum(value), 0) FROM data_value)::float8 AS total,
       (SELECT count(*) FROM monthly_report)::int AS reports, (SELECT coalesce(sum(version), 0) FROM monthly_report)::int AS versions,
       (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return rows[0];
}

const file = (text: string | Uint8Array, name = "test.csv") => ({
  name,
  bytes: typeof text === "string" ? new TextEncoder().encode(text) : text,
});

/** Commits a file that must be refused; checks that nothing at all was written and returns the report. */
async function refused(viewer: Viewer, text: string | Uint8Array): Promise<ImportReport> {
  const before = await fingerprint();
  const result = await commit(viewer, file(text));
  expect(result.committed).toBe(false);
  expect(await fingerprint()).toEqual(before);
  return result;
}

const messages = (r: ImportReport) => [r.fileError ?? "", ...r.rows.flatMap((row) => row.messages)].join(" | ");

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, TODAY);
  });
  exported = await exportLong();
  // An empty installation: reference data and accounts, no values.
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedReferenceData(c);
    await createDemoAccounts(c, "12");
  });
  province = await viewerOf(pool, "tinh");
  commune = await viewerOf(pool, "xa-03637");
  analyst = await viewerOf(pool, "phantich");
  admin = await viewerOf(pool, "admin");
}, 180_000);

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

describe("round trip", () => {
  it("a long export imported into an empty database gives identical values, audited", async () => {
    const expected = (await import("csv-parse/sync")).parse(exported, { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(expected.length).toBeGreaterThan(10_000);
    const dry = await dryRun(province, file(exported, "lai-chau_long.csv"));
    expect(dry.fileError).toBeNull();
    expect(dry.counts).toEqual({ new: expected.length, changed: 0, unchanged: 0, error: 0 });
    expect(await fingerprint()).toMatchObject({ values: 0, reports: 0 });

    // The page's progress (issue 23, item 8): reading, then checking every row, then the commit's four stages.
    const progress: ImportProgress[] = [];
    const done = await commit(province, {
      ...file(exported, "lai-chau_long.csv"),
      onProgress: (p) => progress.push(p),
    });
    expect(done.committed).toBe(true);
    expect(progress).toEqual([
      { step: "reading", done: 0, total: null },
      { step: "checking", done: 0, total: expected.length },
      { step: "checking", done: expected.length, total: expected.length },
      ...[0, 1, 2, 3, 4].map((done) => ({ step: "writing", done, total: 4 })),
    ]);
    expect(await allValues()).toEqual(
      expected.map((r) => `${r.commune_code}|${r.period}|${r.indicator_code}=${Number(r.value)}`).sort(),
    );
    const { rows: statuses } = await pool.query(`SELECT DISTINCT status::text AS s, version FROM monthly_report`);
    expect(statuses).toEqual([{ s: "DRAFT", version: 1 }]);
    const { rows: audit } = await pool.query(
      `SELECT action, reason, count(*)::int AS n FROM audit_log GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(audit).toEqual([
      { action: "import.commit", reason: "Nhập từ tệp lai-chau_long.csv", n: 1 },
      { action: "report.import", reason: "Nhập từ tệp lai-chau_long.csv", n: done.months.total },
    ]);

    // The same file again: every row unchanged, nothing bumped.
    const again = await commit(province, file(exported, "lai-chau_long.csv"));
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: expected.length, error: 0 });
    expect((await pool.query(`SELECT max(version)::int AS v FROM monthly_report`)).rows[0].v).toBe(1);
  });

  it("a changed value: old → new, version bumped, audit with { field: { old, new } }", async () => {
    const { rows } = await pool.query(
      `SELECT v.value FROM data_value v JOIN org_unit u ON u.id = v.org_unit_id WHERE u.code = '03637' AND v.period = '2025-09' AND v.indicator_code = 'staff_quota'`,
    );
    const old = rows[0].value as number;
    const result = await commit(
      commune,
      file(`${LONG}\n12,03637,Xã Mường Kim,2025-09,staff_quota,,${old + 1},người,DRAFT\n`, "sua.csv"),
    );
    expect(result.committed).toBe(true);
    expect(result.rows).toEqual([expect.objectContaining({ line: 2, outcome: "changed", old, value: old + 1 })]);
    const { rows: report } = await pool.query(
      `SELECT r.version FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id WHERE u.code = '03637' AND r.period = '2025-09'`,
    );
    expect(report[0].version).toBe(2);
    const { rows: audit } = await pool.query(
      `SELECT changes, reason, username FROM audit_log WHERE action = 'report.import' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0]).toEqual({
      changes: { staff_quota: { old, new: old + 1 } },
      reason: "Nhập từ tệp sua.csv",
      username: "xa-03637",
    });
  });
});

describe("bad files give a clear message and write nothing", () => {
  const good = "12,03637,Xã Mường Kim,2025-09,pages_digitised,,1,trang,DRAFT";

  it("wrong encoding (Windows-1258 bytes)", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(`${LONG}\n12,03637,X`),
      0xe3,
      ...new TextEncoder().encode(",2025-09,staff_quota,,5,,\n"),
    ]);
    expect((await refused(province, bytes)).fileError).toMatch(/không phải mã UTF-8/);
  });

  it("missing columns", async () => {
    expect((await refused(province, "commune_code,period,value\n03637,2025-09,5\n")).fileError).toMatch(
      /thiếu cột: indicator_code/,
    );
  });

  it("an empty file", async () => {
    expect((await refused(province, "")).fileError).toMatch(/Tệp rỗng/);
  });

  it("a file above 50 MB", async () => {
    const line = `${good}\n`;
    const text = `${LONG}\n${line.repeat(Math.ceil(MAX_IMPORT_BYTES / line.length) + 10)}`;
    const result = await refused(province, text);
    expect(result.fileError).toMatch(/Tệp quá lớn .*tối đa 50 MB/);
  });

  it("limits by role: a province account's 200,001st row is refused, an administrator's is read (up to 1,000,000)", async () => {
    // Rows of a commune that does not exist: each is an error of its own, nothing is loaded from the database.
    const text = `${LONG}\n${"12,99999,X,2025-09,staff_quota,,1,,\n".repeat(STANDARD_IMPORT_LIMITS.rows + 1)}`;
    const byProvince = await dryRun(province, file(text));
    expect(byProvince.fileError).toMatch(/Tệp có hơn 200\.000 dòng số liệu/);
    expect(byProvince.totalRows).toBe(0);
    const byAdmin = await dryRun(admin, file(text));
    expect(byAdmin.fileError).toBeNull();
    expect(byAdmin.totalRows).toBe(STANDARD_IMPORT_LIMITS.rows + 1);
    expect(byAdmin.counts.error).toBe(STANDARD_IMPORT_LIMITS.rows + 1);
    expect(byAdmin.rows[0]!.messages[0]).toMatch(/Không có xã, phường mã “99999”/);
    expect(ADMIN_IMPORT_LIMITS).toMatchObject({ rows: 1_000_000, bytes: 100 * 1024 * 1024 });
  }, 120_000);

  it("limits by role: above 50 MB is refused for a province account, not for an administrator (up to 100 MB)", async () => {
    // Padding in a column the import reads past keeps the file cheap to check.
    const text = `${LONG},ghi chú\n12,99999,X,2025-09,staff_quota,,1,,,${"x".repeat(STANDARD_IMPORT_LIMITS.bytes)}\n`;
    expect((await dryRun(province, file(text))).fileError).toMatch(/Tệp quá lớn .*tối đa 50 MB/);
    const byAdmin = await dryRun(admin, file(text));
    expect(byAdmin.fileError).toBeNull();
    expect(byAdmin.counts.error).toBe(1);
  }, 120_000);

  it("unknown commune, unknown indicator, non-numeric value, duplicate cell: each row with its line, the good rows not written", async () => {
    const result = await refused(
      province,
      [
        LONG,
        good,
        "12,99999,X,2025-09,staff_quota,,1,,",
        "12,03637,X,2025-09,no_such_code,,1,,",
        "12,03637,X,2025-09,staff_cadres,,mười,,",
        "12,03637,X,2025-10,staff_quota,,1,,",
        "12,03637,X,2025-10,staff_quota,,2,,",
      ].join("\n"),
    );
    expect(result.counts.error).toBe(5);
    expect(result.rows.slice(0, 5).map((r) => [r.line, r.messages[0]])).toEqual([
      [3, "Không có xã, phường mã “99999” trong danh mục"],
      [4, "Không có chỉ tiêu mã “no_such_code” trong danh mục"],
      [5, "Giá trị “mười” không phải là số"],
      [6, "Trùng với dòng 7: cùng xã, phường, tháng và chỉ tiêu"],
      [7, "Trùng với dòng 6: cùng xã, phường, tháng và chỉ tiêu"],
    ]);
    expect(result.rows[5]).toMatchObject({ line: 2, outcome: "changed" });
  });

  it("a row of another commune for a commune user", async () => {
    const result = await refused(commune, `${LONG}\n${good}\n12,03388,X,2025-09,proc_received,,1,,\n`);
    expect(messages(result)).toMatch(/chỉ được nhập số liệu của đơn vị mình/);
  });

  it("a locked month", async () => {
    await pool.query(`INSERT INTO period_lock (period, reason) VALUES ('2025-09', 'test')`);
    try {
      expect(messages(await refused(province, `${LONG}\n${good}\n`))).toMatch(/09\/2025 đã khoá sổ/);
    } finally {
      await pool.query(`DELETE FROM period_lock`);
    }
  });

  it("an approved report", async () => {
    await pool.query(`UPDATE monthly_report SET status = 'APPROVED' WHERE period = '2025-09' AND org_unit_id = $1`, [
      commune.orgUnitId,
    ]);
    try {
      expect(messages(await refused(province, `${LONG}\n${good}\n`))).toMatch(/đã được duyệt: chỉ xem/);
    } finally {
      await pool.query(`UPDATE monthly_report SET status = 'DRAFT' WHERE period = '2025-09'`);
    }
  });

  it("a value that breaks the form's cross-field rules", async () => {
    const result = await refused(province, `${LONG}\n12,03637,X,2025-09,proc_received_online,,999999,,\n`);
    expect(messages(result)).toMatch(/trực tuyến \(999\.999\) không được lớn hơn số hồ sơ tiếp nhận/);
  });

  it("an analyst may not import at all", async () => {
    await expect(dryRun(analyst, file(`${LONG}\n${good}\n`))).rejects.toBeInstanceOf(DataError);
    await expect(commit(analyst, file(`${LONG}\n${good}\n`))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("large files", () => {
  // How fast is the benchmark's to say (npm run bench:import), never a timed test: this one proves the size goes through.
  it("imports 100,000+ rows in one transaction", async () => {
    // A synthetic province of 310 communes × every month since the reform × 19 indicators.
    const codes = Array.from({ length: 310 }, (_, i) => String(90000 + i));
    await upsertProvince(
      pool,
      { code: "99", name: "Thử", fullName: "Tỉnh Thử" },
      codes.map((code) => ({
        code,
        name: `Xã ${code}`,
        fullName: `Xã ${code}`,
        kind: "XA",
        formerDistricts: [],
        areaKm2: null,
        population: 1000,
        hqAddress: null,
        centroid: null,
        resolution: null,
        predecessors: [],
      })),
    );
    const month: Record<string, number> = {
      staff_quota: 300,
      staff_cadres: 20,
      staff_civil_servants: 40,
      staff_public_employees: 200,
      shortage_finance: 1,
      shortage_construction: 0,
      shortage_land: 1,
      shortage_it: 0,
      one_stop_operating: 1,
      proc_received: 100,
      proc_received_online: 50,
      proc_resolved_early: 10,
      proc_resolved_on_time: 80,
      proc_resolved_late: 2,
      proc_pending: 8,
      pages_digitised: 1000,
      dossiers_digitised: 50,
      feedback_received: 5,
      feedback_resolved: 4,
    };
    const periods: string[] = [];
    for (
      let p = "2025-07";
      p <= latestOpenPeriod();
      p =
        p.slice(5) === "12"
          ? `${Number(p.slice(0, 4)) + 1}-01`
          : `${p.slice(0, 4)}-${String(Number(p.slice(5)) + 1).padStart(2, "0")}`
    )
      periods.push(p);
    const lines = [LONG];
    for (const code of codes)
      for (const period of periods)
        for (const f of REPORT_FIELDS) lines.push(`99,${code},Xã ${code},${period},${f},,${month[f]},,`);
    const bytes = new TextEncoder().encode(`${lines.join("\n")}\n`);
    const rows = lines.length - 1;
    expect(rows).toBeGreaterThanOrEqual(100_000);

    const t0 = performance.now();
    const dry = await dryRun(province, file(bytes, "lon.csv"));
    const t1 = performance.now();
    const done = await commit(province, file(bytes, "lon.csv"));
    const t2 = performance.now();
    console.log(
      `import of ${rows} rows (${(bytes.length / 1024 / 1024).toFixed(1)} MB): dry run ${((t1 - t0) / 1000).toFixed(2)} s, commit ${((t2 - t1) / 1000).toFixed(2)} s (${Math.round(rows / ((t2 - t1) / 1000))} rows/s)`,
    );
    expect(dry.counts.new).toBe(rows);
    expect(dry.rows.length).toBeLessThanOrEqual(500);
    expect(done.committed).toBe(true);
    const { rows: stored } = await pool.query(
      `SELECT count(*)::int AS n FROM data_value v JOIN org_unit u ON u.id = v.org_unit_id WHERE u.code LIKE '9%'`,
    );
    expect(stored[0].n).toBe(rows);
  });
});
