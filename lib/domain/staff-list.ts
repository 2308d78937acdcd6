/**
 * A province's staff list as a spreadsheet (CSV or .xlsx): one row per person, columns "Họ và tên", "Tên đăng nhập"
 * (optional), "Vai trò", "Xã, phường" (code or name; commune accounts only), "E-mail" (optional). Pure: the rows as
 * read (lib/data/staff-list.ts reads the file), checked against the communes, with every error's row number, rule and
 * figures (worded in the viewer's language by the catalogue) and its Vietnamese message. A list never holds a password.
 */
import { ROLE_LABEL_VI, type Role } from "./permissions";
import {
  ACCOUNT_RULES,
  type AccountRule,
  communeRefusal,
  normalizeUsername,
  parseRole,
  usernameRefusal,
} from "./accounts";
import { cleanText, searchKey } from "./text";
import type { SchemaRules, Wording } from "./wording";

/** Rows after the header; a province has a few hundred staff accounts at most. */
export const STAFF_LIST_MAX_ROWS = 5000;
export const STAFF_LIST_MAX_BYTES = 2 * 2 ** 20;

/** The upload form's messages by rule (the catalogue's `dataErrors.staffList` says the same). */
export const STAFF_FILE_RULES = {
  fileMissing: { vi: "Vui lòng chọn tệp danh sách (.xlsx hoặc .csv)." },
  fileTooLarge: {
    vi: `Tệp quá lớn: tối đa ${STAFF_LIST_MAX_BYTES / 2 ** 20} MB.`,
    values: { mb: String(STAFF_LIST_MAX_BYTES / 2 ** 20) },
  },
} as const satisfies SchemaRules;

const COLUMNS = {
  name: ["ho va ten", "ho ten", "name", "full name"],
  username: ["ten dang nhap", "username"],
  role: ["vai tro", "role"],
  commune: ["xa, phuong", "xa phuong", "ma xa", "commune", "don vi"],
  email: ["e-mail", "email", "thu dien tu"],
} as const;
type Column = keyof typeof COLUMNS;

export interface StaffRow {
  /** The row's number in the file (the header is row 1). */
  line: number;
  name: string;
  username: string | null;
  role: Role;
  communeCode: string | null;
  email: string | null;
}

/** The rules a row (or the list) breaks; an account's own rules (ACCOUNT_RULES) are named by the account's area. */
export type StaffListRule =
  | "emptyFile"
  | "missingColumns"
  | "tooManyRows"
  | "nameMissing"
  | "nameTooLong"
  | "badRole"
  | "noCommune"
  | "duplicateUsername"
  | "badEmail"
  | "noRows"
  | "emailTaken";

/**
 * How a problem is worded in any language: the catalogue's `dataErrors.<area>.<rule>` with its figures, where the
 * area is `staffListLines` for the list's rules and `account` for an account's (ACCOUNT_RULES).
 */
export type StaffListWording =
  ({ area: "staffListLines" } & Wording<StaffListRule>) | ({ area: "account" } & Wording<AccountRule>);

export interface StaffListProblem {
  line: number;
  /** In Vietnamese, as the list's problems have always been worded. */
  message: string;
  wording: StaffListWording;
}

/** A staff list rule's Vietnamese message (the catalogue's `dataErrors.staffListLines` says the same). */
export function staffListMessageVi(w: Wording<StaffListRule>): string {
  const v = w.values;
  switch (w.rule) {
    case "emptyFile":
      return "Tệp trống: cần dòng tiêu đề và ít nhất một dòng.";
    case "missingColumns":
      return `Dòng tiêu đề thiếu cột: ${v.columns}.`;
    case "tooManyRows":
      return `Danh sách có ${v.n} dòng, tối đa ${v.max} dòng.`;
    case "nameMissing":
      return "Thiếu họ và tên.";
    case "nameTooLong":
      return `Họ tên dài quá ${v.max} ký tự.`;
    case "badRole":
      return `Vai trò “${v.role}” không hợp lệ (${v.admin}, ${v.province}, ${v.analyst}, ${v.commune}).`;
    case "noCommune":
      return `Không có xã, phường “${v.commune}” trong tỉnh.`;
    case "duplicateUsername":
      return `Tên đăng nhập “${v.username}” trùng với dòng ${v.line}.`;
    case "badEmail":
      return `E-mail “${v.email}” không hợp lệ.`;
    case "noRows":
      return "Danh sách không có dòng nào.";
    case "emailTaken":
      return `E-mail “${v.email}” đã dùng cho tài khoản ${v.username}.`;
  }
}

/** A problem of row `line`: the list's rule or an account's, its Vietnamese message and its wording. */
export function staffListProblem(line: number, wording: StaffListWording): StaffListProblem {
  const message = wording.area === "account" ? ACCOUNT_RULES[wording.rule].vi : staffListMessageVi(wording);
  return { line, message, wording };
}

const listRule = (rule: StaffListRule, values: Wording["values"] = {}): StaffListWording => ({
  area: "staffListLines",
  rule,
  values,
});

