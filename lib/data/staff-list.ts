/**
 * A whole province's accounts from its staff list (lib/domain/staff-list.ts): read the file (CSV in UTF-8 or .xlsx,
 * bounded before it is unpacked), check every row, show what would change (dry run), then create and update the
 * accounts in one transaction: all of them or none. Rows match existing accounts by username, or without one by name,
 * role and commune, so the same list uploaded again changes nothing. New accounts get activation codes, returned once
 * for the slips and never stored in clear.
 */
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { accountWords, suggestUsername } from "@/lib/domain/accounts";
import { decodeUtf8, detectDelimiter } from "@/lib/domain/import/read-csv";
import { type Role, ROLE_LABEL_VI, canManageUsers } from "@/lib/domain/permissions";
import {
  STAFF_LIST_MAX_BYTES,
  STAFF_LIST_MAX_ROWS,
  type StaffListProblem,
  type StaffRow,
  parseStaffList,
  staffListProblem,
} from "@/lib/domain/staff-list";
import { searchKey } from "@/lib/domain/text";
import { zipUncompressedSize } from "@/lib/domain/zip-bound";
import { appendAudit } from "./audit-write";
import {
  type IssuedCode,
  credentialData,
  endAccess,
  issueActivation,
  keepOneAdministrator,
  newUserData,
  unusablePasswordHash,
} from "./accounts";
import { db } from "./db";
import { DataError, type DataErrorText, forbidden } from "./errors";
import { transaction } from "./transaction";

/** An .xlsx may unpack to at most this much. */
const MAX_UNPACKED = 40 * 2 ** 20;
const MAX_COLUMNS = 20;

export type StaffAction = "create" | "update" | "unchanged";

export interface StaffPlanRow {
  line: number;
  action: StaffAction;
  username: string;
  name: string;
  role: Role;
  communeName: string | null;
  /** What an update changes, in words. */
  changes: string[];
  /** The same changes as rules and figures, for the page to say in the viewer's language (`staffListForm.change`). */
  changeWordings: StaffChange[];
}

/** A change of an account that a staff list makes: a role's figures are its code, the page names it. */
export type StaffChange =
  | { rule: "name"; values: { from: string; to: string } }
  | { rule: "role"; values: { from: Role; to: Role } }
  | { rule: "commune"; values: { to: string } }
  | { rule: "communeNone"; values: Record<string, never> }
  | { rule: "email"; values: { to: string } };

/** A change in Vietnamese, as the audit records it (the catalogue's `staffListForm.change` says the same). */
function staffChangeVi(c: StaffChange): string {
  switch (c.rule) {
    case "name":
      return `họ tên “${c.values.from}” → “${c.values.to}”`;
    case "role":
      return `vai trò ${ROLE_LABEL_VI[c.values.from]} → ${ROLE_LABEL_VI[c.values.to]}`;
    case "commune":
      return `xã, phường → ${c.values.to}`;
    case "communeNone":
      return "xã, phường → không";
    case "email":
      return `e-mail → ${c.values.to}`;
  }
}

export interface StaffPlan {
  rows: StaffPlanRow[];
  problems: StaffListProblem[];
  counts: Record<StaffAction, number>;
}

const refuse = (message: string | DataErrorText): never => {
  throw new DataError("INVALID", message);
};

