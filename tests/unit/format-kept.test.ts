import { describe, expect, it } from "vitest";
import { formatInteger, formatPercent, formatValue } from "@/lib/domain/format";

describe("numbers as the dashboards write them, asked for again and again", () => {
  it("gives the same text every time, in each language", () => {
    for (let round = 0; round < 3; round++) {
      expect(formatInteger(13054)).toBe("13.054");
      expect(formatInteger(13054, "en")).toBe("13,054");
      expect(formatPercent(98.76)).toBe("98,8%");
      expect(formatPercent(98.76, "en")).toBe("98.8%");
      expect(formatValue(7.25, "%")).toBe("7,3%");
    }
  });

  it("writes minus zero as zero, whichever was asked first", () => {
    expect(formatInteger(-0)).toBe("0");
    expect(formatInteger(0)).toBe("0");
    expect(formatPercent(0)).toBe("0,0%");
    expect(formatPercent(-0)).toBe("0,0%");
  });

  it("stays right past the number of values it keeps", () => {
    for (let v = 0; v < 25_000; v++) formatInteger(v);
    expect(formatInteger(24_999)).toBe("24.999");
    expect(formatInteger(1234)).toBe("1.234");
  });
});
