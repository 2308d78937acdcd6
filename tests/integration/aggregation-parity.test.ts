/**
 * Property: for random monthly data, every indicator computed by the SQL data layer (lib/data) equals the pure
 * domain computation (lib/domain) on the same data, for single months and for ranges.
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Observation, type ReportRecord, isReceived, indicatorValue } from "@/lib/domain/aggregate";
import { COMMUNE_RAW_INDICATORS, INDICATORS } from "@/lib/domain/indicators";
import { periodsInRange } from "@/lib/domain/periods";
import { closeDb } from "@/lib/data/db";
import { scopeFigures } from "@/lib/data/aggregates";
import { seedIndicators, upsertProvince } from "@/lib/data/seed";
import { resetDatabase, testDatabaseUrl } from "./support/db";

const UNITS = ["90001", "90002", "90003", "90004"];
const MONTHS = periodsInRange("2025-07", "2025-12");
const STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;
let client: pg.Client;
let ids: Map<string, number>;

beforeAll(async () => {
  client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await resetDatabase(client);
  await seedIndicators(client);
  ids = await upsertProvince(client, { code: "99", name: "Thử", fullName: "Tỉnh Thử" }, UNITS.map((code, i) => ({
    code, name: `Xã ${i}`, fullName: `Xã Thử ${i}`, kind: "XA", formerDistricts: [], areaKm2: null, population: 1000,
    hqAddress: null, centroid: null, resolution: null, predecessors: [],
  })));
});

afterAll(async () => {
  await client.end();
  await closeDb();
});

const cell = fc.record({
  status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }), // undefined: no report at all
  submittedDay: fc.integer({ min: 1, max: 12 }),
  values: fc.dictionary(
    fc.constantFrom(...COMMUNE_RAW_INDICATORS.map((i) => i.code)),
    fc.integer({ min: 0, max: 500 }),
  ),
});
const dataset = fc.array(cell, { minLength: UNITS.length * MONTHS.length, maxLength: UNITS.length * MONTHS.length });
type Cells = typeof dataset extends fc.Arbitrary<infer T> ? T : never;
const rangeArb = fc.tuple(fc.integer({ min: 0, max: MONTHS.length - 1 }), fc.integer({ min: 0, max: MONTHS.length - 1 }))
  .map(([a, b]) => ({ from: MONTHS[Math.min(a, b)]!, to: MONTHS[Math.max(a, b)]! }));

async function load(cells: Cells): Promise<{ observations: Observation[]; reports: ReportRecord[] }> {
  await client.query("DELETE FROM data_value; DELETE FROM monthly_report;");
  const observations: Observation[] = [];
  const reports: ReportRecord[] = [];
  let k = 0;
  for (const unit of UNITS) {
    for (const period of MONTHS) {
      const c = cells[k++]!;
      if (!c.status) continue;
      const [y, m] = period.split("-").map(Number);
      const submitted = c.status === "DRAFT" ? null : new Date(Date.UTC(y!, m!, c.submittedDay, 3));
      reports.push({ unit, period, status: c.status, firstSubmittedAt: submitted });
      await client.query(
        `INSERT INTO monthly_report (org_unit_id, period, status, first_submitted_at, updated_at) VALUES ($1, $2, $3::"ReportStatus", $4, now())`,
        [ids.get(unit), period, c.status, submitted],
      );
      for (const [code, value] of Object.entries(c.values)) {
        await client.query(`INSERT INTO data_value (org_unit_id, period, indicator_code, value) VALUES ($1, $2, $3, $4)`, [ids.get(unit), period, code, value]);
        if (isReceived(c.status)) observations.push({ unit, period, code: code as Observation["code"], value });
      }
    }
  }
  return { observations, reports };
}

describe("SQL aggregation agrees with the domain rules", () => {
  it("for every indicator, on random data, months and ranges", async () => {
    const codes = INDICATORS.filter((i) => i.kind === "COMPUTED" || i.entryLevel === "COMMUNE").map((i) => i.code);
    await fc.assert(
      fc.asyncProperty(dataset, fc.array(rangeArb, { minLength: 3, maxLength: 3 }), async (cells, ranges) => {
        const { observations, reports } = await load(cells);
        for (const range of [...ranges, { from: MONTHS[2]!, to: MONTHS[2]! }]) {
          const sql = await scopeFigures({ provinceCode: "99" }, range, codes);
          for (const code of codes) {
            const expected = indicatorValue(code, { observations, range, units: UNITS, reports });
            const actual = sql.value(code);
            if (expected === null) expect(actual, `${code} ${range.from}..${range.to}`).toBeNull();
            else expect(actual, `${code} ${range.from}..${range.to}`).toBeCloseTo(expected, 9);
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});
