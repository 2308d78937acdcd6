/**
 * Property: the dashboard series (lib/data/series.ts) equal the domain rules (lib/domain) on random data:
 *  - monthlySeries at month m = the scope's value over the single month m;
 *  - communeValues for a commune = the domain value over that commune's observations for the range;
 *  - communeMonthMatrix cell (commune, m) = the domain value for that commune over month m.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indicatorValue } from "@/lib/domain/aggregate";
import { INDICATORS } from "@/lib/domain/indicators";
import { periodsInRange } from "@/lib/domain/periods";
import { communeMonthMatrix, communeValues, monthlySeries } from "@/lib/data/series";
import { randomReportsFixture } from "./support/random-reports";

const UNITS = ["90001", "90002", "90003"];
const MONTHS = periodsInRange("2025-07", "2025-11");
const CODES = INDICATORS.filter((i) => i.kind === "COMPUTED" || i.entryLevel === "COMMUNE").map((i) => i.code);
const { dataset, rangeArb, load } = randomReportsFixture(UNITS, MONTHS, 300);

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
            const own = {
              observations: observations.filter((o) => o.unit === unit),
              units: [unit],
              reports: reports.filter((r) => r.unit === unit),
            };
            expectSame(values.get(unit), indicatorValue(code, { ...own, range }), `values ${code} ${unit}`);
            for (const m of periodsInRange(range.from, range.to)) {
              expectSame(
                matrix.get(unit)?.get(m),
                indicatorValue(code, { ...own, range: { from: m, to: m } }),
                `matrix ${code} ${unit} ${m}`,
              );
            }
          }
        }
      }),
      { numRuns: 8 },
    );
  });
});
