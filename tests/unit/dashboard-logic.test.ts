import { readFileSync } from "node:fs";
import { geoArea, type GeoPermissibleObjects } from "d3-geo";
import { describe, expect, it } from "vitest";
import { countStates, reportCell } from "@/lib/domain/completeness";
import { periodPresets } from "@/lib/domain/periods";
import { type FeatureCollection, projectUnits, rewind } from "@/lib/map/geometry";

describe("periodPresets", () => {
  const label = (p: { kind: string; range: { from: string; to: string } }) =>
    `${p.kind} ${p.range.from}..${p.range.to}`;
  it("offers last month, this quarter, the year to date, since the reform and every quarter since Q3/2025", () => {
    // 05:30 on 1 December 2026 in Vietnam (UTC still 30 November): November is the month being reported.
    const presets = periodPresets("2026-10", new Date("2026-11-30T22:30:00Z"));
    expect(presets.map(label)).toEqual([
      "last-month 2026-11..2026-11",
      "this-quarter 2026-10..2026-11",
      "year-to-date 2026-01..2026-11",
      "since-reform 2025-07..2026-11",
      "quarter 2026-10..2026-11",
      "quarter 2026-07..2026-09",
      "quarter 2026-04..2026-06",
      "quarter 2026-01..2026-03",
      "quarter 2025-10..2025-12",
      "quarter 2025-07..2025-09",
    ]);
  });
  it("crosses the year and never starts before the reform", () => {
    const presets = periodPresets("2025-11", new Date("2025-12-10T03:00:00Z"));
    expect(presets.map(label)).toEqual([
      "last-month 2025-11..2025-11",
      "this-quarter 2025-10..2025-11",
      "year-to-date 2025-07..2025-11",
      "since-reform 2025-07..2025-11",
      "quarter 2025-10..2025-11",
      "quarter 2025-07..2025-09",
    ]);
    expect(periodPresets("2026-12", new Date("2026-12-31T17:10:00Z")).slice(0, 3).map(label)).toEqual([
      "last-month 2026-12..2026-12", // 00:10 on 1 January 2027 in Vietnam
      "this-quarter 2026-10..2026-12",
      "year-to-date 2026-01..2026-12",
    ]);
  });
});

describe("reportCell", () => {
  const onTime = new Date("2025-10-05T10:00:00Z"); // 17:00 on 5 Oct in Vietnam: on time for 2025-09
  const late = new Date("2025-10-05T17:30:00Z"); // 00:30 on 6 Oct in Vietnam
  const afterDeadline = new Date("2025-10-20T03:00:00Z");
  it("classifies each status and the deadline", () => {
    expect(reportCell("2025-09", undefined, afterDeadline)).toEqual({ state: "missing", onTime: null });
    expect(reportCell("2025-09", { status: "DRAFT", firstSubmittedAt: null }, afterDeadline)).toEqual({
      state: "draft",
      onTime: null,
    });
    expect(reportCell("2025-09", { status: "SUBMITTED", firstSubmittedAt: onTime }, afterDeadline).state).toBe(
      "onTime",
    );
    expect(reportCell("2025-09", { status: "SUBMITTED", firstSubmittedAt: late }, afterDeadline).state).toBe("late");
    expect(reportCell("2025-09", { status: "APPROVED", firstSubmittedAt: late }, afterDeadline)).toEqual({
      state: "approved",
      onTime: false,
    });
    expect(reportCell("2025-09", { status: "RETURNED", firstSubmittedAt: onTime }, afterDeadline).state).toBe(
      "returned",
    );
  });

  it("never calls a missing report late before its deadline (the 5th, end of day in Vietnam)", () => {
    // 23:59 on 5 Oct in Vietnam is still 16:59 UTC; 00:01 on 6 Oct is 17:01 UTC.
    expect(reportCell("2025-09", undefined, new Date("2025-09-15T03:00:00Z")).state).toBe("pending"); // the month is running
    expect(reportCell("2025-09", undefined, new Date("2025-09-30T22:30:00Z")).state).toBe("pending"); // 05:30 on 1 Oct, UTC still 30 Sep
    expect(reportCell("2025-09", undefined, new Date("2025-10-05T16:59:00Z")).state).toBe("pending");
    expect(reportCell("2025-09", undefined, new Date("2025-10-05T17:01:00Z")).state).toBe("missing");
  });

  it("counts states", () => {
    const at = afterDeadline;
    const c = countStates([
      reportCell("2025-09", undefined, at),
      reportCell("2025-09", undefined, at),
      reportCell("2025-09", { status: "DRAFT", firstSubmittedAt: null }, at),
    ]);
    expect(c).toEqual({ approved: 0, onTime: 0, late: 0, returned: 0, draft: 1, pending: 0, missing: 2 });
  });
});

describe("map geometry", () => {
  const collection = JSON.parse(readFileSync("data/lai_chau_communes_2025.geojson", "utf8")) as FeatureCollection;
  it("rewinds every RFC 7946 unit so that d3-geo sees less than a hemisphere", () => {
    expect(collection.features).toHaveLength(38);
    for (const f of collection.features) {
      expect(geoArea(rewind(f) as unknown as GeoPermissibleObjects)).toBeLessThan(2 * Math.PI);
    }
  });

  it("projects 38 paths inside the box", () => {
    const paths = projectUnits(collection, 600, 520);
    expect(paths).toHaveLength(38);
    for (const p of paths) {
      const numbers = p.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...numbers)).toBeLessThanOrEqual(601);
    }
    expect(paths.find((p) => p.code === "03637")?.name).toBe("Xã Mường Kim");
  });
});
