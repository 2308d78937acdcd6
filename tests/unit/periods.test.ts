import { describe, expect, it } from "vitest";
import {
  addMonths,
  currentPeriod,
  daysUntilDeadline,
  formatPeriodVi,
  formatRangeVi,
  isOnTime,
  isPeriod,
  lastFullMonth,
  lastOverduePeriod,
  periodsInRange,
  previousRange,
  quarterOf,
  reportDeadline,
  reportingPhase,
  vietnamDate,
  vietnamDay,
} from "@/lib/domain/periods";
import { reportingStanding, splitByDeadline } from "@/lib/domain/reporting";
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

describe("Vietnam's calendar: open, due, overdue", () => {
  // 05:30 on 1 December 2026 in Vietnam is 22:30 on 30 November in UTC.
  const dec1Morning = new Date("2026-11-30T22:30:00Z");
  it("reads the date in Asia/Ho_Chi_Minh whatever the machine's time zone", () => {
    expect(vietnamDate(dec1Morning)).toEqual({ year: 2026, month: 12, day: 1 });
    expect(currentPeriod(dec1Morning)).toBe("2026-12");
    expect(currentPeriod(new Date("2026-12-31T17:10:00Z"))).toBe("2027-01"); // 00:10 on 1 January 2027
    expect(vietnamDay(new Date("2028-02-29T05:00:00Z"))).toBe("2028-02-29");
  });
  it("a month is open while it runs, due until the end of the 5th, overdue after", () => {
    expect(reportingPhase("2026-12", dec1Morning)).toBe("open");
    expect(reportingPhase("2027-01", dec1Morning)).toBe("future");
    expect(reportingPhase("2026-11", dec1Morning)).toBe("due");
    expect(reportingPhase("2026-07", new Date("2026-08-05T16:59:00Z"))).toBe("due"); // 23:59 on 5 August
    expect(reportingPhase("2026-07", new Date("2026-08-05T17:01:00Z"))).toBe("overdue"); // 00:01 on 6 August
    expect(reportingPhase("2026-07", new Date("2026-08-05T17:01:00Z"), 10)).toBe("due"); // a province with the 10th
  });
  it("counts the days left in Vietnam's days", () => {
    expect(daysUntilDeadline("2026-11", dec1Morning)).toBe(4);
    expect(daysUntilDeadline("2026-07", new Date("2026-08-05T16:59:00Z"))).toBe(0);
    expect(daysUntilDeadline("2026-07", new Date("2026-08-05T17:01:00Z"))).toBe(-1);
  });
  it("the newest overdue month", () => {
    expect(lastOverduePeriod(dec1Morning)).toBe("2026-10");
    expect(lastOverduePeriod(new Date("2026-12-05T17:01:00Z"))).toBe("2026-11");
  });
});

describe("reporting standing: due is not late", () => {
  const dec3 = new Date("2026-12-03T03:00:00Z");
  it("splits a range at the deadline", () => {
    expect(splitByDeadline({ from: "2026-10", to: "2026-11" }, dec3)).toEqual({
      overdue: { from: "2026-10", to: "2026-10" },
      inTime: { from: "2026-11", to: "2026-11" },
    });
    expect(splitByDeadline({ from: "2026-11", to: "2026-11" }, dec3)).toEqual({
      overdue: null,
      inTime: { from: "2026-11", to: "2026-11" },
    });
    expect(splitByDeadline({ from: "2026-11", to: "2026-11" }, new Date("2026-12-06T03:00:00Z"))).toEqual({
      overdue: { from: "2026-11", to: "2026-11" },
      inTime: null,
    });
  });
  it("counts what is in, what is still within the deadline and what is late", () => {
    const split = splitByDeadline({ from: "2026-10", to: "2026-11" }, dec3);
    const s = reportingStanding(
      { overdue: { expected: 38, received: 35 }, inTime: { expected: 38, received: 20 } },
      split.inTime,
      dec3,
    );
    expect(s).toEqual({
      expected: 76,
      received: 55,
      pending: 18,
      overdue: 3,
      nextDeadline: { period: "2026-11", at: new Date("2026-12-05T16:59:59.999Z"), daysLeft: 2 },
    });
  });
});
