import { describe, expect, it } from "vitest";
import { EXPORTS_IN_TOTAL, EXPORTS_PER_USER, takeExportSlot } from "@/lib/data/export-slots";

/** The export's refusal when every slot is taken: a DataError with code BUSY. */
const BUSY = expect.objectContaining({ name: "DataError", code: "BUSY" });

describe("export slots", () => {
  it("bounds the exports streaming at once, per user and in total, and gives slots back once", () => {
    const mine = Array.from({ length: EXPORTS_PER_USER }, () => takeExportSlot("a"));
    expect(() => takeExportSlot("a")).toThrow(BUSY);
    expect(() => takeExportSlot("a")).toThrow(/cùng lúc/);
    mine[0]!();
    mine[0]!(); // a second call gives nothing back twice
    const again = takeExportSlot("a");
    expect(() => takeExportSlot("a")).toThrow(BUSY);
    const others = Array.from({ length: EXPORTS_IN_TOTAL - EXPORTS_PER_USER }, (_, i) => takeExportSlot(`u${i}`));
    expect(() => takeExportSlot("z")).toThrow(/Máy chủ đang xuất/);
    for (const give of [mine[1]!, again, ...others]) give();
    expect(() => takeExportSlot("z")()).not.toThrow();
  });
});
