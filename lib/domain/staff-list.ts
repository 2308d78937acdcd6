/**
 * A province's staff list as a spreadsheet (CSV or .xlsx): one row per person, columns "Họ và tên", "Tên đăng nhập"
 * (optional), "Vai trò", "Xã, phường" (code or name; commune accounts only), "E-mail" (optional). Pure: the rows as
 * read (lib/data/staff-list.ts reads the file), checked against the communes, with every error in Vietnamese and
 * its row number. A list never holds a password.
 */
import { type Role } from "./permissions";
import { communeProblem, normalizeUsername, parseRole, usernameProblem } from "./accounts";
import { cleanText, searchKey } from "./text";
import type { SchemaRules } from "./wording";

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

export interface StaffListProblem {
  line: number;
  message: string;
}

export interface ParsedStaffList {
  rows: StaffRow[];
  problems: StaffListProblem[];
}

/** Which column each header names (by its Vietnamese or English name, any case or accents), or a problem. */
export function mapHeader(header: readonly string[]): {
  columns: Partial<Record<Column, number>>;
  problem: string | null;
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
    problem: missing.length ? `Dòng tiêu đề thiếu cột: ${missing.map((c) => `“${labels[c]}”`).join(", ")}.` : null,
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
  if (!header) return { rows, problems: [{ line: 1, message: "Tệp trống: cần dòng tiêu đề và ít nhất một dòng." }] };
  const { columns, problem } = mapHeader(header);
  if (problem) return { rows, problems: [{ line: 1, message: problem }] };
  if (table.length - 1 > STAFF_LIST_MAX_ROWS) {
    return {
      rows,
      problems: [{ line: 1, message: `Danh sách có ${table.length - 1} dòng, tối đa ${STAFF_LIST_MAX_ROWS} dòng.` }],
    };
  }
  const usernames = new Map<string, number>();
  table.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const cell = (c: Column) => (columns[c] === undefined ? "" : cleanText(String(cells[columns[c]!] ?? "")));
    if (cells.every((c) => cleanText(String(c ?? "")) === "")) return; // a blank line
    const fail = (message: string) => problems.push({ line, message });
    const name = cell("name");
    if (!name || !/[\p{L}\p{N}]/u.test(name)) return fail("Thiếu họ và tên.");
    if (name.length > 120) return fail("Họ tên dài quá 120 ký tự.");
    const role = parseRole(cell("role"));
    if (!role)
      return fail(
        `Vai trò “${cell("role").slice(0, 40)}” không hợp lệ (Quản trị hệ thống, Cán bộ tỉnh, Phân tích số liệu, Cán bộ xã, phường).`,
      );
    const communeText = cell("commune");
    const communeCode = communeText ? findCommune(communeText, communes) : null;
    if (communeText && !communeCode) return fail(`Không có xã, phường “${communeText.slice(0, 60)}” trong tỉnh.`);
    const bad = communeProblem(role, communeCode !== null);
    if (bad) return fail(bad);
    let username: string | null = null;
    const typed = cell("username");
    if (typed) {
      const p = usernameProblem(typed);
      if (p) return fail(p);
      username = normalizeUsername(typed);
      const first = usernames.get(username);
      if (first !== undefined) return fail(`Tên đăng nhập “${username}” trùng với dòng ${first}.`);
      usernames.set(username, line);
    }
    const email = cell("email");
    if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
      return fail(`E-mail “${email.slice(0, 60)}” không hợp lệ.`);
    rows.push({ line, name, username, role, communeCode, email: email || null });
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 2, message: "Danh sách không có dòng nào." });
  return { rows, problems };
}

/** The template's rows: one commune account per commune, for the province to fill in. */
export function staffListTemplate(communes: readonly { code: string; fullName: string }[]): string[][] {
  return [
    ["Họ và tên", "Tên đăng nhập", "Vai trò", "Xã, phường", "E-mail"],
    ...communes.map((c) => ["", "", "Cán bộ xã, phường", `${c.code}`, ""]),
  ];
}
