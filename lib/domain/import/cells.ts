/**
 * From CSV records to cells (commune, month, indicator, value) with their line numbers, for both layouts of
 * SPEC §6 and both header variants (codes or Vietnamese, as lib/data/export writes them):
 *  - long: one row per commune, month and indicator (commune_code, period, indicator_code, value; the other columns
 *    of the export — province_code, commune_name, indicator_name, unit, status — are optional, province_code is checked);
 *  - wide: one row per commune and month, one column per indicator (code or Vietnamese name); an empty cell is "not in the file".
 *
 * Every file the export gives out reads back (issue 23): headers with units ("Cán bộ (người)"), months as 11/2026
 * or as a workbook's date cell, computed indicators recognised and skipped (the system computes them), a commune
 * code that a spreadsheet stripped of its leading zero (3388 for 03388) read as the five-digit code, with a note.
 *
 * Numbers: a workbook's number cell is a number; a written number follows the file's one convention
 * (./number-format.ts: chosen on the form, or read from the file, refused when it could be read two ways). The value
 * itself (integer, ≥ 0, flag 0/1) is checked by lib/domain/validation, the same rules as the form.
 */
import { LONG_COLUMNS, LONG_COLUMNS_VI } from "../export-options";
import { MONTH_PROVISIONAL } from "../export-columns";
import { INDICATORS, type RawCode, findIndicator, isRawCode, rawIndicator } from "../indicators";
import { REFORM_START, formatPeriodVi, isPeriod } from "../periods";
import type { Delimiter } from "./read-csv";
import type { Locale } from "../format";
import { readCount } from "../numbers";
import { type NumberFormatChoice, type WrittenNumber, decideNumberFormat } from "./number-format";
import { yesNoValue } from "./template";

/** A cell of the file as read: text, or a workbook's typed number (a date cell arrives as its month, "2026-11"). */
export type SourceCell = string | number;

/** A table of a CSV file, or of one sheet of a workbook (then `sheet` and `columnLetter` place each cell). */
export interface SourceTable {
  delimiter: Delimiter | null;
  header: string[];
  /** Data records; `line` is unique in the file (a CSV's line; for a workbook, see `rowLabel`). */
  records: { line: number; row?: number; cells: SourceCell[] }[];
  /** The sheet's name and its header's row, for a workbook. */
  sheet?: string;
  headerRow?: number;
}

/** A workbook row's line: unique in the file, in sheet order (sheet index × LINES_PER_SHEET + row). */
export const LINES_PER_SHEET = 10_000_000;

