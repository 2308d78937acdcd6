/**
 * From CSV records to cells (commune, month, indicator, value) with their line numbers, for both layouts of
 * SPEC §6 and both header variants (codes or Vietnamese, as lib/data/export writes them):
 *  - long: one row per commune, month and indicator (commune_code, period, indicator_code, value; the other columns
 *    of the export — province_code, commune_name, indicator_name, unit, status — are optional, province_code is checked);
 *  - wide: one row per commune and month, one column per indicator (code or Vietnamese name); an empty cell is "not in the file".
 *
 * Numbers: the export writes plain numbers with a dot decimal (1234, 12.5), and that is what is read back.
 * "1.234" is refused rather than guessed (in Vietnamese it means 1234, in the export's format 1.234): the message
 * says how to write it. So are "1,5", "1 234" and text. The value itself (integer, ≥ 0, flag 0/1) is checked by
 * lib/domain/validation, the same rules as the form.
 */
import { LONG_COLUMNS, LONG_COLUMNS_VI } from "../export-options";
import { MONTH_PROVISIONAL } from "../export-columns";
import { INDICATORS, type RawCode, findIndicator, isRawCode, rawIndicator } from "../indicators";
import { REFORM_START, formatPeriodVi, isPeriod } from "../periods";
import type { CsvTable, Delimiter } from "./read-csv";
import type { Locale } from "../format";
import { readCount } from "../numbers";

export interface ImportCatalogue {
  /** Communes by official code, with their province's code. */
  communes: ReadonlyMap<string, { provinceCode: string }>;
  /** The latest month that may be reported (lib/data/reports latestOpenPeriod). */
  latestPeriod: string;
}

export interface Cell {
  line: number;
  communeCode: string;
  period: string;
  indicatorCode: RawCode;
  value: number;
}

export interface RowError {
  line: number;
  communeCode: string;
  period: string;
  indicatorCode: string;
  /** The value as written in the file. */
  text: string;
  message: string;
}

export type ImportFormat = "long" | "wide";

export type CellsResult =
  | { ok: true; format: ImportFormat; delimiter: Delimiter; cells: Cell[]; errors: RowError[]; records: number }
  | { ok: false; message: string };

type Column = (typeof LONG_COLUMNS)[number];
const WIDE_META_VI: Record<string, Column> = { "trạng thái báo cáo": "status" };

