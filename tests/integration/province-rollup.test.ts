/**
 * Property: whatever the writers do (drafts, submissions, approvals, returns, reopenings, imports, month locks, two
 * communes saving at once, reports deleted, a commune moved to another province), the per-province monthly rollup
 * `province_month_value` equals its definition computed from the base tables, and the national figures read from it
 * equal each province's own figures computed from its communes' values.
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { COMMUNE_RAW_INDICATORS } from "@/lib/domain/indicators";
import { addMonths, periodsInRange } from "@/lib/domain/periods";
import { communeAggregates, rawAggregatesByProvince } from "@/lib/data/aggregates";
import { closeDb } from "@/lib/data/db";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { DataError } from "@/lib/data/errors";
import { commit } from "@/lib/data/import";
import {
  approveReport,
  latestOpenPeriod,
  lockPeriod,
  reopenReport,
  returnReport,
  saveDraft,
  submitReport,
  unlockPeriod,
} from "@/lib/data/reports";
import { upsertProvince } from "@/lib/data/seed";
import { resetDatabase, testDatabaseUrl, withClient } from "./support/db";
import { ALL_WARNING_KEYS, validMonth, viewerOf } from "./support/reports";

const TODAY = new Date("2026-11-28T03:00:00Z");
const COMMUNES = ["03637", "03388", "03390", "03394"];
const CODES = COMMUNE_RAW_INDICATORS.map((i) => i.code);
const LONG = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status";

let pool: pg.Pool;
let province: Viewer;
let admin: Viewer;
const communes = new Map<string, Viewer>();
let months: string[];
let movedTo: number;

/** Rows of the rollup that differ from its definition recomputed from data_value, monthly_report and org_unit. */
async function rollupDifferences(): Promise<unknown[]> {
  const { rows } = await pool.query(`
    WITH definition AS (
      SELECT province_id, period, indicator_code, next_period, sum(value) AS sum, count(*)::int AS units FROM (
        SELECT u.parent_id AS province_id, dv.period, dv.indicator_code, dv.value,
          coalesce(lead(dv.period) OVER (PARTITION BY dv.org_unit_id, dv.indicator_code ORDER BY dv.period), '9999-12') AS next_period
        FROM org_unit u
        JOIN monthly_report r ON r.org_unit_id = u.id AND r.status IN ('SUBMITTED', 'APPROVED')
        JOIN data_value dv ON dv.org_unit_id = u.id AND dv.period = r.period
        WHERE u.level = 'COMMUNE' AND u.parent_id IS NOT NULL) x
      GROUP BY 1, 2, 3, 4)
    SELECT d.*, v.sum AS rollup_sum, v.units AS rollup_units
    FROM definition d FULL JOIN province_month_value v USING (province_id, period, indicator_code, next_period)
    WHERE v.sum IS DISTINCT FROM d.sum OR v.units IS DISTINCT FROM d.units
    LIMIT 5`);
  return rows;
}

async function reportOf(code: string, period: string): Promise<{ id: number; version: number; status: string } | null> {
  const { rows } = await pool.query(
    `SELECT r.id, r.version, r.status::text AS status FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
     WHERE u.code = $1 AND r.period = $2`,
    [code, period],
  );
  return rows[0] ?? null;
}

async function save(code: string, period: string, mode: "draft" | "submit", pages: number) {
  const viewer = communes.get(code)!;
  const values = { ...(await validMonth(pool, viewer.orgUnitId!, addMonths(period, -1))), pages_digitised: pages };
  const input = { communeId: viewer.orgUnitId!, period, version: (await reportOf(code, period))?.version ?? 0, values };
  return mode === "draft"
    ? saveDraft(viewer, input)
    : submitReport(viewer, { ...input, acknowledgedWarnings: ALL_WARNING_KEYS });
}

