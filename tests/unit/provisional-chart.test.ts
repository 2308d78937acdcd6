/** Issue 28, item 2: a month not fully reported is drawn as provisional (dashed, hollow), never as a solid fall. */
import { describe, expect, it } from "vitest";
import { provisionalValues, splitProvisional } from "@/lib/chart/line";

describe("provisional months on a line chart", () => {
  const points = [
    { x: 0, y: 10 },
    { x: 10, y: 12 },
    { x: 20, y: 40 },
  ];
  it("the solid line stops at the last complete month; a dashed segment leads to the provisional one, drawn hollow", () => {
    const out = splitProvisional(points, [false, false, true]);
    expect(out.solid).toBe("M0.0,10.0L10.0,12.0");
    expect(out.dashed).toBe("M10.0,12.0L20.0,40.0");
    expect(out.hollow).toEqual([{ x: 20, y: 40 }]);
  });
  it("no provisional month: one solid line", () => {
    expect(splitProvisional(points, [false, false, false])).toEqual({
      solid: "M0.0,10.0L10.0,12.0L20.0,40.0",
      dashed: "",
      hollow: [],
    });
  });
  it("the interactive chart gets the same split as two series", () => {
    expect(provisionalValues([1, 2, 3], [false, false, true])).toEqual({ solid: [1, 2, null], dashed: [null, 2, 3] });
  });
});
