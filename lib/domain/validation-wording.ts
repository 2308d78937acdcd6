/**
 * How a validation issue (lib/domain/validation.ts) is worded: its Vietnamese message, as stored and audited, and the
 * rule and figures another language needs to say the same (the catalogue's `validation` namespace, i18n/validation.ts).
 */
import { type RawCode, rawIndicator } from "./indicators";
import type { ValidationIssue } from "./validation";
import type { Wording } from "./wording";

const viInteger = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 6 });
const n = (v: number) => viInteger.format(v);
const label = (code: RawCode) => rawIndicator(code).nameVi;

/**
 * The rule an issue breaks and its figures, for saying its message in another language: the interface words `rule`
 * with the catalogue's `validation` namespace (messages/*.json), the field's name as `{name}` and these values. The
 * Vietnamese catalogue words each rule exactly as `message` does (tests/unit/message-catalogues.test.ts).
 */
export type IssueWording = Wording<ValidationRule>;

// Kept beside the issues this module makes rather than on them: an issue stays { field, key, message } wherever it
// is stored, compared or sent. An issue that crossed the network has no wording: its message is worded already.
const WORDINGS = new WeakMap<ValidationIssue, IssueWording>();

/** How to word an issue made by validateMonth or parseMonthValues in this process; undefined for any other. */
export function issueWording(issue: ValidationIssue): IssueWording | undefined {
  return WORDINGS.get(issue);
}

export type ValidationRule =
  | "notANumber"
  | "notInteger"
  | "negative"
  | "tooLarge"
  | "flagOnly"
  | "ambiguous"
  | "missing"
  | "onlineGtReceived"
  | "resolvedGtAvailable"
  | "digitisedGtDossiers"
  | "feedbackResolvedGtReceived"
  | "outlierHigh"
  | "outlierLow"
  | "staffAboveQuota";

/** A rule's Vietnamese message for the field `code` (the catalogue's `validation` namespace says the same). */
export function validationMessageVi(
  rule: ValidationRule,
  code: RawCode,
  values: Record<string, number | string> = {},
): string {
  const f = (k: string) => (typeof values[k] === "number" ? n(values[k]) : String(values[k]));
  const name = label(code);
  switch (rule) {
    case "notANumber":
      return `${name}: giá trị nhập không phải là số`;
    case "notInteger":
      return `${name} (${f("value")}) phải là số nguyên`;
    case "negative":
      return `${name} (${f("value")}) không được là số âm`;
    case "tooLarge":
      return `${name} (${f("value")}) vượt quá giới hạn ${f("max")}`;
    case "flagOnly":
      return `${name} (${f("value")}) chỉ nhận 0 (không) hoặc 1 (có)`;
    case "ambiguous":
      return `${name}: ${f("reading")}`;
    case "missing":
      return `Chưa nhập: ${name}`;
    case "onlineGtReceived":
      return `Số hồ sơ trực tuyến (${f("online")}) không được lớn hơn số hồ sơ tiếp nhận (${f("received")})`;
    case "resolvedGtAvailable":
      return `Số hồ sơ đã giải quyết (trước hạn + đúng hạn + quá hạn = ${f("resolved")}) không được lớn hơn số hồ sơ còn đang giải quyết cuối tháng trước (${f("pending")}) cộng số tiếp nhận trong tháng (${f("received")}) = ${f("available")}`;
    case "digitisedGtDossiers":
      return `Số hồ sơ TTHC được số hoá (${f("digitised")}) không được lớn hơn số hồ sơ đã giải quyết (${f("resolved")}) cộng đang giải quyết cuối kỳ (${f("pending")}) = ${f("total")}`;
    case "feedbackResolvedGtReceived":
      return `Số phản ánh, kiến nghị đã xử lý (${f("resolved")}) không được lớn hơn số phản ánh, kiến nghị tiếp nhận (${f("received")})`;
    case "outlierHigh":
      return `${name} (${f("value")}) lớn hơn 3 lần trung vị ${f("months")} tháng trước (${f("median")})`;
    case "outlierLow":
      return `${name} (${f("value")}) nhỏ hơn 1/3 trung vị ${f("months")} tháng trước (${f("median")})`;
    case "staffAboveQuota":
      return `Tổng số cán bộ, công chức, viên chức (${f("staff")}) vượt biên chế được giao (${f("quota")})`;
  }
}

/** An issue about `field`, its Vietnamese message worded from the rule and values. */
export function issue(
  field: RawCode,
  key: string,
  rule: ValidationRule,
  values: Record<string, number | string> = {},
): ValidationIssue {
  return worded({ field, key, message: validationMessageVi(rule, field, values) }, { rule, values });
}

export function worded(issue: ValidationIssue, wording: IssueWording | undefined): ValidationIssue {
  if (wording) WORDINGS.set(issue, wording);
  return issue;
}
