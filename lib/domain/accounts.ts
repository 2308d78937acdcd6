/**
 * Accounts as a province manages them: usernames, roles, what each account needs, and how account changes read in the
 * audit log. Pure; lib/data/accounts.ts stores them.
 */
import { z } from "zod";
import { type Role, ROLE_LABEL_VI } from "./permissions";
import { cleanText, searchKey } from "./text";
import { type SchemaRules, type Wording } from "./wording";

export const ROLES: readonly Role[] = ["ADMIN", "PROVINCE", "ANALYST", "COMMUNE"];

/** Usernames: 3–40 characters of a fixed set, kept and compared in lower case. */
export const USERNAME_RE = /^[a-z0-9][a-z0-9_.-]{2,39}$/;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * The account rules a refusal names (the catalogue's `dataErrors.account`), each with its Vietnamese message: the
 * username's, the commune's, the name's (ZAccountName's messages), and the account forms' role and 6-digit code.
 */
export const ACCOUNT_RULES = {
  badUsername: {
    vi: "Tên đăng nhập dài 3–40 ký tự, chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (bắt đầu bằng chữ hoặc số).",
  },
  communeRequired: { vi: "Tài khoản cấp xã phải gắn với một xã, phường." },
  communeOnlyForCommune: { vi: "Chỉ tài khoản cấp xã mới gắn với một xã, phường." },
  nameMissing: { vi: "Vui lòng nhập họ tên." },
  nameTooLong: { vi: "Họ tên tối đa 120 ký tự.", values: { max: 120 } },
  nameWithoutLetters: { vi: "Họ tên phải có chữ." },
  roleMissing: { vi: "Vui lòng chọn vai trò." },
  secondFactorCode: { vi: "Mã xác thực gồm 6 chữ số." },
} as const satisfies SchemaRules;

/** An API token's name, as the profile's form asks for it (the catalogue's `dataErrors.apiTokens` says the same). */
export const TOKEN_NAME_RULES = {
  nameRequired: { vi: "Vui lòng đặt tên cho mã truy cập" },
  nameTooLong: { vi: "Tên tối đa 100 ký tự", values: { max: 100 } },
} as const satisfies SchemaRules;
export type AccountRule = keyof typeof ACCOUNT_RULES;

const refusal = (rule: AccountRule): Wording<AccountRule> => ({ rule, values: {} });

/** Why a username cannot be used, as a rule, or null. */
export function usernameRefusal(username: string): Wording<AccountRule> | null {
  return USERNAME_RE.test(normalizeUsername(username)) ? null : refusal("badUsername");
}

export function usernameProblem(username: string): string | null {
  const r = usernameRefusal(username);
  return r && ACCOUNT_RULES[r.rule].vi;
}

/** A role as typed in a form, a console or a spreadsheet: its code or its Vietnamese label, in any case. */
export function parseRole(text: string): Role | null {
  const key = searchKey(text);
  for (const role of ROLES) {
    if (key === role.toLowerCase() || key === searchKey(ROLE_LABEL_VI[role])) return role;
  }
  const words: Record<string, Role> = {
    "quan tri": "ADMIN",
    tinh: "PROVINCE",
    "phan tich": "ANALYST",
    xa: "COMMUNE",
    phuong: "COMMUNE",
  };
  return words[key] ?? null;
}

/** A commune account belongs to exactly one commune; no other role has one. */
export function communeRefusal(role: Role, hasCommune: boolean): Wording<AccountRule> | null {
  if (role === "COMMUNE" && !hasCommune) return refusal("communeRequired");
  if (role !== "COMMUNE" && hasCommune) return refusal("communeOnlyForCommune");
  return null;
}

export function communeProblem(role: Role, hasCommune: boolean): string | null {
  const r = communeRefusal(role, hasCommune);
  return r && ACCOUNT_RULES[r.rule].vi;
}

/** The username offered for a new account: xa-<code> for a commune's first, then xa-<code>-2, -3…; otherwise from the name. */
export function suggestUsername(
  input: { role: Role; communeCode: string | null; name: string },
  taken: (u: string) => boolean,
): string {
  const base =
    input.role === "COMMUNE" && input.communeCode
      ? `xa-${input.communeCode}`
      : searchKey(input.name)
          .replace(/[^a-z0-9]+/g, ".")
          .replace(/^\.+|\.+$/g, "")
          .slice(0, 34) || "taikhoan";
  const start = USERNAME_RE.test(base) ? base : `tk-${base}`.slice(0, 34);
  if (!taken(start)) return start;
  for (let i = 2; ; i++) {
    const candidate = `${start}-${i}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Hours an activation code signs in (ASVS 6.4.1: short-lived). */
export const ACTIVATION_HOURS = 72;
/** Hours the first-run setup address works. */
export const SETUP_HOURS = 24;

export const ZAccountName = z
  .string()
  .max(1000)
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, ACCOUNT_RULES.nameMissing.vi)
      .max(ACCOUNT_RULES.nameTooLong.values.max, ACCOUNT_RULES.nameTooLong.vi)
      .regex(/[\p{L}\p{N}]/u, ACCOUNT_RULES.nameWithoutLetters.vi),
  );

/** How an account is named in the audit log and on the page: "xa-03637 (Xã Mường Kim, vai trò Xã)". */
export function accountWords(a: { username: string; role: Role; communeName: string | null }): string {
  const role = `vai trò ${ROLE_LABEL_VI[a.role]}`;
  return `${a.username} (${a.communeName ? `${a.communeName}, ${role}` : role})`;
}
