import { describe, expect, it } from "vitest";
import {
  MAX_NOTICES_PAGE,
  NOTICE_AUDIENCE,
  NOTICE_KINDS,
  UNREAD_CAP,
  ZNoticeEmail,
  bellCountText,
  isMailable,
  kindsFor,
  noticeEmail,
  noticeHeadline,
  noticeKindFor,
  noticeLink,
  parseNoticesPage,
  receivesNotices,
} from "@/lib/domain/notices";
import { REVIEWER_ROLES, canReview } from "@/lib/domain/permissions";

const returned = {
  kind: "RETURNED" as const,
  communeName: "Xã Mường Kim",
  period: "2026-11",
  comment: "Đề nghị kiểm tra lại số trang số hoá.",
};

describe("who hears of what", () => {
  it("a submission goes to the reviewers, a return or an approval to the commune; reminders to the commune, the late list to the reviewers, a failed drill to the administrators", () => {
    expect(NOTICE_AUDIENCE).toEqual({
      SUBMITTED: "reviewers",
      RETURNED: "commune",
      APPROVED: "commune",
      DUE_SOON: "commune",
      DUE_TODAY: "commune",
      LATE: "reviewers",
      DRILL_FAILED: "administrators",
    });
    expect(kindsFor("reviewers")).toEqual(["SUBMITTED", "LATE"]);
    expect(kindsFor("commune")).toEqual(["RETURNED", "APPROVED", "DUE_SOON", "DUE_TODAY"]);
    expect(kindsFor("administrators")).toEqual(["DRILL_FAILED"]);
    expect([...kindsFor("reviewers"), ...kindsFor("commune"), ...kindsFor("administrators")].sort()).toEqual(
      [...NOTICE_KINDS].sort(),
    );
  });

  it("the reviewers are exactly the roles that may review", () => {
    for (const role of ["ADMIN", "PROVINCE", "COMMUNE", "ANALYST"] as const) {
      expect(REVIEWER_ROLES.includes(role), role).toBe(canReview({ role, orgUnitId: null }));
    }
  });

  it("the bell is for reviewers and commune staff; analysts receive nothing", () => {
    expect(receivesNotices({ role: "PROVINCE", orgUnitId: null })).toBe(true);
    expect(receivesNotices({ role: "ADMIN", orgUnitId: null })).toBe(true);
    expect(receivesNotices({ role: "COMMUNE", orgUnitId: 7 })).toBe(true);
    expect(receivesNotices({ role: "COMMUNE", orgUnitId: null })).toBe(false);
    expect(receivesNotices({ role: "ANALYST", orgUnitId: null })).toBe(false);
  });

  it("a status change gives its notice; a draft (saved, or reopened as one) tells nobody", () => {
    expect(noticeKindFor("SUBMITTED")).toBe("SUBMITTED");
    expect(noticeKindFor("RETURNED")).toBe("RETURNED");
    expect(noticeKindFor("APPROVED")).toBe("APPROVED");
    expect(noticeKindFor("DRAFT")).toBeNull();
  });
});

describe("in words", () => {
  it("says what happened, to which commune's report of which month", () => {
    expect(noticeHeadline({ ...returned, kind: "SUBMITTED", comment: null })).toBe(
      "Xã Mường Kim đã nộp báo cáo tháng 11/2026",
    );
    expect(noticeHeadline(returned)).toBe("Tỉnh đã trả lại báo cáo tháng 11/2026 của Xã Mường Kim");
    expect(noticeHeadline({ ...returned, kind: "APPROVED", comment: null })).toBe(
      "Tỉnh đã duyệt báo cáo tháng 11/2026 của Xã Mường Kim",
    );
  });

  it("links the commune to its month form and the reviewer to the month's queue", () => {
    expect(noticeLink(returned)).toBe("/entry/2026-11");
    expect(noticeLink({ kind: "APPROVED", period: "2026-11" })).toBe("/entry/2026-11");
    expect(noticeLink({ kind: "SUBMITTED", period: "2026-11" })).toBe("/approval?period=2026-11");
  });

  it("writes a Vietnamese e-mail with the comment first and links to the app", () => {
    const mail = noticeEmail(returned, "http://tracker.laichau.example/");
    expect(mail.subject).toBe("[Lai Châu 2 cấp] Tỉnh đã trả lại báo cáo tháng 11/2026 của Xã Mường Kim");
    const lines = mail.text.split("\n");
    expect(lines[0]).toBe("Tỉnh đã trả lại báo cáo tháng 11/2026 của Xã Mường Kim.");
    expect(lines[2]).toBe("Ý kiến của tỉnh: Đề nghị kiểm tra lại số trang số hoá.");
    expect(mail.text).toContain("Xem báo cáo: http://tracker.laichau.example/entry/2026-11");
    expect(mail.text).toContain("Tất cả thông báo: http://tracker.laichau.example/notices");
    const approved = noticeEmail({ ...returned, kind: "APPROVED", comment: null }, "http://x.example");
    expect(approved.text).not.toContain("Ý kiến");
    expect(approved.subject).toContain("đã duyệt");
  });

  it("counts the bell up to 99, then 99+", () => {
    expect(bellCountText(1)).toBe("1");
    expect(bellCountText(UNREAD_CAP - 1)).toBe("99");
    expect(bellCountText(UNREAD_CAP)).toBe("99+");
  });
});

describe("addresses", () => {
  it("mails real-looking addresses, never the reserved .invalid domain of demo accounts", () => {
    expect(isMailable("can.bo@laichau.gov.vn")).toBe(true);
    expect(isMailable("xa-03637@demo.invalid")).toBe(false);
    expect(isMailable("a@b.INVALID")).toBe(false);
    for (const bad of [
      null,
      undefined,
      "",
      "no-at-sign",
      "@laichau.gov.vn",
      "a@localhost",
      "a b@x.vn",
      "a@x.vn.",
      `${"a".repeat(250)}@x.vn`,
    ]) {
      expect(isMailable(bad), String(bad)).toBe(false);
    }
  });

  it("an address typed by an admin: trimmed, bounded, refused in Vietnamese", () => {
    expect(ZNoticeEmail.parse("  can.bo@laichau.gov.vn ")).toBe("can.bo@laichau.gov.vn");
    const message = (input: string) => ZNoticeEmail.safeParse(input).error?.issues[0]?.message;
    expect(message("")).toBe("Vui lòng nhập địa chỉ e-mail.");
    expect(message("khong-phai-email")).toMatch(/^Địa chỉ e-mail không hợp lệ/);
    expect(message(`${"a".repeat(250)}@x.vn`)).toBe("Địa chỉ e-mail dài tối đa 254 ký tự.");
  });
});

describe("?page= of /notices", () => {
  it("takes a whole number from 1 to the last page allowed", () => {
    expect(parseNoticesPage(undefined)).toEqual({ page: 1, error: null });
    expect(parseNoticesPage("3")).toEqual({ page: 3, error: null });
    expect(parseNoticesPage(["2", "9"])).toEqual({ page: 2, error: null });
    expect(parseNoticesPage(String(MAX_NOTICES_PAGE))).toEqual({ page: MAX_NOTICES_PAGE, error: null });
  });

  it("anything else shows page 1 with a message", () => {
    for (const bad of ["0", "-1", "1.5", "abc", "", String(MAX_NOTICES_PAGE + 1), "99999999999999999999"]) {
      const r = parseNoticesPage(bad);
      expect(r.page, bad).toBe(1);
      expect(r.error, bad).toMatch(/^Số trang phải là số nguyên từ 1 đến 500/);
    }
  });
});