const op = fc.oneof(
  fc.record({
    kind: fc.constantFrom("draft", "submit", "approve", "return", "reopen", "delete"),
    commune: fc.constantFrom(...COMMUNES),
    month: fc.nat(3),
    n: fc.nat(900),
  }),
  fc.record({
    kind: fc.constant("import"),
    commune: fc.constantFrom(...COMMUNES),
    month: fc.nat(3),
    n: fc.nat(900),
    code: fc.constantFrom(...CODES),
  }),
  fc.record({ kind: fc.constantFrom("lock", "unlock"), month: fc.nat(3) }),
  fc.record({ kind: fc.constant("pair"), month: fc.nat(3), n: fc.nat(900) }),
  fc.record({ kind: fc.constant("move"), commune: fc.constantFrom(...COMMUNES) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Runs one operation through the app's own write path; refusals (locked month, approved report…) are expected. */
async function run(o: Op): Promise<boolean> {
  const period = "month" in o ? months[o.month]! : "";
  const attempt = async (call: () => Promise<unknown>) => {
    try {
      await call();
      return true;
    } catch (e) {
      if (e instanceof DataError) return false;
      throw e;
    }
  };
  switch (o.kind) {
    case "draft":
    case "submit":
      return attempt(() => save(o.commune, period, o.kind as "draft" | "submit", o.n));
    case "pair":
      return (
        await Promise.all([
          attempt(() => save(COMMUNES[0]!, period, "submit", o.n)),
          attempt(() => save(COMMUNES[1]!, period, "draft", o.n + 1)),
        ])
      ).some(Boolean);
    case "approve":
    case "return":
    case "reopen": {
      // The operation's own report if it is in the state the transition starts from, else the n-th report of the
      // test communes in that state: most transitions then run.
      const { rows } = await pool.query<{ id: number; version: number; own: boolean }>(
        `SELECT r.id, r.version, (u.code = $4 AND r.period = $5) AS own FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
         WHERE u.code = ANY($1) AND r.period = ANY($2) AND r.status = $3::"ReportStatus" ORDER BY r.id`,
        [COMMUNES, months, o.kind === "reopen" ? "APPROVED" : "SUBMITTED", o.commune, period],
      );
      const r = rows.find((x) => x.own) ?? rows[o.n % Math.max(1, rows.length)];
      if (!r) return false;
      if (o.kind === "approve") return attempt(() => approveReport(province, { reportId: r.id, version: r.version }));
      if (o.kind === "return")
        return attempt(() =>
          returnReport(province, { reportId: r.id, version: r.version, comment: "Đề nghị kiểm tra lại số liệu" }),
        );
      return attempt(() =>
        reopenReport(admin, {
          reportId: r.id,
          version: r.version,
          reason: "Mở lại để sửa số liệu",
          to: o.n % 2 ? "DRAFT" : "RETURNED",
        }),
      );
    }
    case "delete":
      await pool.query(
        `DELETE FROM monthly_report r USING org_unit u WHERE u.id = r.org_unit_id AND u.code = $1 AND r.period = $2`,
        [o.commune, period],
      );
      return true;
    case "import": {
      const line = `12,${o.commune},Xã,${period},${o.code},,${o.n},,DRAFT`;
      return attempt(async () => {
        const report = await commit(province, {
          name: "nhap.csv",
          bytes: new TextEncoder().encode(`${LONG}\n${line}\n`),
        });
        if (!report.committed) throw new DataError("INVALID", "refused");
      });
    }
    case "lock":
      return attempt(() => lockPeriod(admin, { period }));
    case "unlock":
      return attempt(() => unlockPeriod(admin, { period }));
    case "move":
      await pool.query(
        `UPDATE org_unit SET parent_id = CASE WHEN parent_id = $2 THEN (SELECT id FROM org_unit WHERE code = '12') ELSE $2 END WHERE code = $1`,
        [o.commune, movedTo],
      );
      return true;
  }
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(TODAY);
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, TODAY);
    const ids = await upsertProvince(c, { code: "98", name: "Tỉnh Thử", fullName: "Tỉnh Thử" }, [
      {
        code: "98001",
        name: "Xã Thử",
        fullName: "Xã Thử",
        kind: "XA",
        formerDistricts: [],
        areaKm2: null,
        population: 1000,
        hqAddress: null,
        centroid: null,
        resolution: null,
        predecessors: [],
      },
    ]);
    movedTo = (await c.query<{ id: number }>(`SELECT parent_id AS id FROM org_unit WHERE id = $1`, [ids.get("98001")]))
      .rows[0]!.id;
  });
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
  province = await viewerOf(pool, "tinh");
  admin = await viewerOf(pool, "admin");
  for (const code of COMMUNES) communes.set(code, await viewerOf(pool, `xa-${code}`));
  const open = latestOpenPeriod();
  months = periodsInRange(addMonths(open, -3), open);
}, 60_000);