export interface ParsedStaffList {
  rows: StaffRow[];
  problems: StaffListProblem[];
}

/** Which column each header names (by its Vietnamese or English name, any case or accents), or a problem. */
export function mapHeader(header: readonly string[]): {
  columns: Partial<Record<Column, number>>;
  problem: StaffListWording | null;
} {
  const columns: Partial<Record<Column, number>> = {};
  header.forEach((cell, i) => {
    const key = searchKey(cleanText(cell)).replace(/\s*\(.*\)$/, "");
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (names.includes(key) && columns[column] === undefined) columns[column] = i;
    }
  });
  const missing = (["name", "role"] as Column[]).filter((c) => columns[c] === undefined);
  const labels: Record<Column, string> = {
    name: "Họ và tên",
    username: "Tên đăng nhập",
    role: "Vai trò",
    commune: "Xã, phường",
    email: "E-mail",
  };
  return {
    columns,
    problem: missing.length
      ? listRule("missingColumns", { columns: missing.map((c) => `“${labels[c]}”`).join(", ") })
      : null,
  };
}

/** A commune named by its code (leading zeros a spreadsheet dropped are put back) or by its name, with or without "Xã". */
export function findCommune(
  text: string,
  communes: readonly { code: string; name: string; fullName: string }[],
): string | null {
  const t = cleanText(text);
  if (/^\d{1,5}$/.test(t)) {
    const code = t.padStart(5, "0");
    return communes.find((c) => c.code === code)?.code ?? null;
  }
  const key = searchKey(t);
  return communes.find((c) => searchKey(c.fullName) === key || searchKey(c.name) === key)?.code ?? null;
}

/** Checks every row; a list with any problem is refused whole (lib/data/staff-list.ts commits all or nothing). */
export function parseStaffList(
  table: readonly (readonly string[])[],
  communes: readonly { code: string; name: string; fullName: string }[],
): ParsedStaffList {
  const problems: StaffListProblem[] = [];
  const rows: StaffRow[] = [];
  const header = table[0];
  if (!header) return { rows, problems: [staffListProblem(1, listRule("emptyFile"))] };
  const { columns, problem } = mapHeader(header);
  if (problem) return { rows, problems: [staffListProblem(1, problem)] };
  if (table.length - 1 > STAFF_LIST_MAX_ROWS) {
    const values = { n: String(table.length - 1), max: String(STAFF_LIST_MAX_ROWS) };
    return { rows, problems: [staffListProblem(1, listRule("tooManyRows", values))] };
  }
  const usernames = new Map<string, number>();
  table.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const cell = (c: Column) => (columns[c] === undefined ? "" : cleanText(String(cells[columns[c]!] ?? "")));
    if (cells.every((c) => cleanText(String(c ?? "")) === "")) return; // a blank line
    const fail = (wording: StaffListWording) => problems.push(staffListProblem(line, wording));
    const name = cell("name");
    if (!name || !/[\p{L}\p{N}]/u.test(name)) return fail(listRule("nameMissing"));
    if (name.length > 120) return fail(listRule("nameTooLong", { max: "120" }));
    const role = parseRole(cell("role"));
    if (!role) {
      const labels = { admin: ROLE_LABEL_VI.ADMIN, province: ROLE_LABEL_VI.PROVINCE, analyst: ROLE_LABEL_VI.ANALYST };
      return fail(listRule("badRole", { role: cell("role").slice(0, 40), ...labels, commune: ROLE_LABEL_VI.COMMUNE }));
    }
    const communeText = cell("commune");
    const communeCode = communeText ? findCommune(communeText, communes) : null;
    if (communeText && !communeCode) return fail(listRule("noCommune", { commune: communeText.slice(0, 60) }));
    const bad = communeRefusal(role, communeCode !== null);
    if (bad) return fail({ area: "account", ...bad });
    let username: string | null = null;
    const typed = cell("username");
    if (typed) {
      const p = usernameRefusal(typed);
      if (p) return fail({ area: "account", ...p });
      username = normalizeUsername(typed);
      const first = usernames.get(username);
      if (first !== undefined) return fail(listRule("duplicateUsername", { username, line: String(first) }));
      usernames.set(username, line);
    }
    const email = cell("email");
    if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
      return fail(listRule("badEmail", { email: email.slice(0, 60) }));
    rows.push({ line, name, username, role, communeCode, email: email || null });
  });
  if (rows.length === 0 && problems.length === 0) problems.push(staffListProblem(2, listRule("noRows")));
  return { rows, problems };
}

/** The template's rows: one commune account per commune, for the province to fill in. */
export function staffListTemplate(communes: readonly { code: string; fullName: string }[]): string[][] {
  return [
    ["Họ và tên", "Tên đăng nhập", "Vai trò", "Xã, phường", "E-mail"],
    ...communes.map((c) => ["", "", "Cán bộ xã, phường", `${c.code}`, ""]),
  ];
}
