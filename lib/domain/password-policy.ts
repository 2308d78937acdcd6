/**
 * What a password must be (OWASP ASVS 5.0, V6.2): long enough, not among the most common ones, not built from the
 * account's own names; any characters, spaces and Vietnamese included, no composition rules, no forced change.
 * Pure: the list of common passwords is handed in (lib/auth/common-passwords.ts reads data/common-passwords.txt).
 */
import { searchKey } from "./text";
import type { Wording } from "./wording";

/** ASVS 6.2.1: at least 8 characters; 15 is what the forms recommend (6.2.1's "SHOULD"). */
export const MIN_PASSWORD_LENGTH = 8;
export const RECOMMENDED_PASSWORD_LENGTH = 15;
/** ASVS 6.2.9: at least 64 characters allowed. */
export const MAX_PASSWORD_LENGTH = 128;

/**
 * The form a password is kept and compared in: Unicode NFC, so that "Lai Châu" typed with a composing keyboard
 * (â as a + ̂) and with a precomposed one is the same password. Nothing else is changed (no trimming: 6.2.3).
 */
export function normalizePassword(password: string): string {
  return password.normalize("NFC");
}

/** Length as a person counts it: characters (code points), not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

export interface PasswordContext {
  username: string;
  /** The province's name, the commune's, the person's own: none may be inside the password. */
  names: readonly string[];
  /** Whether the password (lower case) is on the list of common passwords. */
  isCommon: (lowerCase: string) => boolean;
}

/** The key names and passwords are compared on: lower case, accents and spaces gone ("Lai Châu" → "laichau"). */
function squeezed(text: string): string {
  return searchKey(text).replace(/[^a-z0-9]/g, "");
}

export type PasswordRule =
  "tooShort" | "tooLong" | "controlCharacter" | "common" | "containsUsername" | "containsName" | "confirmationDiffers";

/** Why the password is refused, as a rule and its figures (the catalogue's `dataErrors.password`), or null. */
export function passwordRefusal(password: string, context: PasswordContext): Wording<PasswordRule> | null {
  const pw = normalizePassword(password);
  const length = passwordLength(pw);
  if (length < MIN_PASSWORD_LENGTH) {
    return { rule: "tooShort", values: { min: MIN_PASSWORD_LENGTH, recommended: RECOMMENDED_PASSWORD_LENGTH } };
  }
  if (length > MAX_PASSWORD_LENGTH) return { rule: "tooLong", values: { max: MAX_PASSWORD_LENGTH } };
  if (/[\u0000-\u001f\u007f]/.test(pw)) return { rule: "controlCharacter", values: {} };
  if (context.isCommon(pw.toLowerCase())) return { rule: "common", values: {} };
  const key = squeezed(pw);
  const user = squeezed(context.username);
  if (user.length >= 3 && key.includes(user)) return { rule: "containsUsername", values: {} };
  for (const name of context.names) {
    const n = squeezed(name);
    if (n.length >= 4 && key.includes(n)) return { rule: "containsName", values: { name } };
  }
  return null;
}

/** The checks of a new password typed twice, with the same refusals on every form. */
export function newPasswordRefusal(
  password: string,
  confirmation: string,
  context: PasswordContext,
): Wording<PasswordRule> | null {
  if (normalizePassword(password) !== normalizePassword(confirmation)) {
    return { rule: "confirmationDiffers", values: {} };
  }
  return passwordRefusal(password, context);
}

/** A refusal's Vietnamese message (the catalogue's `dataErrors.password` says the same). */
export function passwordMessageVi(refusal: Wording<PasswordRule>): string {
  const v = refusal.values;
  switch (refusal.rule) {
    case "tooShort":
      return `Mật khẩu cần ít nhất ${v.min} ký tự (nên dùng từ ${v.recommended} ký tự, ví dụ một câu dễ nhớ).`;
    case "tooLong":
      return `Mật khẩu dài tối đa ${v.max} ký tự.`;
    case "controlCharacter":
      return "Mật khẩu không được chứa ký tự điều khiển.";
    case "common":
      return "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.";
    case "containsUsername":
      return "Mật khẩu không được chứa tên đăng nhập.";
    case "containsName":
      return `Mật khẩu không được chứa tên “${v.name}”.`;
    case "confirmationDiffers":
      return "Hai lần nhập mật khẩu mới không giống nhau.";
  }
}

/** Why the password is refused, in Vietnamese, or null when it may be used. */
export function passwordProblem(password: string, context: PasswordContext): string | null {
  const refusal = passwordRefusal(password, context);
  return refusal && passwordMessageVi(refusal);
}

/** The checks of a new password typed twice, in Vietnamese. */
export function newPasswordProblem(password: string, confirmation: string, context: PasswordContext): string | null {
  const refusal = newPasswordRefusal(password, confirmation, context);
  return refusal && passwordMessageVi(refusal);
}