/** "trang “Tháng 11”, dòng 12" for a workbook's line. */
export function rowLabel(line: number, sheetNames: readonly string[]): string {
  const sheet = sheetNames[Math.floor(line / LINES_PER_SHEET)];
  return `trang “${sheet ?? "?"}”, dòng ${line % LINES_PER_SHEET}`;
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

export interface ImportCatalogue {
  /** Communes by official code, with their province's code. */
  communes: ReadonlyMap<string, { provinceCode: string }>;
  /** The latest month that may be reported (lib/data/reports latestOpenPeriod). */
  latestPeriod: string;
}

export interface Cell {
  line: number;
  /** For a workbook: "Trang “Số liệu”, ô G12". */
  place?: string;
  communeCode: string;
  period: string;
  indicatorCode: RawCode;
  value: number;
}

export interface RowError {
  line: number;
  place?: string;
  communeCode: string;
  period: string;
  indicatorCode: string;
  /** The value as written in the file. */
  text: string;
  message: string;
}

export type ImportFormat = "long" | "wide";

export type CellsResult =
  | {
      ok: true;
      format: ImportFormat;
      delimiter: Delimiter | null;
      cells: Cell[];
      errors: RowError[];
      records: number;
      /** What was read past or read differently from how it is written, in words (computed columns, codes padded…). */
      notes: string[];
      /** A workbook's sheets, by the index that `line` carries (see rowLabel). */
      sheetNames?: string[];
    }
  | { ok: false; message: string };

type Column = (typeof LONG_COLUMNS)[number];
const WIDE_META_VI: Record<string, Column> = { "trạng thái báo cáo": "status" };

const norm = (h: string) => h.normalize("NFC").trim().replace(/^'/, "").replace(/\s+/g, " ").toLowerCase();

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

const columnLabel = (c: Column) => `${c} (${LONG_COLUMNS_VI[c]})`;

/** Why an indicator code cannot be imported, or null when it is a raw indicator a commune enters. */
function indicatorProblem(code: string): string | null {
  const ind = findIndicator(code);
  if (!ind) return `Không có chỉ tiêu mã “${code}” trong danh mục`;
  if (ind.kind === "COMPUTED") return `“${code}” là chỉ tiêu tính toán (tính từ các chỉ tiêu khác), không nhập được`;
  if (!isRawCode(code) || rawIndicator(code).entryLevel !== "COMMUNE")
    return `“${code}” là chỉ tiêu cấp tỉnh, không nhập theo xã, phường`;
  return null;
}

const isComputed = (code: string) => findIndicator(code)?.kind === "COMPUTED";

/** "Có" / "Không" in a yes/no column (the monthly template's list, ./template.ts): 1 / 0; undefined otherwise. */
function flagWord(code: string, value: SourceCell): number | undefined {
  if (typeof value !== "string" || !isRawCode(code) || rawIndicator(code).temporalType !== "FLAG") return undefined;
  return yesNoValue(value);
}

/** A cell's value: a yes/no word of a flag column, else a number read as parseImportNumber reads it. */
const cellValue = (code: string, value: SourceCell, locale: Locale): { value: number } | { message: string } => {
  const word = flagWord(code, value);
  return word === undefined ? parseImportNumber(value, locale) : { value: word };
};

/**
 * A value of the file, read in the file's number convention (lib/domain/numbers: one reader for form and import),
 * or the reason it is not one. A workbook's number cell is taken as it is.
 */
export function parseImportNumber(text: SourceCell, locale: Locale = "vi"): { value: number } | { message: string } {
  if (typeof text === "number")
    return Number.isFinite(text) ? { value: text } : { message: `Giá trị “${text}” không phải là số` };
  const t = text.trim();
  if (t === "") return { message: "Giá trị trống" };
  const r = readCount(t, locale);
  if (r.ok) return { value: r.value! };
  return { message: r.reason === "ambiguous" ? `Giá trị ${r.message}` : `Giá trị “${t}” không phải là số` };
}

/** A month as the export writes it ("2025-09"), as its workbook shows it ("09/2025", "9/2025"), or the text as is. */
export function readPeriod(text: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})\/(\d{4})$/.exec(t);
  return m ? `${m[2]}-${m[1]!.padStart(2, "0")}` : t;
}

function periodProblem(period: string, latest: string): string | null {
  if (!isPeriod(period)) return `Tháng “${period}” không đúng dạng YYYY-MM hoặc MM/YYYY (ví dụ 2025-09 hoặc 09/2025)`;
  if (period < REFORM_START)
    return `Tháng ${formatPeriodVi(period)} trước khi bắt đầu báo cáo (${formatPeriodVi(REFORM_START)})`;
  if (period > latest) return `Chưa đến kỳ báo cáo tháng ${formatPeriodVi(period)}`;
  return null;
}

/** A commune code as the catalogue has it: "3388" that a spreadsheet took for a number is "03388" when that exists. */
function communeCodeOf(written: string, catalogue: ImportCatalogue): { code: string; padded: boolean } {
  if (/^\d{1,4}$/.test(written) && !catalogue.communes.has(written)) {
    const padded = written.padStart(5, "0");
    if (catalogue.communes.has(padded)) return { code: padded, padded: true };
  }
  return { code: written, padded: false };
}

function communeProblem(code: string, provinceCode: string | undefined, catalogue: ImportCatalogue): string | null {
  if (code === "") return "Thiếu mã xã, phường";
  const commune = catalogue.communes.get(code);
  if (!commune) return `Không có xã, phường mã “${code}” trong danh mục`;
  if (provinceCode !== undefined && provinceCode !== "" && provinceCode !== commune.provinceCode) {
    return `Mã tỉnh “${provinceCode}” không khớp với xã, phường mã “${code}” (thuộc tỉnh ${commune.provinceCode})`;
  }
  return null;
}

const text = (c: SourceCell | undefined) => (c === undefined ? "" : typeof c === "number" ? String(c) : c.trim());

