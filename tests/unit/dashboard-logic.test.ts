import { readFileSync } from "node:fs";
import { geoArea, type GeoPermissibleObjects } from "d3-geo";
import { describe, expect, it } from "vitest";
import { countStates, reportCell } from "@/lib/domain/completeness";
import { getIndicator } from "@/lib/domain/indicators";
import { periodPresets } from "@/lib/domain/periods";
import { type FeatureCollection, projectUnits, rewind } from "@/lib/map/geometry";
import vi from "@/messages/vi.json";
import en from "@/messages/en.json";

describe("periodPresets", () => {
  it("offers since-the-reform, quarters clipped to the data, then months, newest first", () => {
    const presets = periodPresets("2025-11");
    expect(presets[0]).toEqual({ kind: "since-reform", range: { from: "2025-07", to: "2025-11" } });
    expect(presets.filter((p) => p.kind === "quarter").map((p) => p.range)).toEqual([
      { from: "2025-10", to: "2025-11" },
      { from: "2025-07", to: "2025-09" },
    ]);
    expect(presets.filter((p) => p.kind === "month").map((p) => p.range.from)).toEqual(["2025-11", "2025-10", "2025-09", "2025-08", "2025-07"]);
  });
});

describe("reportCell", () => {
  const onTime = new Date("2025-10-05T10:00:00Z"); // 17:00 on 5 Oct in Vietnam: on time for 2025-09
  const late = new Date("2025-10-05T17:30:00Z"); // 00:30 on 6 Oct in Vietnam
  it("classifies each status and the deadline", () => {
    expect(reportCell("2025-09", undefined)).toEqual({ state: "missing", onTime: null });
    expect(reportCell("2025-09", { status: "DRAFT", firstSubmittedAt: null })).toEqual({ state: "draft", onTime: null });
    expect(reportCell("2025-09", { status: "SUBMITTED", firstSubmittedAt: onTime }).state).toBe("onTime");
    expect(reportCell("2025-09", { status: "SUBMITTED", firstSubmittedAt: late }).state).toBe("late");
    expect(reportCell("2025-09", { status: "APPROVED", firstSubmittedAt: late })).toEqual({ state: "approved", onTime: false });
    expect(reportCell("2025-09", { status: "RETURNED", firstSubmittedAt: onTime }).state).toBe("returned");
  });

  it("counts states", () => {
    const c = countStates([reportCell("2025-09", undefined), reportCell("2025-09", undefined), reportCell("2025-09", { status: "DRAFT", firstSubmittedAt: null })]);
    expect(c).toEqual({ approved: 0, onTime: 0, late: 0, returned: 0, draft: 1, missing: 2 });
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

describe("message catalogues", () => {
  const keys = (o: object, prefix = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
  it("have the same keys in Vietnamese and English", () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });
});