/** The first sheet of a workbook, or the CSV, as a table of text cells. */
export async function readStaffFile(bytes: Uint8Array): Promise<string[][]> {
  if (bytes.length === 0) refuse({ key: "staffList.emptyFile" });
  if (bytes.length > STAFF_LIST_MAX_BYTES)
    refuse({ key: "staffList.fileTooLarge", values: { mb: String(STAFF_LIST_MAX_BYTES / 2 ** 20) } });
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) {
    const unpacked = zipUncompressedSize(bytes);
    if (!unpacked) refuse({ key: "staffList.badXlsx" });
    if (unpacked!.bytes > MAX_UNPACKED) refuse({ key: "staffList.xlsxTooLarge" });
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      refuse({ key: "staffList.badXlsx" });
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) refuse({ key: "staffList.noSheet" });
    if (sheet!.rowCount > STAFF_LIST_MAX_ROWS + 1)
      refuse({ key: "staffList.tooManyRows", values: { max: String(STAFF_LIST_MAX_ROWS) } });
    if (sheet!.columnCount > MAX_COLUMNS)
      refuse({ key: "staffList.columns", values: { n: String(sheet!.columnCount), max: String(MAX_COLUMNS) } });
    const table: string[][] = [];
    sheet!.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.min(MAX_COLUMNS, sheet!.columnCount); c++) {
        const cell = row.getCell(c);
        // A formula cell gives its cached result, never the formula.
        const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
        cells.push(value === null || value === undefined ? "" : typeof value === "object" ? cell.text : String(value));
      }
      table[n - 1] = cells;
    });
    return Array.from(table, (r) => r ?? []);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok)
    refuse(decoded.wording ? { key: `utf8.${decoded.wording.rule}`, values: decoded.wording.values } : decoded.message);
  const text = (decoded as { text: string }).text;
  try {
    const records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      max_record_size: 10_000,
      to_line: STAFF_LIST_MAX_ROWS + 2,
    }) as string[][];
    if (records.some((r) => r.length > MAX_COLUMNS))
      refuse({ key: "staffList.tooManyColumns", values: { max: String(MAX_COLUMNS) } });
    // to_line stops the parser one row past the limit.
    if (records.length > STAFF_LIST_MAX_ROWS + 1)
      refuse({ key: "staffList.tooManyRows", values: { max: String(STAFF_LIST_MAX_ROWS) } });
    return records;
  } catch (error) {
    if (error instanceof DataError) throw error;
    return refuse({ key: "staffList.badCsv", values: { error: (error as Error).message.slice(0, 120) } });
  }
}

interface Existing {
  id: string;
  username: string;
  name: string;
  role: Role;
  orgUnitId: number | null;
  email: string;
}

type Tx = Parameters<Parameters<typeof transaction>[0]>[0];

/** Reads only: the client or a transaction. */
async function planIn(tx: Pick<Tx, "orgUnit" | "user">, table: string[][]) {
  const communes = await tx.orgUnit.findMany({
    where: { level: "COMMUNE" },
    select: { id: true, code: true, name: true, fullName: true },
  });
  const parsed = parseStaffList(table, communes);
  const users: Existing[] = (
    await tx.user.findMany({
      select: { id: true, username: true, name: true, role: true, orgUnitId: true, email: true },
    })
  ).map((u) => ({ ...u, username: u.username ?? "" }));
  const byUsername = new Map(users.map((u) => [u.username.toLowerCase(), u]));
  const personKey = (name: string, role: Role, orgUnitId: number | null) =>
    `${searchKey(name)}|${role}|${orgUnitId ?? ""}`;
  const byPerson = new Map(users.map((u) => [personKey(u.name, u.role, u.orgUnitId), u]));
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
  const taken = new Set(byUsername.keys());
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const communeOf = (code: string | null) => (code ? (communeByCode.get(code) ?? null) : null);
  const plan: {
    row: StaffRow;
    action: StaffAction;
    existing: Existing | null;
    username: string;
    changes: string[];
    changeWordings: StaffChange[];
    orgUnitId: number | null;
    communeName: string | null;
  }[] = [];
  for (const row of parsed.rows) {
    const commune = communeOf(row.communeCode);
    const orgUnitId = commune?.id ?? null;
    let existing = row.username ? (byUsername.get(row.username) ?? null) : null;
    if (!row.username) {
      existing = byPerson.get(personKey(row.name, row.role, orgUnitId)) ?? null;
    }
    const email = row.email;
    if (email) {
      const holder = byEmail.get(email.toLowerCase());
      if (holder && holder.id !== existing?.id) {
        const values = { email, username: holder.username };
        parsed.problems.push(staffListProblem(row.line, { area: "staffListLines", rule: "emailTaken", values }));
        continue;
      }
    }
    if (existing) {
      const changeWordings: StaffChange[] = [];
      if (existing.name !== row.name)
        changeWordings.push({ rule: "name", values: { from: existing.name, to: row.name } });
      if (existing.role !== row.role)
        changeWordings.push({ rule: "role", values: { from: existing.role, to: row.role } });
      if (existing.orgUnitId !== orgUnitId)
        changeWordings.push(
          commune ? { rule: "commune", values: { to: commune.fullName } } : { rule: "communeNone", values: {} },
        );
      if (email && existing.email !== email) changeWordings.push({ rule: "email", values: { to: email } });
      const changes = changeWordings.map(staffChangeVi);
      plan.push({
        row,
        action: changes.length ? "update" : "unchanged",
        existing,
        username: existing.username,
        changes,
        changeWordings,
        orgUnitId,
        communeName: commune?.fullName ?? null,
      });
    } else {
      const username =
        row.username ??
        suggestUsername({ role: row.role, communeCode: row.communeCode, name: row.name }, (u) => taken.has(u));
      taken.add(username);
      plan.push({
        row,
        action: "create",
        existing: null,
        username,
        changes: [],
        changeWordings: [],
        orgUnitId,
        communeName: commune?.fullName ?? null,
      });
    }
  }
  parsed.problems.sort((a, b) => a.line - b.line);
  return { plan, problems: parsed.problems };
}

