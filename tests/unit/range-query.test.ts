import { describe, expect, it } from "vitest";
import { hrefWith, parseCommuneFilters, parseRangeQuery, parseSort } from "@/lib/domain/range-query";

// A fixed instant: 30/11/2026 in Vietnam, so the current month is 2026-11.
const NOW = new Date("2026-11-30T10:00:00Z");

describe("parseRangeQuery", () => {
  it("reads a month, a range, or falls back to the latest month", () => {
    expect(parseRangeQuery({ period: "2025-09" }, "2026-10", NOW)).toEqual({
      range: { from: "2025-09", to: "2025-09" },
      error: null,
    });
    expect(parseRangeQuery({ from: "2025-07", to: "2025-09" }, "2026-10", NOW)).toEqual({
      range: { from: "2025-07", to: "2025-09" },
      error: null,
    });
    expect(parseRangeQuery({}, "2026-10", NOW).range).toEqual({ from: "2026-10", to: "2026-10" });
  });

  it("returns a message key for bad input", () => {
    expect(parseRangeQuery({ period: "2025-13" }, "2026-10", NOW).error).toBe("periodFormat");
    expect(parseRangeQuery({ from: "2025-09", to: "2025-07" }, "2026-10", NOW).error).toBe("rangeOrder");
    expect(parseRangeQuery({ period: "2025-06" }, "2026-10", NOW).error).toBe("beforeReform");
  });

  it("refuses months after the current one, so no URL can ask for thousands of years (attack 4)", () => {
    expect(parseRangeQuery({ from: "2025-07", to: "9999-11" }, "2026-10", NOW)).toEqual({
      range: { from: "2026-10", to: "2026-10" },
      error: "afterCurrent",
    });
    expect(parseRangeQuery({ period: "2026-12" }, "2026-10", NOW).error).toBe("afterCurrent");
    expect(parseRangeQuery({ period: "2026-11" }, "2026-10", NOW).error).toBeNull();
    // In Vietnam 1 December starts at 17:00 UTC on 30 November.
    expect(parseRangeQuery({ period: "2026-12" }, "2026-10", new Date("2026-11-30T17:00:00Z")).error).toBeNull();
    expect(parseRangeQuery({ from: "2025-07", to: "2036-01" }, "2026-10", new Date("2036-01-15T00:00:00Z")).error).toBe(
      "rangeTooLong",
    );
  });
});

describe("parseCommuneFilters", () => {
  it("maps kind, keeps district and search text", () => {
    expect(parseCommuneFilters({ kind: "phuong", district: "Huyện Than Uyên", q: " lai chau " })).toEqual({
      kind: "PHUONG",
      district: "Huyện Than Uyên",
      q: "lai chau",
    });
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
    expect(hrefWith("/communes", { period: "2025-09", sort: "name" }, { sort: "-name" })).toBe(
      "/communes?period=2025-09&sort=-name",
    );
    expect(
      hrefWith("/", { period: "2025-09", kind: "xa" }, { period: undefined, from: "2025-07", to: "2025-09" }),
    ).toBe("/?kind=xa&from=2025-07&to=2025-09");
    expect(hrefWith("/x", {}, {})).toBe("/x");
  });
});
