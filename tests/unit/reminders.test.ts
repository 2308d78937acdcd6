import { describe, expect, it } from "vitest";
import { noticeEmail, noticeHeadline, noticeLink, lateListText } from "@/lib/domain/notices";
import { remindersDue } from "@/lib/domain/reminders";

// November 2026's report is due at the end of 5 December 2026, Vietnam time (UTC+7).
const at = (instant: string) => new Date(instant);

describe("remindersDue: the one kind whose window holds the day in Vietnam", () => {
  it.each([
    ["2026-12-02T16:59:59Z", []], // 23:59 on 2 December in Vietnam: three days before
    ["2026-12-02T17:00:00Z", [{ period: "2026-11", kind: "DUE_SOON" }]], // 00:00 on 3 December: two days before
    ["2026-12-04T10:00:00Z", [{ period: "2026-11", kind: "DUE_SOON" }]], // one day before
    ["2026-12-04T17:00:00Z", [{ period: "2026-11", kind: "DUE_TODAY" }]], // 00:00 on the 5th
    ["2026-12-05T16:59:59Z", [{ period: "2026-11", kind: "DUE_TODAY" }]], // 23:59:59 on the 5th
    ["2026-12-05T17:00:00Z", [{ period: "2026-11", kind: "LATE" }]], // the day after
    ["2026-12-12T16:59:59Z", [{ period: "2026-11", kind: "LATE" }]], // 7 days after
    ["2026-12-12T17:00:00Z", []], // 8 days after: too late for a list
    ["2026-11-28T03:00:00Z", []], // the end-to-end suite's instant: October's deadline long past, November running
  ])("at %s", (instant, expected) => {
    expect(remindersDue(at(instant))).toEqual(expected);
  });

  it("the new year: December's reminders in January, in Vietnam's calendar whatever the machine's zone", () => {
    expect(remindersDue(at("2027-01-03T17:00:00Z"))).toEqual([{ period: "2026-12", kind: "DUE_SOON" }]);
    expect(remindersDue(at("2027-01-04T17:00:00Z"))).toEqual([{ period: "2026-12", kind: "DUE_TODAY" }]);
  });

  it("a later deadline day moves every window", () => {
    expect(remindersDue(at("2026-12-05T10:00:00Z"), 10)).toEqual([]);
    expect(remindersDue(at("2026-12-08T10:00:00Z"), 10)).toEqual([{ period: "2026-11", kind: "DUE_SOON" }]);
  });
});

describe("reminder notices read in Vietnamese", () => {
  it("names the month, the commune and the deadline's date", () => {
    const soon = { kind: "DUE_SOON" as const, communeName: "Xã Mường Kim", period: "2026-11", comment: null };
    expect(noticeHeadline(soon)).toBe("Hạn nộp báo cáo tháng 11/2026 của Xã Mường Kim là ngày 05/12/2026");
    expect(noticeHeadline({ ...soon, kind: "DUE_TODAY" })).toBe(
      "Hôm nay (05/12/2026) là hạn nộp báo cáo tháng 11/2026 của Xã Mường Kim",
    );
    expect(noticeLink(soon)).toBe("/entry/2026-11");
    expect(noticeEmail(soon, "https://theodoi.laichau.gov.vn").text).toContain("chưa được nộp");
  });

  it("the province's list: the count, at most ten names, then how many more", () => {
    const names = Array.from({ length: 12 }, (_, i) => `Xã ${i + 1}`);
    const text = lateListText(names);
    expect(text).toBe(
      "12 xã, phường chưa nộp (Xã 1, Xã 2, Xã 3, Xã 4, Xã 5, Xã 6, Xã 7, Xã 8, Xã 9, Xã 10 và 2 đơn vị khác)",
    );
    const late = { kind: "LATE" as const, communeName: "Tỉnh Lai Châu", period: "2026-11", comment: text };
    expect(noticeHeadline(late)).toBe(`Báo cáo tháng 11/2026: ${text} đã quá hạn`);
    expect(noticeLink(late)).toBe("/completeness?period=2026-11");
  });
});
