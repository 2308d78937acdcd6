/**
 * What an import would do, decided before anything is written: each file row becomes a new value, a changed value
 * (old → new), an unchanged value, or an error with its line and a Vietnamese reason. The file's cells are grouped
 * into commune-months, merged over what is stored, and checked with validateMonth from lib/domain/validation,
 * the same rules as the month form (previous month and history included), so a cross-field error names the
 * lines involved. Roles, locked months and report statuses are refusals here too, so the dry run shows them by line.
 * lib/data/import runs this twice: for the dry run, and again inside the commit's transaction.
 */
import type { RawCode } from "../indicators";
import {
  HISTORY_MONTHS,
  type MonthValues,
  RESOLVED_CODES,
  type ValidationIssue,
  issueWording,
  validateMonth,
} from "../validation";
import { REFORM_START, addMonths } from "../periods";
import { readCsvRecords } from "./read-csv";
import { monthRefusal } from "./month-rights";
import { type ImportLimits, STANDARD_IMPORT_LIMITS } from "./limits";
import {
  type Cell,
  type CellsResult,
  type ImportCatalogue,
  type ImportFormat,
  type ReadOptions,
  type RowError,
  readCells,
} from "./cells";
import { rowLabel, rowPlace } from "./table";
import { type ImportWording, duplicateWording, importMessageVi, importWording, monthCheckWording } from "./refusals";
import type { Locale } from "../format";

export * from "./plan-types";
import {
  type ImportPlan,
  type ImportState,
  type ImportActor,
  type MonthChange,
  type Outcome,
  type PlanOptions,
  type RowOutcome,
  type StoredMonth,
  monthKey,
} from "./plan-types";

/** A cell that would write something: a value not stored yet, or a different one. */
const isChange = (cell: Cell, stored: StoredMonth | null) =>
  (stored?.values[cell.indicatorCode] ?? null) !== cell.value;

/** The fields each cross-field rule of validateMonth reads, to point at the file lines behind an error. */
const RULE_FIELDS: Record<string, RawCode[]> = {
  online_gt_received: ["proc_received_online", "proc_received"],
  resolved_gt_available: [...RESOLVED_CODES, "proc_received"],
  digitised_gt_dossiers: ["dossiers_digitised", ...RESOLVED_CODES, "proc_pending"],
  feedback_resolved_gt_received: ["feedback_resolved", "feedback_received"],
  staff_above_quota: ["staff_quota", "staff_cadres", "staff_civil_servants", "staff_public_employees"],
};

function fieldsOfIssue(key: string, field: RawCode): RawCode[] {
  return RULE_FIELDS[key] ?? [field];
}

/** Reads the file (bytes) into cells, or the one message that says why the whole file is refused. */
export function parseImportFile(
  bytes: Uint8Array,
  catalogue: ImportCatalogue,
  options: ReadOptions | Locale = {},
  limits: ImportLimits = STANDARD_IMPORT_LIMITS,
): CellsResult {
  const read = readCsvRecords(bytes, limits);
  if (!read.ok) return read;
  return readCells(read.table, catalogue, options);
}

