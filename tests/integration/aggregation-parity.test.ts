/**
 * Property: for random monthly data, every indicator computed by the SQL data layer (lib/data) equals the pure
 * domain computation (lib/domain) on the same data, for single months and for ranges.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateRaw, indicatorValue } from "@/lib/domain/aggregate";
import { COMMUNE_RAW_INDICATORS, INDICATORS } from "@/lib/domain/indicators";
import { periodsInRange } from "@/lib/domain/periods";
import { communeAggregates, rollupAggregates, scopeFigures } from "@/lib/data/aggregates";
import { randomReportsFixture } from "./support/random-reports";

const UNITS = ["90001", "90002", "90003", "90004"];
const MONTHS = periodsInRange("2025-07", "2025-12");
const { dataset, rangeArb, load } = randomReportsFixture(UNITS, MONTHS, 500);

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

  it("raw aggregates, with the units carried from earlier months (issue 28), agree from the rollup and the values", async () => {
    const codes = COMMUNE_RAW_INDICATORS.map((i) => i.code);
    await fc.assert(
      fc.asyncProperty(dataset, fc.array(rangeArb, { minLength: 3, maxLength: 3 }), async (cells, ranges) => {
        const { observations } = await load(cells);
        for (const range of [...ranges, { from: MONTHS[5]!, to: MONTHS[5]! }]) {
          const expected = aggregateRaw(codes, observations, range);
          const fromRollup = (await rollupAggregates(range, codes, "99")).get("99") ?? {};
          const fromValues = await communeAggregates({ provinceCode: "99", communeCodes: UNITS }, range, codes);
          for (const code of codes) {
            const label = `${code} ${range.from}..${range.to}`;
            expect(fromRollup[code], `rollup ${label}`).toEqual(expected[code]);
            expect(fromValues[code], `values ${label}`).toEqual(expected[code]);
          }
        }
      }),
      { numRuns: 10 },
    );
  });
});
