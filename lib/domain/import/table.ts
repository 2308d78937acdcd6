/**
 * A table as the readers give it (a CSV, or one sheet of a workbook: lib/import/read-xlsx.ts) and what its header
 * cells name: a column of the export (codes or Vietnamese, as lib/data/export writes them), an indicator (code or
 * Vietnamese name, with or without its unit: "Cán bộ (người)"), or a column read past (the provisional-month mark, a
 * province workbook's "STT" and "Ghi chú"). ./cells.ts turns such a table into cells.
 */
import { LONG_COLUMNS, LONG_COLUMNS_VI } from "../export-options";
import { MONTH_PROVISIONAL } from "../export-columns";
import { INDICATORS } from "../indicators";
import type { Delimiter } from "./read-csv";

/** A cell of the file as read: text, or a workbook's typed number (a date cell arrives as its month, "2026-11"). */
export type SourceCell = string | number;

/** A data record; `line` is unique in the file (a CSV's line; for a workbook, see `rowLabel`). */
export interface SourceRecord {
  line: number;
  row?: number;
  cells: SourceCell[];
}

/**
 * The records of a table: an array (a workbook's sheet), or read again from the file each time they are walked (a
 * CSV: ./read-csv.ts readCsvRecords), so that a large file's records are never all objects at once.
 */
export type SourceRecords = Iterable<SourceRecord> & { readonly length: number };

/** A table of a CSV file, or of one sheet of a workbook (then `sheet` and `columnLetter` place each cell). */
export interface SourceTable {
  delimiter: Delimiter | null;
  header: string[];
  records: SourceRecords;
  /** The sheet's name and its header's row, for a workbook. */
  sheet?: string;
  headerRow?: number;
}

/** A workbook row's line: unique in the file, in sheet order (sheet index × LINES_PER_SHEET + row). */
export const LINES_PER_SHEET = 10_000_000;

/** "trang “Tháng 11”, dòng 12" for a workbook's line. */
export function rowLabel(line: number, sheetNames: readonly string[]): string {
  const { sheet, row } = rowPlace(line, sheetNames);
  return `trang “${sheet}”, dòng ${row}`;
}

/** A workbook row's sheet and row number. */
export function rowPlace(line: number, sheetNames: readonly string[]): { sheet: string; row: number } {
  return { sheet: sheetNames[Math.floor(line / LINES_PER_SHEET)] ?? "?", row: line % LINES_PER_SHEET };
}

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export type Column = (typeof LONG_COLUMNS)[number];
const WIDE_META_VI: Record<string, Column> = { "trạng thái báo cáo": "status" };

export const norm = (h: string) => h.normalize("NFC").trim().replace(/^'/, "").replace(/\s+/g, " ").toLowerCase();

/**
 * Columns that carry no value to import, read past: the export's provisional-month mark (issue 28), and a province
 * workbook's row number ("STT") and notes column (issue 23).
 */
const IGNORED_HEADERS = new Set([
  MONTH_PROVISIONAL.code,
  norm(MONTH_PROVISIONAL.headerVi),
  "stt",
  "tt",
  "số tt",
  "số thứ tự",
  "ghi chú",
]);

const HEADER_TO_COLUMN = new Map<string, Column>([
  ...LONG_COLUMNS.map((c) => [c, c] as const),
  ...LONG_COLUMNS.map((c) => [norm(LONG_COLUMNS_VI[c]), c] as const),
  ...Object.entries(WIDE_META_VI),
]);

/** Indicator columns of the wide layout, by code or Vietnamese name, with or without its unit ("Cán bộ (người)"). */
const HEADER_TO_INDICATOR = new Map<string, string>([
  ...INDICATORS.map((i) => [i.code.toLowerCase(), i.code] as const),
  ...INDICATORS.map((i) => [norm(i.nameVi), i.code] as const),
  ...INDICATORS.map((i) => [norm(`${i.nameVi} (${i.unit})`), i.code] as const),
]);

/** What a header cell names: a column of the export, an indicator, a column read past, or nothing known. */
export function headerMeaning(raw: string): { column: Column } | { indicator: string } | { ignored: true } | null {
  const h = norm(raw);
  if (IGNORED_HEADERS.has(h)) return { ignored: true };
  const column = HEADER_TO_COLUMN.get(h);
  if (column) return { column };
  const indicator = HEADER_TO_INDICATOR.get(h);
  return indicator ? { indicator } : null;
}

/** A header row: one that names at least the commune code and the month (the first such row of a sheet is its header). */
export function isHeaderRow(cells: readonly SourceCell[]): boolean {
  const found = new Set<Column>();
  for (const c of cells) {
    if (typeof c !== "string") continue;
    const m = headerMeaning(c);
    if (m && "column" in m) found.add(m.column);
  }
  return found.has("commune_code") && found.has("period");
}

export const columnLabel = (c: Column) => `${c} (${LONG_COLUMNS_VI[c]})`;