function summary(plan: Awaited<ReturnType<typeof planIn>>): StaffPlan {
  const counts: Record<StaffAction, number> = { create: 0, update: 0, unchanged: 0 };
  for (const p of plan.plan) counts[p.action]++;
  return {
    rows: plan.plan.map((p) => ({
      line: p.row.line,
      action: p.action,
      username: p.username,
      name: p.row.name,
      role: p.row.role,
      communeName: p.communeName,
      changes: p.changes,
      changeWordings: p.changeWordings,
    })),
    problems: plan.problems,
    counts,
  };
}

/** The dry run: every row checked and matched, nothing written. */
export async function planStaffList(viewer: Viewer, table: string[][]): Promise<StaffPlan> {
  if (!canManageUsers(viewer)) throw forbidden();
  return summary(await planIn(db().prisma, table));
}

/**
 * Creates and updates the accounts of the list in one transaction, or nothing when any row has a problem. Returns the
 * plan and the activation codes of the new accounts (for the slips, once).
 */
export async function commitStaffList(
  viewer: Viewer,
  table: string[][],
): Promise<{ plan: StaffPlan; issued: IssuedCode[] }> {
  if (!canManageUsers(viewer)) throw forbidden();
  return transaction(
    async (tx) => {
      const planned = await planIn(tx, table);
      const plan = summary(planned);
      if (plan.problems.length) return { plan, issued: [] };
      const issued: IssuedCode[] = [];
      // New accounts in three statements whatever their number (5,000 rows one by one outlived the transaction's time).
      const creates = planned.plan.filter((p) => p.action === "create");
      if (creates.length) {
        const at = now();
        const unusable = await unusablePasswordHash();
        const made = creates.map((p) => ({ p, id: randomUUID(), ...issueActivation() }));
        await tx.user.createMany({
          data: made.map(({ p, id, data }) =>
            newUserData({
              id,
              at,
              username: p.username,
              name: p.row.name,
              role: p.row.role,
              orgUnitId: p.orgUnitId,
              email: p.row.email,
              activation: data,
            }),
          ),
        });
        await tx.account.createMany({ data: made.map(({ id }) => credentialData(id, unusable, at)) });
        await tx.auditLog.createMany({
          data: made.map(({ p, id }) => ({
            at,
            userId: viewer.id,
            username: viewer.username,
            action: "user.create",
            entity: "user",
            entityId: id,
            orgUnitId: p.orgUnitId,
            reason: `Tạo tài khoản ${accountWords({ username: p.username, role: p.row.role, communeName: p.communeName })} từ danh sách cán bộ`,
          })),
        });
        for (const { p, id, code, data } of made) {
          issued.push({
            userId: id,
            username: p.username,
            name: p.row.name,
            role: p.row.role,
            communeName: p.communeName,
            activationCode: code,
            expiresAt: data.activationExpiresAt,
          });
        }
      }
      for (const p of planned.plan) {
        const words = accountWords({ username: p.username, role: p.row.role, communeName: p.communeName });
        if (p.action === "update" && p.existing) {
          const moved = p.existing.role !== p.row.role || p.existing.orgUnitId !== p.orgUnitId;
          if (p.existing.role === "ADMIN" && p.row.role !== "ADMIN") await keepOneAdministrator(tx, p.existing.id);
          await tx.user.update({
            where: { id: p.existing.id },
            data: {
              name: p.row.name,
              role: p.row.role,
              orgUnitId: p.orgUnitId,
              ...(p.row.email ? { email: p.row.email } : {}),
              updatedAt: now(),
            },
          });
          if (moved) await endAccess(tx, p.existing.id);
          await appendAudit(tx, viewer, {
            action: "user.update",
            entity: "user",
            entityId: p.existing.id,
            orgUnitId: p.orgUnitId,
            reason: `Cập nhật tài khoản ${words} từ danh sách cán bộ: ${p.changes.join("; ")}`,
          });
        }
      }
      return { plan, issued };
    },
    { timeoutMs: 180_000 },
  ); // a list of 5,000 rows on a busy 2-core machine
}