/** The commune-months (and the months before them that validation reads) a file touches, for lib/data to load. */
export function monthsToLoad(cells: readonly Cell[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  // Each commune-month once (a wide row is 19 cells of one): the months before it are added with it.
  const seen = new Set<string>();
  for (const c of cells) {
    const key = monthKey(c.communeCode, c.period);
    if (seen.has(key)) continue;
    seen.add(key);
    const periods = out.get(c.communeCode) ?? new Set<string>();
    periods.add(c.period);
    for (let i = 1; i <= HISTORY_MONTHS; i++) {
      const p = addMonths(c.period, -i);
      if (p >= REFORM_START) periods.add(p);
    }
    out.set(c.communeCode, periods);
  }
  return out;
}

interface Group {
  communeCode: string;
  period: string;
  cells: Cell[];
  /** The cell of each field in the file (its first, when the file has copies); an object, lighter than a Map. */
  byField: Partial<Record<RawCode, Cell>>;
  fileValues: MonthValues;
}

export function planCells(
  read: {
    format: ImportFormat;
    delimiter: "," | ";" | null;
    cells: Cell[];
    errors: RowError[];
    notes?: string[];
    noteWordings?: ImportWording[];
    sheetNames?: readonly string[];
  },
  state: ImportState,
  actor: ImportActor,
  options: PlanOptions = {},
): ImportPlan {
  // Messages are sets: adding one is constant time whatever the number of rows (a linear `includes` per message made
  // a file of identical rows quadratic: 200,000 rows took minutes).
  const rowMessages = new Map<number, Set<string>>();
  // The rule of each message that has one (a message says one rule and its figures: one entry per message).
  const wordingOf = new Map<string, ImportWording>();
  const addMessage = (line: number, message: string, wording?: ImportWording) => {
    if (wording) wordingOf.set(message, wording);
    const set = rowMessages.get(line);
    if (set) set.add(message);
    else rowMessages.set(line, new Set([message]));
  };
  // Cells are keyed by line and indicator: a wide row holds many cells on one line.
  const cellErrors = new Map<Cell, Set<string>>();
  const addCellError = (cell: Cell, message: string, wording?: ImportWording) => {
    if (wording) wordingOf.set(message, wording);
    const set = cellErrors.get(cell);
    if (set) set.add(message);
    else cellErrors.set(cell, new Set([message]));
  };

  // Duplicates of the same cell (commune, month, indicator): each copy names the first; the first names its copies
  // once, in one message (the first few lines and how many more), not one message per copy.
  const copiesOf = new Map<Cell, number[]>();
  const groups = new Map<string, Group>();
  for (const cell of read.cells) {
    const gk = monthKey(cell.communeCode, cell.period);
    let group = groups.get(gk);
    if (!group) {
      group = { communeCode: cell.communeCode, period: cell.period, cells: [], byField: {}, fileValues: {} };
      groups.set(gk, group);
    }
    const first = group.byField[cell.indicatorCode];
    if (first) {
      const wording = importWording("duplicate", { line: first.line });
      addCellError(cell, importMessageVi(wording), wording);
      const copies = copiesOf.get(first);
      if (copies) copies.push(cell.line);
      else copiesOf.set(first, [cell.line]);
      continue;
    }
    group.cells.push(cell);
    group.byField[cell.indicatorCode] = cell;
    group.fileValues[cell.indicatorCode] = cell.value;
  }

  for (const [first, lines] of copiesOf) {
    const wording = duplicateWording(lines);
    addCellError(first, importMessageVi(wording), wording);
  }

  // Who may write what: roles, locks, approvals (per commune-month).
  for (const group of groups.values()) {
    const stored = state.months.get(monthKey(group.communeCode, group.period)) ?? null;
    const refusal = monthRefusal(group.communeCode, group.period, stored, state.lockedPeriods, actor);
    if (refusal)
      for (const cell of group.cells)
        if (!refusal.onlyChanges || isChange(cell, stored)) addCellError(cell, refusal.message, refusal.wording);
  }

  // The form's rules on each commune-month, with the file's values merged over the stored ones.
  const merged = (communeCode: string, period: string): { values: MonthValues; reported: boolean } => {
    const stored = state.months.get(monthKey(communeCode, period));
    const group = groups.get(monthKey(communeCode, period));
    return {
      values: { ...(stored?.values ?? {}), ...(group?.fileValues ?? {}) },
      reported: !!group || !!stored?.reportId,
    };
  };
  const warnings: ImportPlan["warnings"] = [];
  const lineWords = (lines: number[]) => {
    if (!read.sheetNames) return lines.length > 1 ? `các dòng ${lines.join(", ")}` : `dòng ${lines[0]}`;
    return lines.map((l) => rowLabel(l, read.sheetNames!)).join("; ");
  };
  const sheetNames = read.sheetNames;
  const rowOf = sheetNames ? (line: number) => rowPlace(line, sheetNames) : null;
  /** An issue's rule and where it is (the message says the same); none for an issue of no rule. */
  const checkWording = (issue: ValidationIssue, lines: number[] | null) => {
    const w = issueWording(issue);
    if (!w) return undefined;
    const check = { rule: w.rule, field: issue.field, values: w.values };
    return lines ? monthCheckWording(check, lines, rowOf) : { rule: "monthCheck" as const, values: {}, check };
  };
  for (const group of groups.values()) {
    // A month the file does not change is not checked again: it is what is stored.
    const stored = state.months.get(monthKey(group.communeCode, group.period)) ?? null;
    if (!group.cells.some((c) => isChange(c, stored))) continue;
    const previousPeriod = addMonths(group.period, -1);
    const previous = previousPeriod >= REFORM_START ? merged(group.communeCode, previousPeriod) : null;
    const history: MonthValues[] = [];
    for (let i = 1; i <= HISTORY_MONTHS; i++) {
      const p = addMonths(group.period, -i);
      if (p < REFORM_START) break;
      const m = merged(group.communeCode, p);
      if (m.reported) history.push(m.values);
    }
    const current = merged(group.communeCode, group.period).values;
    const check = validateMonth(current, { previous: previous?.reported ? previous.values : null, history });
    const linesOf = (key: string, field: RawCode) => {
      const lines = fieldsOfIssue(key, field)
        .map((f) => group.byField[f]?.line)
        .filter((l): l is number => l !== undefined);
      if (key === "resolved_gt_available") {
        const prevLine = groups.get(monthKey(group.communeCode, previousPeriod))?.byField.proc_pending?.line;
        if (prevLine !== undefined) lines.push(prevLine);
      }
      return [...new Set(lines)].sort((a, b) => a - b);
    };
    for (const issue of check.errors) {
      let lines = linesOf(issue.key, issue.field);
      // An error in stored values the file does not touch still blocks the month, as it would block the form.
      const suffix =
        lines.length === 0
          ? " (theo số liệu đã có trong hệ thống)"
          : lines.length > 1 || read.sheetNames
            ? ` (${lineWords(lines)})`
            : "";
      const wording = checkWording(issue, lines);
      if (lines.length === 0) lines = group.cells.map((c) => c.line);
      const message = wording ? importMessageVi(wording) : `${issue.message}${suffix}`;
      for (const cell of group.cells) if (lines.includes(cell.line)) addCellError(cell, message, wording);
      for (const line of lines) if (!group.cells.some((c) => c.line === line)) addMessage(line, message, wording);
    }
    for (const issue of check.warnings) {
      const lines = linesOf(issue.key, issue.field);
      const wording = checkWording(issue, null);
      if (lines.length > 0)
        warnings.push({
          communeCode: group.communeCode,
          period: group.period,
          lines,
          message: issue.message,
          ...(wording ? { wording } : {}),
        });
    }
  }

  // Outcomes, in line order (a file's errors before its cells on the same line). With a row limit only the first
  // `rowLimit` errors and the first `rowLimit` other rows are kept (what ./summary.ts lists), so that a national file
  // does not hold an outcome for each of its 757,188 values; the counts are of every row.
  const limit = options.rowLimit ?? Infinity;
  const sorted = (list: readonly { line: number }[]) => list.every((x, i) => i === 0 || list[i - 1]!.line <= x.line);
  const bounded = limit !== Infinity && sorted(read.errors) && sorted(read.cells);
  const rows: RowOutcome[] = [];
  const counts: Record<Outcome, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
  const kept = { error: 0, other: 0 };
  const keep = (outcome: Outcome) => {
    counts[outcome]++;
    if (!bounded) return true;
    const kind = outcome === "error" ? "error" : "other";
    return kept[kind] < limit ? (kept[kind]++, true) : false;
  };
  const months: MonthChange[] = [];
  const changesByMonth = new Map<string, MonthChange>();
  const errorRow = (e: RowError) => {
    if (!keep("error")) return;
    rows.push({
      line: e.line,
      place: e.place,
      communeCode: e.communeCode,
      period: e.period,
      indicatorCode: e.indicatorCode,
      outcome: "error",
      old: null,
      value: null,
      text: e.text,
      messages: [e.message],
      wordings: [e.wording ?? null],
    });
  };
  const cellRow = (cell: Cell) => {
    const stored = state.months.get(monthKey(cell.communeCode, cell.period)) ?? null;
    const old = stored?.values[cell.indicatorCode] ?? null;
    const messages = cellErrors.get(cell) ?? rowMessages.get(cell.line);
    const errors = messages
      ? [...new Set([...(cellErrors.get(cell) ?? []), ...(rowMessages.get(cell.line) ?? [])])]
      : [];
    const outcome: Outcome =
      errors.length > 0 ? "error" : old === null ? "new" : old === cell.value ? "unchanged" : "changed";
    if (keep(outcome))
      rows.push({
        line: cell.line,
        place: cell.place,
        communeCode: cell.communeCode,
        period: cell.period,
        indicatorCode: cell.indicatorCode,
        outcome,
        old,
        value: cell.value,
        messages: errors,
        wordings: errors.map((m) => wordingOf.get(m) ?? null),
      });
    if (outcome === "new" || outcome === "changed") {
      const key = monthKey(cell.communeCode, cell.period);
      let month = changesByMonth.get(key);
      if (!month) {
        month = { communeCode: cell.communeCode, period: cell.period, stored, cells: [] };
        changesByMonth.set(key, month);
        months.push(month);
      }
      month.cells.push(cell);
    }
  };
  if (bounded) {
    let i = 0;
    for (const cell of read.cells) {
      while (i < read.errors.length && read.errors[i]!.line <= cell.line) errorRow(read.errors[i++]!);
      cellRow(cell);
    }
    while (i < read.errors.length) errorRow(read.errors[i++]!);
  } else {
    for (const e of read.errors) errorRow(e);
    for (const cell of read.cells) cellRow(cell);
    rows.sort((a, b) => a.line - b.line);
  }
  if (actor.markReceived) {
    // Marking writes the report's status: the months with nothing to change go too, unless approved already.
    for (const group of groups.values()) {
      const key = monthKey(group.communeCode, group.period);
      const stored = state.months.get(key) ?? null;
      if (changesByMonth.has(key) || stored?.status === "APPROVED") continue;
      const month: MonthChange = { communeCode: group.communeCode, period: group.period, stored, cells: [] };
      changesByMonth.set(key, month);
      months.push(month);
    }
  }
  return {
    format: read.format,
    delimiter: read.delimiter,
    notes: read.notes ?? [],
    noteWordings: read.noteWordings ?? [],
    rows,
    totalRows: read.errors.length + read.cells.length,
    counts,
    warnings,
    months: counts.error > 0 ? [] : months,
  };
}
