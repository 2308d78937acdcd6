import { describe, expect, it } from "vitest";
import { hrefWith, parseCommuneFilters, parseRangeQuery, parseSort } from "@/lib/domain/range-query";

describe("parseRangeQuery", () => {
  it("reads a month, a range, or falls back to the latest month", () => {
    expect(parseRangeQuery({ period: "2025-09" }, "2026-10")).toEqual({ range: { from: "2025-09", to: "2025-09" }, error: null });
    expect(parseRangeQuery({ from: "2025-07", to: "2025-09" }, "2026-10")).toEqual({ range: { from: "2025-07", to: "2025-09" }, error: null });
    expect(parseRangeQuery({}, "2026-10").range).toEqual({ from: "2026-10", to: "2026-10" });
  });

  it("returns a message key for bad input", () => {
    expect(parseRangeQuery({ period: "2025-13" }, "2026-10").error).toBe("periodFormat");
    expect(parseRangeQuery({ from: "2025-09", to: "2025-07" }, "2026-10").error).toBe("rangeOrder");
    expect(parseRangeQuery({ period: "2025-06" }, "2026-10").error).toBe("beforeReform");
  });
});

describe("parseCommuneFilters", () => {
  it("maps kind, keeps district and search text", () => {
    expect(parseCommuneFilters({ kind: "phuong", district: "Huyện Than Uyên", q: " lai chau " }))
      .toEqual({ kind: "PHUONG", district: "Huyện Than Uyên", q: "lai chau" });
    expect(parseCommuneFilters({ kind: "xa" })).toEqual({ kind: "XA" });
  });

  it("ignores unknown or empty values", () => {
    expect(parseCommuneFilters({ kind: "huyen", district: "", q: ["", "x"] })).toEqual({});
  });
});

describe("parseSort", () => {
  const cols = ["code", "name", "population"] as const;
  it("reads ascending and descending columns, falls back on unknown ones", () => {
    expect(parseSort({ sort: "population" }, cols, "name")).toEqual({ column: "population", descending: false });
    expect(parseSort({ sort: "-population" }, cols, "name")).toEqual({ column: "population", descending: true });
    expect(parseSort({ sort: "-drop table" }, cols, "name")).toEqual({ column: "name", descending: false });
    expect(parseSort({}, cols, "name")).toEqual({ column: "name", descending: false });
  });
});

describe("hrefWith", () => {
  it("keeps the other parameters and replaces or removes the given ones", () => {
    expect(hrefWith("/communes", { period: "2025-09", sort: "name" }, { sort: "-name" })).toBe("/communes?period=2025-09&sort=-name");
    expect(hrefWith("/", { period: "2025-09", kind: "xa" }, { period: undefined, from: "2025-07", to: "2025-09" }))
      .toBe("/?kind=xa&from=2025-07&to=2025-09");
    expect(hrefWith("/x", {}, {})).toBe("/x");
  });
});
