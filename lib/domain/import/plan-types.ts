/** The shapes of an import's plan (./plan.ts): each row's outcome, the months as stored, what a commit writes. */
import type { RawCode } from "../indicators";
import type { MonthValues } from "../validation";
import type { ReportStatus } from "../report-status";
import type { Role } from "../permissions";
import type { Cell, ImportFormat } from "./cells";
import type { ImportWording } from "./refusals";

export type Outcome = "new" | "changed" | "unchanged" | "error";

export interface RowOutcome {
  line: number;
  /** For a workbook: "Trang “Số liệu”, ô G12" (a CSV row is named by its line). */
  place?: string;
  communeCode: string;
  period: string;
  indicatorCode: string;
  outcome: Outcome;
  old: number | null;
  value: number | null;
  /** The value as written, for rows that could not be read. */
  text?: string;
  messages: string[];
  /** The rule each message says (./refusals.ts), or null for a message of no rule (the form's checks). */
  wordings: (ImportWording | null)[];
}

/** A commune-month as stored: its report (null when there is none) and values. */
export interface StoredMonth {
  reportId: number | null;
  status: ReportStatus | null;
  version: number;
  values: MonthValues;
}

export interface ImportState {
  /** Stored months by `${communeCode}|${period}`: every month of the file and up to HISTORY_MONTHS before each. */
  months: ReadonlyMap<string, StoredMonth>;
  lockedPeriods: ReadonlySet<string>;
}

export interface ImportActor {
  role: Role;
  /** A COMMUNE user's own commune code. */
  communeCode: string | null;
  /**
   * Loading history (issue 23, item 6): a province or administrator records the file's months as received and
   * approved ("Ghi nhận là đã duyệt"). Every commune-month of the file not approved yet is then written, even where
   * no value changes (its report's status does), so a locked month is refused whole, not only on its changed cells.
   */
  markReceived?: boolean;
}

export interface MonthChange {
  communeCode: string;
  period: string;
  stored: StoredMonth | null;
  /**
   * The file's cells that write a new or different value (what each replaces is in `stored`: monthChanges). The cells
   * themselves, not an object per change: a national year is 757,188 of them.
   */
  cells: Cell[];
}

/** A month's changes, each with the value it replaces (null: none stored). */
export function monthChanges(month: MonthChange): { field: RawCode; old: number | null; new: number }[] {
  return month.cells.map((c) => ({
    field: c.indicatorCode,
    old: month.stored?.values[c.indicatorCode] ?? null,
    new: c.value,
  }));
}

export interface ImportPlan {
  format: ImportFormat;
  delimiter: "," | ";" | null;
  /** What was read past or read differently from how it is written (./cells.ts). */
  notes: string[];
  /** Each note's rule and figures, for the viewer's language (i18n/import.ts). */
  noteWordings: ImportWording[];
  /**
   * Every row of the file that was read (sorted by line; a wide row gives one outcome per filled indicator cell), or
   * with PlanOptions.rowLimit the first errors and the first other rows, in line order.
   */
  rows: RowOutcome[];
  /** Rows of the file read (errors included), whatever the limit. */
  totalRows: number;
  counts: Record<Outcome, number>;
  /** Warnings of the form's rules (outliers, staff above quota): shown, they do not block an import. */
  warnings: { communeCode: string; period: string; lines: number[]; message: string; wording?: ImportWording }[];
  /**
   * Commune-months with at least one new or changed value (what a commit writes), when there is no error; with
   * markReceived also every other commune-month of the file whose report is not approved yet (changes empty).
   */
  months: MonthChange[];
}

export interface PlanOptions {
  /** Keep at most this many errors and this many other rows in `rows` (counts are of every row). */
  rowLimit?: number;
}

export const monthKey = (communeCode: string, period: string) => `${communeCode}|${period}`;