export interface ReadOptions {
  /** The file's number convention: chosen on the form, or "auto" (read from the file). */
  numbers?: NumberFormatChoice;
}

/** Header, layout and every record of the table checked and turned into cells; errors carry their line. */
export function readCells(
  table: SourceTable,
  catalogue: ImportCatalogue,
  options: ReadOptions | Locale = {},
): CellsResult {
  const numbers: NumberFormatChoice = typeof options === "string" ? options : (options.numbers ?? "auto");
  const columns = new Map<Column, number>();
  const indicatorColumns: { index: number; code: string }[] = [];
  const skippedColumns: string[] = [];
  const unknown: string[] = [];
  table.header.forEach((raw, index) => {
    const meaning = headerMeaning(raw);
    if (!meaning) {
      if (norm(raw) !== "")
        unknown.push(
          table.sheet === undefined ? `“${raw}”` : `“${raw}” (ô ${columnLetter(index)}${table.headerRow ?? 1})`,
        );
      return;
    }
    if ("ignored" in meaning) return;
    if ("column" in meaning) {
      if (!columns.has(meaning.column)) columns.set(meaning.column, index);
      return;
    }
    if (isComputed(meaning.indicator)) skippedColumns.push(raw);
    else indicatorColumns.push({ index, code: meaning.indicator });
  });

  const sheetWords = table.sheet !== undefined ? `Trang “${table.sheet}”: ` : "";
  const isLong = columns.has("indicator_code") || columns.has("value");
  const required: Column[] = isLong
    ? ["commune_code", "period", "indicator_code", "value"]
    : ["commune_code", "period"];
  const missing = required.filter((c) => !columns.has(c));
  if (!isLong && missing.length === 0 && unknown.length > 0) {
    return {
      ok: false,
      message: `${sheetWords}Cột không nhận ra: ${unknown.join(", ")}: không phải mã hay tên chỉ tiêu nào trong danh mục. Chưa có số liệu nào được ghi.`,
    };
  }
  if (missing.length > 0 || (!isLong && indicatorColumns.length === 0)) {
    const list = missing.map(columnLabel);
    if (!isLong && indicatorColumns.length === 0)
      list.push("indicator_code (Mã chỉ tiêu) và value (Giá trị), hoặc các cột chỉ tiêu (dạng bảng ngang)");
    return {
      ok: false,
      message: `${sheetWords}Tệp thiếu cột: ${list.join("; ")}. Dòng đầu tiên phải là tiêu đề như tệp xuất của hệ thống (mã cột hoặc tên tiếng Việt). Chưa có số liệu nào được ghi.`,
    };
  }
  if (!isLong) {
    const bad = indicatorColumns.map((c) => indicatorProblem(c.code)).filter((p): p is string => p !== null);
    if (bad.length > 0)
      return {
        ok: false,
        message: `${sheetWords}${bad.join("; ")}. Hãy bỏ các cột này rồi tải lại tệp. Chưa có số liệu nào được ghi.`,
      };
  }

  const col = (c: Column) => columns.get(c);
  const at = (cells: SourceCell[], c: Column) => {
    const i = col(c);
    return i === undefined ? undefined : text(cells[i]);
  };
  const placeOf = (record: SourceTable["records"][number], index: number | undefined): string | undefined =>
    table.sheet === undefined
      ? undefined
      : `Trang “${table.sheet}”, ô ${index === undefined ? "" : columnLetter(index)}${record.row ?? record.line}`;
  const lineWords = (record: SourceTable["records"][number], index: number | undefined) =>
    placeOf(record, index) ?? `dòng ${record.line}`;

  // The file's number convention, from its written (not typed) values of raw indicators.
  const written = function* (): Generator<WrittenNumber> {
    for (const record of table.records) {
      if (isLong) {
        const i = col("value")!;
        const v = record.cells[i];
        const code = at(record.cells, "indicator_code") ?? "";
        if (typeof v === "string" && !isComputed(code) && flagWord(code, v) === undefined)
          yield { text: v, place: lineWords(record, i) };
      } else {
        for (const { index, code } of indicatorColumns) {
          const v = record.cells[index];
          if (typeof v === "string" && flagWord(code, v) === undefined)
            yield { text: v, place: lineWords(record, index) };
        }
      }
    }
  };
  const convention = decideNumberFormat(written(), numbers);
  if (!convention.ok) return { ok: false, message: `${sheetWords}${convention.message}` };
  const locale = convention.format;

  const width = table.header.length;
  const cells: Cell[] = [];
  const errors: RowError[] = [];
  const indicatorOk = new Map<string, string | null>();
  const padded = { count: 0, example: "" };
  let skippedRows = 0;

  for (const record of table.records) {
    const { line, cells: values } = record;
    const written = at(values, "commune_code") ?? "";
    const commune = communeCodeOf(written, catalogue);
    const communeCode = commune.code;
    const period = readPeriod(at(values, "period") ?? "");
    if (table.sheet === undefined && values.length !== width) {
      errors.push({
        line,
        communeCode,
        period,
        indicatorCode: "",
        text: "",
        message: `Dòng có ${values.length} cột, dòng tiêu đề có ${width} cột (kiểm tra dấu phân cách và dấu ngoặc kép)`,
      });
      continue;
    }
    const communeP = communeProblem(communeCode, at(values, "province_code"), catalogue);
    const rowProblem = communeP ?? periodProblem(period, catalogue.latestPeriod);
    if (!rowProblem && commune.padded) {
      padded.count++;
      if (!padded.example) padded.example = `“${written}” → “${communeCode}”`;
    }
    const rowPlace = rowProblem ? placeOf(record, col(communeP ? "commune_code" : "period")) : undefined;
    if (isLong) {
      const indicatorCode = at(values, "indicator_code") ?? "";
      if (isComputed(indicatorCode)) {
        skippedRows++;
        continue;
      }
      const value = values[col("value")!] ?? "";
      let problem = rowProblem;
      let place = rowPlace;
      if (!problem) {
        if (!indicatorOk.has(indicatorCode))
          indicatorOk.set(indicatorCode, indicatorCode === "" ? "Thiếu mã chỉ tiêu" : indicatorProblem(indicatorCode));
        problem = indicatorOk.get(indicatorCode)!;
        place = placeOf(record, col("indicator_code"));
      }
      const number = cellValue(indicatorCode, value, locale);
      if (!problem && "message" in number) {
        problem = number.message;
        place = placeOf(record, col("value"));
      }
      if (problem)
        errors.push({ line, place, communeCode, period, indicatorCode, text: text(value), message: problem });
      else
        cells.push({
          line,
          place: placeOf(record, col("value")),
          communeCode,
          period,
          indicatorCode: indicatorCode as RawCode,
          value: (number as { value: number }).value,
        });
    } else if (rowProblem) {
      errors.push({ line, place: rowPlace, communeCode, period, indicatorCode: "", text: "", message: rowProblem });
    } else {
      for (const { index, code } of indicatorColumns) {
        const value = values[index] ?? "";
        if (text(value) === "") continue;
        const number = cellValue(code, value, locale);
        const place = placeOf(record, index);
        if ("message" in number)
          errors.push({
            line,
            place,
            communeCode,
            period,
            indicatorCode: code,
            text: text(value),
            message: number.message,
          });
        else cells.push({ line, place, communeCode, period, indicatorCode: code as RawCode, value: number.value });
      }
    }
  }
  const notes: string[] = [];
  if (skippedColumns.length > 0) {
    notes.push(
      `${sheetWords}Bỏ qua ${skippedColumns.length} cột chỉ tiêu tính toán (${skippedColumns.map((c) => `“${c}”`).join(", ")}): hệ thống tự tính các chỉ tiêu này từ số liệu nhập.`,
    );
  }
  if (skippedRows > 0)
    notes.push(
      `${sheetWords}Bỏ qua ${skippedRows.toLocaleString("vi-VN")} dòng chỉ tiêu tính toán: hệ thống tự tính các chỉ tiêu này từ số liệu nhập.`,
    );
  if (padded.count > 0) {
    notes.push(
      `${sheetWords}${padded.count.toLocaleString("vi-VN")} dòng có mã xã, phường bị mất số 0 ở đầu (ví dụ ${padded.example}; bảng tính đã coi mã là số): đã đọc thành mã 5 chữ số.`,
    );
  }
  return {
    ok: true,
    format: isLong ? "long" : "wide",
    delimiter: table.delimiter,
    cells,
    errors,
    records: table.records.length,
    notes,
  };
}
