import { describe, expect, it } from "vitest";
import { formatCompact } from "@/lib/domain/format";

describe("compact numbers for chart axes", () => {
  it("writes millions and thousands in Vietnamese words with a decimal comma", () => {
    expect(formatCompact(2_500_000)).toBe("2,5\u00a0triệu");
    expect(formatCompact(10_000_000)).toBe("10\u00a0triệu");
    expect(formatCompact(13_054)).toBe("13,1\u00a0nghìn");
    expect(formatCompact(13_000)).toBe("13\u00a0nghìn");
    expect(formatCompact(1_200_000_000)).toBe("1,2\u00a0tỷ");
  });

  it("leaves small numbers whole and keeps zero", () => {
    expect(formatCompact(980)).toBe("980");
    expect(formatCompact(0)).toBe("0");
    expect(formatCompact(-2_000)).toBe("-2\u00a0nghìn");
  });

  it("keeps the labels of a many-million axis whole and distinct", () => {
    const labels = [0, 2_500_000, 5_000_000, 7_500_000, 10_000_000].map((v) => formatCompact(v));
    expect(labels).toEqual(["0", "2,5\u00a0triệu", "5\u00a0triệu", "7,5\u00a0triệu", "10\u00a0triệu"]);
  });

  it("writes percentages with at most one decimal", () => {
    expect(formatCompact(98, "%")).toBe("98%");
    expect(formatCompact(98.5, "%")).toBe("98,5%");
    expect(formatCompact(98.5, "%", "en")).toBe("98.5%");
  });

  it("uses short English units", () => {
    expect(formatCompact(2_500_000, "", "en")).toBe("2.5m");
    expect(formatCompact(13_000, "", "en")).toBe("13k");
  });
});
