/**
 * Notices of the review workflow (the bell in the header, /notices, and the same notices by e-mail): which status
 * change gives which notice, who receives it, and how it reads in Vietnamese. Pure: lib/data/notices.ts stores them,
 * lib/mail/notices.ts sends them.
 */
import { z } from "zod";
import type { ReportStatus } from "./report-status";
import { formatDateVi } from "./format";
import { formatPeriodVi, reportDeadline } from "./periods";
import { type Actor, canReview } from "./permissions";
import type { SchemaRules } from "./wording";

/**
 * Status changes (SUBMITTED, RETURNED, APPROVED), deadline reminders (lib/domain/reminders.ts) and a failed restore
 * drill (DRILL_FAILED, scripts/db-drill.ts).
 */
export const NOTICE_KINDS = [
  "SUBMITTED",
  "RETURNED",
  "APPROVED",
  "DUE_SOON",
  "DUE_TODAY",
  "LATE",
  "DRILL_FAILED",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * Reports arriving concern the reviewers (canReview); a return or an approval concerns the commune that reported; the
 * installation's own health (a failed restore drill) concerns its administrators.
 */
export type NoticeAudience = "reviewers" | "commune" | "administrators";
export const NOTICE_AUDIENCE: Record<NoticeKind, NoticeAudience> = {
  SUBMITTED: "reviewers",
  RETURNED: "commune",
  APPROVED: "commune",
  DUE_SOON: "commune",
  DUE_TODAY: "commune",
  LATE: "reviewers",
  DRILL_FAILED: "administrators",
};

export function kindsFor(audience: NoticeAudience): NoticeKind[] {
  return NOTICE_KINDS.filter((k) => NOTICE_AUDIENCE[k] === audience);
}

/** Whether notices ever reach this account (the header shows the bell only then): reviewers and commune staff. */
export function receivesNotices(actor: Actor): boolean {
  return canReview(actor) || (actor.role === "COMMUNE" && actor.orgUnitId !== null);
}

/**
 * The notice a report's new status gives, or none. A report reopened as RETURNED (with a reason) is a return to the
 * commune; one reopened as DRAFT, or saved as a draft, tells nobody.
 */
export function noticeKindFor(to: ReportStatus): NoticeKind | null {
  return to === "SUBMITTED" || to === "RETURNED" || to === "APPROVED" ? to : null;
}

export interface NoticeFacts {
  kind: NoticeKind;
  communeName: string;
  period: string;
  /** The province's comment (returns); the late communes' names (LATE). */
  comment: string | null;
}

/** A notice to send by e-mail: its facts and the recipient's address. */
export interface NoticeMail extends NoticeFacts {
  to: string;
}

export const NOTICE_KIND_LABEL_VI: Record<NoticeKind, string> = {
  SUBMITTED: "Báo cáo mới nộp",
  RETURNED: "Báo cáo bị trả lại",
  APPROVED: "Báo cáo đã được duyệt",
  DUE_SOON: "Sắp đến hạn nộp báo cáo",
  DUE_TODAY: "Hôm nay là hạn nộp báo cáo",
  LATE: "Xã, phường nộp báo cáo quá hạn",
  DRILL_FAILED: "Diễn tập khôi phục sao lưu thất bại",
};

/** One line that says what happened: the notice's title on /notices and the e-mail's subject. */
export function noticeHeadline(n: NoticeFacts): string {
  const month = formatPeriodVi(n.period);
  switch (n.kind) {
    case "SUBMITTED":
      return `${n.communeName} đã nộp báo cáo tháng ${month}`;
    case "RETURNED":
      return `Tỉnh đã trả lại báo cáo tháng ${month} của ${n.communeName}`;
    case "APPROVED":
      return `Tỉnh đã duyệt báo cáo tháng ${month} của ${n.communeName}`;
    case "DUE_SOON":
      return `Hạn nộp báo cáo tháng ${month} của ${n.communeName} là ngày ${formatDateVi(reportDeadline(n.period))}`;
    case "DUE_TODAY":
      return `Hôm nay (${formatDateVi(reportDeadline(n.period))}) là hạn nộp báo cáo tháng ${month} của ${n.communeName}`;
    case "LATE":
      return `Báo cáo tháng ${month}: ${n.comment ?? "có xã, phường chưa nộp"} đã quá hạn`;
    case "DRILL_FAILED":
      return "Diễn tập khôi phục sao lưu thất bại: bản sao lưu mới nhất chưa chắc khôi phục được";
  }
}

/** Where the recipient acts on it: the commune's month form, or the review queue of the month. */
export function noticeLink(n: Pick<NoticeFacts, "kind" | "period">): string {
  if (n.kind === "LATE") return `/completeness?period=${n.period}`;
  if (n.kind === "DRILL_FAILED") return "/notices";
  return NOTICE_AUDIENCE[n.kind] === "commune" ? `/entry/${n.period}` : `/approval?period=${n.period}`;
}

/** The LATE notice's summary of who is late: the count, then the names (at most `shown`, then "và N đơn vị khác"). */
export function lateListText(names: readonly string[], shown = 10): string {
  const total = names.length;
  const listed = names.slice(0, shown).join(", ");
  const more = total > shown ? ` và ${total - shown} đơn vị khác` : "";
  return `${total} xã, phường chưa nộp (${listed}${more})`;
}

export const MAIL_SUBJECT_PREFIX = "[Lai Châu 2 cấp]";

/** Every line break of a comment as LF (nodemailer writes CRLF): a bare CR must not reach an e-mail body. */
function withLfBreaks(text: string): string {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n");
}

/** The e-mail of a notice, plain text, Vietnamese. `baseUrl` is the app's public address (BETTER_AUTH_URL). */
export function noticeEmail(n: NoticeFacts, baseUrl: string): { subject: string; text: string } {
  const base = baseUrl.replace(/\/+$/, "");
  const lines = [noticeHeadline(n) + "."];
  if (n.kind === "RETURNED" && n.comment) lines.push("", `Ý kiến của tỉnh: ${withLfBreaks(n.comment)}`);
  if (n.kind === "RETURNED") lines.push("", "Vui lòng sửa báo cáo theo ý kiến trên rồi nộp lại.");
  if (n.kind === "DRILL_FAILED" && n.comment)
    lines.push(
      "",
      `Kết quả diễn tập: ${withLfBreaks(n.comment)}`,
      "",
      "Hãy kiểm tra ngay sao lưu pgBackRest và nhật ký của npm run db:drill trên máy chủ cơ sở dữ liệu (deploy/README.md).",
    );
  if (n.kind === "DUE_SOON" || n.kind === "DUE_TODAY")
    lines.push("", "Báo cáo của tháng này chưa được nộp. Vui lòng hoàn thành và nộp trước hạn.");
  lines.push(
    "",
    `Xem báo cáo: ${base}${noticeLink(n)}`,
    `Tất cả thông báo: ${base}/notices`,
    "",
    "Thư này được gửi tự động từ hệ thống theo dõi chính quyền địa phương 2 cấp tỉnh Lai Châu; vui lòng không trả lời thư này.",
  );
  return { subject: `${MAIL_SUBJECT_PREFIX} ${noticeHeadline(n)}`, text: lines.join("\n") };
}

/**
 * Whether notices may be mailed to this address: one that looks like an address, outside the reserved `.invalid`
 * domain (RFC 6761: never delivered), which the demo accounts and accounts without a known address use.
 */
export function isMailable(email: string | null | undefined): email is string {
  if (!email || email.length > MAX_EMAIL_LENGTH) return false;
  const at = email.lastIndexOf("@");
  if (at < 1 || /[\s<>,;"]/.test(email)) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return domain.includes(".") && !domain.startsWith(".") && !domain.endsWith(".") && !/(^|\.)invalid$/.test(domain);
}

/** RFC 5321's limit on a forward path. */
export const MAX_EMAIL_LENGTH = 254;

/** The bell counts up to this many unread notices and then says "99+". */
export const UNREAD_CAP = 100;

export function bellCountText(unread: number): string {
  return unread >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : String(unread);
}

export const NOTICES_PAGE_SIZE = 20;
/** Further back than this, the notices page refuses to go (20 × 500 = the newest 10.000 notices). */
export const MAX_NOTICES_PAGE = 500;

/** `?page=` of /notices: a whole number from 1 to MAX_NOTICES_PAGE, or page 1 with a message. */
export function parseNoticesPage(raw: string | string[] | undefined): { page: number; error: string | null } {
  if (raw === undefined) return { page: 1, error: null };
  const text = Array.isArray(raw) ? (raw[0] ?? "") : raw;
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > MAX_NOTICES_PAGE) {
    return { page: 1, error: `Số trang phải là số nguyên từ 1 đến ${MAX_NOTICES_PAGE}; đang hiển thị trang 1.` };
  }
  return { page: Number(text), error: null };
}

/** The mark-as-read form's notice id (the catalogue's `dataErrors.notices` says the same). */
export const NOTICE_ID_RULES = { badNotice: { vi: "Thông báo không hợp lệ." } } as const satisfies SchemaRules;

/** ZNoticeEmail's messages by rule (the catalogue's `dataErrors.email` says the same). */
export const EMAIL_RULES = {
  missing: { vi: "Vui lòng nhập địa chỉ e-mail." },
  tooLong: { vi: `Địa chỉ e-mail dài tối đa ${MAX_EMAIL_LENGTH} ký tự.`, values: { max: MAX_EMAIL_LENGTH } },
  invalid: { vi: "Địa chỉ e-mail không hợp lệ (ví dụ: can.bo@laichau.gov.vn)." },
} as const satisfies SchemaRules;

/** An address typed on /admin/users: trimmed, at most 254 characters, an e-mail address. */
export const ZNoticeEmail = z
  .string()
  .trim()
  .min(1, EMAIL_RULES.missing.vi)
  .max(MAX_EMAIL_LENGTH, EMAIL_RULES.tooLong.vi)
  .pipe(z.email(EMAIL_RULES.invalid.vi));
