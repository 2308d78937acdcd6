/**
 * Random monthly reports for the property tests that compare lib/data's SQL with lib/domain's rules:
 * one test province "99" with the given communes, a fast-check generator of (status, submission day, values)
 * per commune-month, and a loader that writes a generated set and returns what the domain rules should see.
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type Observation, type ReportRecord, isReceived } from "@/lib/domain/aggregate";
import { COMMUNE_RAW_INDICATORS } from "@/lib/domain/indicators";
import type { Period, PeriodRange } from "@/lib/domain/periods";
import { closeDb } from "@/lib/data/db";
import { seedIndicators, upsertProvince } from "@/lib/data/seed";
import { resetDatabase, testDatabaseUrl } from "./db";

const STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;

/** Registers set-up and tear-down hooks in the calling test file; returns the generators and the loader. */
export function randomReportsFixture(units: readonly string[], months: readonly Period[], maxValue: number) {
  let client: pg.Client;
  let ids: Map<string, number>;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await resetDatabase(client);
    await seedIndicators(client);
    ids = await upsertProvince(
      client,
      { code: "99", name: "Thử", fullName: "Tỉnh Thử" },
      units.map((code, i) => ({
        code,
        name: `Xã ${i}`,
        fullName: `Xã Thử ${i}`,
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
  });

  afterAll(async () => {
    await client.end();
    await closeDb();
  });

  const cell = fc.record({
    status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }), // undefined: no report at all
    // Day 0: approved without a submission, history recorded as received by an import (issue 23).
    submittedDay: fc.integer({ min: 0, max: 12 }),
    values: fc.dictionary(
      fc.constantFrom(...COMMUNE_RAW_INDICATORS.map((i) => i.code)),
      fc.integer({ min: 0, max: maxValue }),
    ),
  });
  const dataset = fc.array(cell, { minLength: units.length * months.length, maxLength: units.length * months.length });
  type Cells = typeof dataset extends fc.Arbitrary<infer T> ? T : never;
  const rangeArb: fc.Arbitrary<PeriodRange> = fc
    .tuple(fc.integer({ min: 0, max: months.length - 1 }), fc.integer({ min: 0, max: months.length - 1 }))
    .map(([a, b]) => ({ from: months[Math.min(a, b)]!, to: months[Math.max(a, b)]! }));

  /** Replaces every report and value with the generated set; returns the received observations and all reports. */
  async function load(cells: Cells): Promise<{ observations: Observation[]; reports: ReportRecord[] }> {
    await client.query("DELETE FROM data_value; DELETE FROM monthly_report;");
    const observations: Observation[] = [];
    const reports: ReportRecord[] = [];
    let k = 0;
    for (const unit of units) {
      for (const period of months) {
        const c = cells[k++]!;
        if (!c.status) continue;
        const [y, m] = period.split("-").map(Number);
        const submitted =
          c.status === "DRAFT" || (c.status === "APPROVED" && c.submittedDay === 0)
            ? null
            : new Date(Date.UTC(y!, m!, Math.max(1, c.submittedDay), 3));
        reports.push({ unit, period, status: c.status, firstSubmittedAt: submitted });
        await client.query(
          `INSERT INTO monthly_report (org_unit_id, period, status, first_submitted_at, updated_at) VALUES ($1, $2, $3::"ReportStatus", $4, now())`,
          [ids.get(unit), period, c.status, submitted],
        );
        for (const [code, value] of Object.entries(c.values)) {
          await client.query(
            `INSERT INTO data_value (org_unit_id, period, indicator_code, value) VALUES ($1, $2, $3, $4)`,
            [ids.get(unit), period, code, value],
          );
          if (isReceived(c.status)) observations.push({ unit, period, code: code as Observation["code"], value });
        }
      }
    }
    return { observations, reports };
  }

  return { dataset, rangeArb, load };
}
