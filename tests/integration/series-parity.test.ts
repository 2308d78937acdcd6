/**
 * Property: the dashboard series (lib/data/series.ts) equal the domain rules (lib/domain) on random data:
 *  - monthlySeries at month m = the scope's value over the single month m;
 *  - communeValues for a commune = the domain value over that commune's observations for the range;
 *  - communeMonthMatrix cell (commune, m) = the domain value for that commune over month m.
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Observation, type ReportRecord, indicatorValue, isReceived } from "@/lib/domain/aggregate";
import { COMMUNE_RAW_INDICATORS, INDICATORS } from "@/lib/domain/indicators";
import { periodsInRange } from "@/lib/domain/periods";
import { closeDb } from "@/lib/data/db";
import { communeMonthMatrix, communeValues, monthlySeries } from "@/lib/data/series";
import { seedIndicators, upsertProvince } from "@/lib/data/seed";
import { resetDatabase, testDatabaseUrl } from "./support/db";

const UNITS = ["90001", "90002", "90003"];
const MONTHS = periodsInRange("2025-07", "2025-11");
const STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;
const CODES = INDICATORS.filter((i) => i.kind === "COMPUTED" || i.entryLevel === "COMMUNE").map((i) => i.code);
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
  status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
  submittedDay: fc.integer({ min: 1, max: 12 }),
  values: fc.dictionary(fc.constantFrom(...COMMUNE_RAW_INDICATORS.map((i) => i.code)), fc.integer({ min: 0, max: 300 })),
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

function expectSame(actual: number | null | undefined, expected: number | null, label: string) {
  if (expected === null) expect(actual ?? null, label).toBeNull();
  else expect(actual, label).toBeCloseTo(expected, 9);
}

describe("dashboard series agree with the domain rules", () => {
  it("monthly series, per-commune values and the communes × months matrix", async () => {
    await fc.assert(
      fc.asyncProperty(dataset, rangeArb, async (cells, range) => {
        const { observations, reports } = await load(cells);
        const scope = { provinceCode: "99" };
        const series = await monthlySeries(scope, range, CODES);
        for (const code of CODES) {
          const months = periodsInRange(range.from, range.to);
          expect(series[code]!.map((p) => p.period)).toEqual(months);
          for (const [i, m] of months.entries()) {
            const expected = indicatorValue(code, { observations, range: { from: m, to: m }, units: UNITS, reports });
            expectSame(series[code]![i]!.value, expected, `series ${code} ${m}`);
          }
        }
        for (const code of CODES) {
          const values = await communeValues(scope, range, code);
          const matrix = await communeMonthMatrix(scope, range, code);
          for (const unit of UNITS) {
            const own = { observations: observations.filter((o) => o.unit === unit), units: [unit], reports: reports.filter((r) => r.unit === unit) };
            expectSame(values.get(unit), indicatorValue(code, { ...own, range }), `values ${code} ${unit}`);
            for (const m of periodsInRange(range.from, range.to)) {
              expectSame(matrix.get(unit)?.get(m), indicatorValue(code, { ...own, range: { from: m, to: m } }), `matrix ${code} ${unit} ${m}`);
            }
          }
        }
      }),
      { numRuns: 8 },
    );
  });
});
