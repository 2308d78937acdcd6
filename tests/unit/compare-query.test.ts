import { describe, expect, it } from "vitest";
import { MAX_COMPARED, parseCompareQuery } from "@/lib/domain/compare-query";

const known = {
  communeCodes: ["03637", "03640", "03643", "03646", "03649", "03652"],
  districts: ["Sìn Hồ", "Tam Đường"],
  months: ["2025-07", "2025-08", "2025-09", "2025-10"],
};

describe("the comparison's choice in the URL", () => {
  it("reads communes, former districts and the province, in order", () => {
    const c = parseCompareQuery({ series: ["c:03637", "d:Sìn Hồ", "p"] }, known, ["p"]);
    expect(c.series).toEqual([
      { key: "c:03637", kind: "commune", code: "03637" },
      { key: "d:Sìn Hồ", kind: "district", name: "Sìn Hồ" },
      { key: "p", kind: "province" },
    ]);
  });

  it("keeps at most five, drops unknown and repeated ones", () => {
    const c = parseCompareQuery(
      { series: ["c:99999", "c:03637", "c:03637", "c:03640", "c:03643", "c:03646", "c:03649", "c:03652", "d:Nowhere"] },
      known,
      ["p"],
    );
    expect(c.series.map((s) => s.key)).toEqual(["c:03637", "c:03640", "c:03643", "c:03646", "c:03649"]);
    expect(c.series).toHaveLength(MAX_COMPARED);
  });

  it("falls back to the defaults when nothing is asked", () => {
    expect(parseCompareQuery({}, known, ["c:03637", "p"]).series.map((s) => s.key)).toEqual(["c:03637", "p"]);
  });

  it("hides only series that are chosen", () => {
    const c = parseCompareQuery({ series: ["c:03637", "p"], hide: ["p", "c:03640"] }, known, []);
    expect([...c.hidden]).toEqual(["p"]);
  });

  it("takes a range of known months, in order, else every month", () => {
    expect(parseCompareQuery({ cfrom: "2025-08", cto: "2025-09" }, known, ["p"]).range).toEqual({
      from: "2025-08",
      to: "2025-09",
    });
    expect(parseCompareQuery({ cfrom: "2025-09", cto: "2025-08" }, known, ["p"]).range).toEqual({
      from: "2025-07",
      to: "2025-10",
    });
    expect(parseCompareQuery({ cfrom: "2024-01", cto: "junk" }, known, ["p"]).range).toEqual({
      from: "2025-07",
      to: "2025-10",
    });
  });
});
