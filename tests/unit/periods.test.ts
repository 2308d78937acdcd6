import { describe, expect, it } from "vitest";
import {
  addMonths, formatPeriodVi, formatRangeVi, isOnTime, isPeriod, lastFullMonth, periodsInRange, previousRange, quarterOf, reportDeadline,
} from "@/lib/domain/periods";
import { searchKey } from "@/lib/domain/text";
import { formatInteger, formatPercent, formatValue } from "@/lib/domain/format";

describe("periods", () => {
  it("validates YYYY-MM", () => {
    expect(isPeriod("2025-07")).toBe(true);
    expect(isPeriod("2025-13")).toBe(false);
    expect(isPeriod("2025-7")).toBe(false);
    expect(isPeriod(202507)).toBe(false);
  });
  it("does month arithmetic across years", () => {
    expect(addMonths("2025-11", 3)).toBe("2026-02");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(periodsInRange("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(periodsInRange("2025-09", "2025-07")).toEqual([]);
  });
  it("gives the previous range of equal length and the quarter of a month", () => {
    expect(previousRange({ from: "2025-10", to: "2025-12" })).toEqual({ from: "2025-07", to: "2025-09" });
    expect(quarterOf("2025-08")).toEqual({ from: "2025-07", to: "2025-09" });
  });
  it("knows the last full month in Vietnam time", () => {
    expect(lastFullMonth(new Date("2026-11-28T10:00:00Z"))).toBe("2026-10");
    // 1 December 00:30 in Hà Nội is still 30 November in UTC.
    expect(lastFullMonth(new Date("2026-11-30T17:30:00Z"))).toBe("2026-11");
  });
  it("puts the deadline at the end of the 5th of the next month, Vietnam time", () => {
    expect(reportDeadline("2025-12").toISOString()).toBe("2026-01-05T16:59:59.999Z");
    expect(isOnTime("2025-09", new Date("2025-10-05T16:59:59Z"))).toBe(true);
    expect(isOnTime("2025-09", new Date("2025-10-05T17:00:00Z"))).toBe(false);
  });
  it("formats months the Vietnamese way", () => {
    expect(formatPeriodVi("2026-10")).toBe("10/2026");
    expect(formatRangeVi({ from: "2025-07", to: "2025-09" })).toBe("07/2025 – 09/2025");
  });
});

describe("text and numbers", () => {
  it("searches without accents", () => {
    expect(searchKey("Phường Đoàn Kết")).toBe("phuong doan ket");
    expect(searchKey("Lai  Châu")).toBe("lai chau");
  });
  it("formats numbers in vi-VN", () => {
    expect(formatInteger(13054)).toBe("13.054");
    expect(formatPercent(98.8)).toBe("98,8%");
    expect(formatValue(null, "%")).toBe("—");
    expect(formatValue(3912345, "trang")).toBe("3.912.345");
  });
});