const norm = (h: string) => h.normalize("NFC").trim().replace(/^'/, "").toLowerCase();

/** Columns the export writes that carry no value to import (issue 28: the provisional-month mark): read past. */
const IGNORED_HEADERS = new Set([MONTH_PROVISIONAL.code, norm(MONTH_PROVISIONAL.headerVi)]);

const HEADER_TO_COLUMN = new Map<string, Column>([
  ...LONG_COLUMNS.map((c) => [c, c] as const),
  ...LONG_COLUMNS.map((c) => [norm(LONG_COLUMNS_VI[c]), c] as const),
  ...Object.entries(WIDE_META_VI),
]);

/** Indicator columns of the wide layout, by code or Vietnamese name (lowercased, NFC). */
const HEADER_TO_INDICATOR = new Map<string, string>([
  ...INDICATORS.map((i) => [i.code.toLowerCase(), i.code] as const),
  ...INDICATORS.map((i) => [norm(i.nameVi), i.code] as const),
]);

const columnLabel = (c: Column) => `${c} (${LONG_COLUMNS_VI[c]})`;

/** Why an indicator code cannot be imported, or null when it is a raw indicator a commune enters. */
function indicatorProblem(code: string): string | null {
  const ind = findIndicator(code);
  if (!ind) return `Không có chỉ tiêu mã “${code}” trong danh mục`;
  if (ind.kind === "COMPUTED") return `“${code}” là chỉ tiêu tính toán (tính từ các chỉ tiêu khác), không nhập được`;
  if (!isRawCode(code) || rawIndicator(code).entryLevel !== "COMMUNE") return `“${code}” là chỉ tiêu cấp tỉnh, không nhập theo xã, phường`;
  return null;
}

/**
 * A value of the file, read as the month form reads it in the same interface language (lib/domain/numbers: one
 * reader for form and import), or the reason it is not one. The export writes plain digits, which every language reads.
 */
export function parseImportNumber(text: string, locale: Locale = "vi"): { value: number } | { message: string } {
  const t = text.trim();
  if (t === "") return { message: "Giá trị trống" };
  const r = readCount(t, locale);
  if (r.ok) return { value: r.value! };
  return { message: r.reason === "ambiguous" ? `Giá trị ${r.message}` : `Giá trị “${t}” không phải là số` };
}

function periodProblem(period: string, latest: string): string | null {
  if (!isPeriod(period)) return `Tháng “${period}” không đúng dạng YYYY-MM (ví dụ 2025-09)`;
  if (period < REFORM_START) return `Tháng ${formatPeriodVi(period)} trước khi bắt đầu báo cáo (${formatPeriodVi(REFORM_START)})`;
  if (period > latest) return `Chưa đến kỳ báo cáo tháng ${formatPeriodVi(period)}`;
  return null;
}

function communeProblem(code: string, provinceCode: string | undefined, catalogue: ImportCatalogue): string | null {
  if (code === "") return "Thiếu mã xã, phường";
  const commune = catalogue.communes.get(code);
  if (!commune) {
    const padded = /^\d{1,4}$/.test(code) ? code.padStart(5, "0") : null;
    const hint = padded && catalogue.communes.has(padded) ? ` (có phải “${padded}”? Excel có thể đã bỏ số 0 ở đầu: hãy định dạng cột là Văn bản)` : "";
    return `Không có xã, phường mã “${code}” trong danh mục${hint}`;
  }
  if (provinceCode !== undefined && provinceCode !== "" && provinceCode !== commune.provinceCode) {
    return `Mã tỉnh “${provinceCode}” không khớp với xã, phường mã “${code}” (thuộc tỉnh ${commune.provinceCode})`;
  }
  return null;
}

/** Header, layout and every record of the table checked and turned into cells; errors carry their line. */
export function readCells(table: CsvTable, catalogue: ImportCatalogue, locale: Locale = "vi"): CellsResult {
  const columns = new Map<Column, number>();
  const indicatorColumns: { index: number; code: string }[] = [];
  const unknown: string[] = [];
  table.header.forEach((raw, index) => {
    const h = norm(raw);
    if (IGNORED_HEADERS.has(h)) return;
    const column = HEADER_TO_COLUMN.get(h);
    if (column) {
      if (!columns.has(column)) columns.set(column, index);
      return;
    }
    const indicator = HEADER_TO_INDICATOR.get(h);
    if (indicator) indicatorColumns.push({ index, code: indicator });
    else if (h !== "") unknown.push(raw);
  });

  const isLong = columns.has("indicator_code") || columns.has("value");
  const required: Column[] = isLong ? ["commune_code", "period", "indicator_code", "value"] : ["commune_code", "period"];
  const missing = required.filter((c) => !columns.has(c));
  if (!isLong && missing.length === 0 && unknown.length > 0) {
    return { ok: false, message: `Cột không nhận ra: ${unknown.map((u) => `“${u}”`).join(", ")}: không phải mã hay tên chỉ tiêu nào trong danh mục. Chưa có số liệu nào được ghi.` };
  }
  if (missing.length > 0 || (!isLong && indicatorColumns.length === 0)) {
    const list = missing.map(columnLabel);
    if (!isLong && indicatorColumns.length === 0) list.push("indicator_code (Mã chỉ tiêu) và value (Giá trị), hoặc các cột chỉ tiêu (dạng bảng ngang)");
    return {
      ok: false,
      message: `Tệp thiếu cột: ${list.join("; ")}. Dòng đầu tiên phải là tiêu đề như tệp xuất của hệ thống (mã cột hoặc tên tiếng Việt). Chưa có số liệu nào được ghi.`,
    };
  }
  if (!isLong) {
    const bad = indicatorColumns.map((c) => indicatorProblem(c.code)).filter((p): p is string => p !== null);
    if (bad.length > 0) return { ok: false, message: `${bad.join("; ")}. Hãy bỏ các cột này rồi tải lại tệp. Chưa có số liệu nào được ghi.` };
  }

  const col = (c: Column) => columns.get(c);
  const at = (cells: string[], c: Column) => {
    const i = col(c);
    return i === undefined ? undefined : (cells[i] ?? "").trim();
  };
  const width = table.header.length;
  const cells: Cell[] = [];
  const errors: RowError[] = [];
  const indicatorOk = new Map<string, string | null>();

  for (const { line, cells: record } of table.records) {
    const communeCode = at(record, "commune_code") ?? "";
    const period = at(record, "period") ?? "";
    if (record.length !== width) {
      errors.push({ line, communeCode, period, indicatorCode: "", text: "", message: `Dòng có ${record.length} cột, dòng tiêu đề có ${width} cột (kiểm tra dấu phân cách và dấu ngoặc kép)` });
      continue;
    }
    const rowProblem = communeProblem(communeCode, at(record, "province_code"), catalogue) ?? periodProblem(period, catalogue.latestPeriod);
    if (isLong) {
      const indicatorCode = at(record, "indicator_code") ?? "";
      const text = at(record, "value") ?? "";
      let problem = rowProblem;
      if (!problem) {
        if (!indicatorOk.has(indicatorCode)) indicatorOk.set(indicatorCode, indicatorCode === "" ? "Thiếu mã chỉ tiêu" : indicatorProblem(indicatorCode));
        problem = indicatorOk.get(indicatorCode)!;
      }
      const number = parseImportNumber(text, locale);
      if (!problem && "message" in number) problem = number.message;
      if (problem) errors.push({ line, communeCode, period, indicatorCode, text, message: problem });
      else cells.push({ line, communeCode, period, indicatorCode: indicatorCode as RawCode, value: (number as { value: number }).value });
    } else if (rowProblem) {
      errors.push({ line, communeCode, period, indicatorCode: "", text: "", message: rowProblem });
    } else {
      for (const { index, code } of indicatorColumns) {
        const text = (record[index] ?? "").trim();
        if (text === "") continue;
        const number = parseImportNumber(text, locale);
        if ("message" in number) errors.push({ line, communeCode, period, indicatorCode: code, text, message: number.message });
        else cells.push({ line, communeCode, period, indicatorCode: code as RawCode, value: number.value });
      }
    }
  }
  return { ok: true, format: isLong ? "long" : "wide", delimiter: table.delimiter, cells, errors, records: table.records.length };
}