afterAll(async () => {
  vi.useRealTimers();
  await pool?.end();
  await closeDb();
});

describe("the per-province monthly rollup", () => {
  it("starts equal to its definition", async () => {
    expect(await rollupDifferences()).toEqual([]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM province_month_value`)).rows[0].n).toBeGreaterThan(0);
  });

  it("stays equal to its definition through each kind of write: a reporting month, then a month reopened", async () => {
    const [c] = COMMUNES;
    const steps: Op[] = [months.length - 1, 0].flatMap(
      (month) =>
        [
          { kind: "delete", commune: c!, month, n: 0 },
          { kind: "draft", commune: c!, month, n: 10 },
          { kind: "draft", commune: c!, month, n: 20 },
          { kind: "submit", commune: c!, month, n: 30 },
          { kind: "return", commune: c!, month, n: 0 },
          { kind: "submit", commune: c!, month, n: 40 },
          { kind: "approve", commune: c!, month, n: 0 },
          { kind: "reopen", commune: c!, month, n: 1 },
          { kind: "import", commune: c!, month, n: 55, code: "pages_digitised" },
          { kind: "submit", commune: c!, month, n: 60 },
          { kind: "lock", month },
          { kind: "unlock", month },
          ...(month === 0 ? [] : [{ kind: "pair", month, n: 70 } as const]),
          { kind: "move", commune: c! },
          { kind: "move", commune: c! },
        ] satisfies Op[],
    );
    for (const step of steps) {
      expect(await run(step), JSON.stringify(step)).toBe(true);
      expect(await rollupDifferences(), JSON.stringify(step)).toEqual([]);
    }
  }, 60_000);

  it("stays right when a draft's values and the report's submission are written at the same time", async () => {
    // Two transactions interleaved by hand: A rewrites a draft's values, B submits the report before A commits.
    // B must wait for A (the draft's report row is held FOR SHARE), then recompute with A's values visible.
    const [code] = COMMUNES;
    const period = months[months.length - 1]!;
    const id = communes.get(code!)!.orgUnitId!;
    await run({ kind: "delete", commune: code!, month: months.length - 1, n: 0 });
    expect(await run({ kind: "draft", commune: code!, month: months.length - 1, n: 100 })).toBe(true);
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query("BEGIN");
      await a.query(`UPDATE data_value SET value = value + 1000 WHERE org_unit_id = $1 AND period = $2`, [id, period]);
      await b.query("BEGIN");
      const submitting = b.query(
        `UPDATE monthly_report SET status = 'SUBMITTED', version = version + 1 WHERE org_unit_id = $1 AND period = $2`,
        [id, period],
      );
      await new Promise((r) => setTimeout(r, 200));
      await a.query("COMMIT");
      await submitting;
      await b.query("COMMIT");
    } finally {
      a.release();
      b.release();
    }
    expect(await rollupDifferences()).toEqual([]);
  });

  it("stays equal to its definition after random writes through the app, and the national figures follow", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 8 }), fc.nat(3), fc.nat(3), async (ops, a, b) => {
        for (const o of ops) {
          await run(o);
          expect(await rollupDifferences(), JSON.stringify(o)).toEqual([]);
        }
        const range = { from: months[Math.min(a, b)]!, to: months[Math.max(a, b)]! };
        const national = await rawAggregatesByProvince(range, CODES);
        for (const code of ["12", "98"]) {
          const own = await communeAggregates({ provinceCode: code }, range, CODES);
          const fromRollup = national.get(code) ?? {};
          expect(Object.keys(fromRollup).sort(), code).toEqual(Object.keys(own).sort());
          for (const [k, v] of Object.entries(own)) {
            expect(fromRollup[k as keyof typeof own]?.units, `${code} ${k}`).toBe(v!.units);
            expect(fromRollup[k as keyof typeof own]?.sum, `${code} ${k}`).toBeCloseTo(v!.sum, 6);
          }
        }
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
