/**
 * The values of one record, each read or refused with a Vietnamese reason (./cells.ts puts them together): the
 * indicator of a column or row, a yes/no word, a number in the file's convention, a month ("2025-09" or "09/2025"), a
 * commune code (one that a spreadsheet stripped of its leading zero is read as the five-digit code) and its province.
 * The value itself (integer, ≥ 0, flag 0/1) is checked by lib/domain/validation, the same rules as the form.
 */
import { findIndicator, isRawCode, rawIndicator } from "../indicators";
import { REFORM_START, formatPeriodVi, isPeriod } from "../periods";
import type { Locale } from "../format";
import { readCount } from "../numbers";
import type { SourceCell } from "./table";
import { yesNoValue } from "./template";

export interface ImportCatalogue {
  /** Communes by official code, with their province's code. */
  communes: ReadonlyMap<string, { provinceCode: string }>;
  /** The latest month that may be reported (lib/data/reports latestOpenPeriod). */
  latestPeriod: string;
}

/** Why an indicator code cannot be imported, or null when it is a raw indicator a commune enters. */
export function indicatorProblem(code: string): string | null {
  const ind = findIndicator(code);
  if (!ind) return `Không có chỉ tiêu mã “${code}” trong danh mục`;
  if (ind.kind === "COMPUTED") return `“${code}” là chỉ tiêu tính toán (tính từ các chỉ tiêu khác), không nhập được`;
  if (!isRawCode(code) || rawIndicator(code).entryLevel !== "COMMUNE")
    return `“${code}” là chỉ tiêu cấp tỉnh, không nhập theo xã, phường`;
  return null;
}

export const isComputed = (code: string) => findIndicator(code)?.kind === "COMPUTED";

/** "Có" / "Không" in a yes/no column (the monthly template's list, ./template.ts): 1 / 0; undefined otherwise. */
export function flagWord(code: string, value: SourceCell): number | undefined {
  if (typeof value !== "string" || !isRawCode(code) || rawIndicator(code).temporalType !== "FLAG") return undefined;
  return yesNoValue(value);
}

/** A cell's value: a yes/no word of a flag column, else a number read as parseImportNumber reads it. */
export const cellValue = (code: string, value: SourceCell, locale: Locale): { value: number } | { message: string } => {
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

export function periodProblem(period: string, latest: string): string | null {
  if (!isPeriod(period)) return `Tháng “${period}” không đúng dạng YYYY-MM hoặc MM/YYYY (ví dụ 2025-09 hoặc 09/2025)`;
  if (period < REFORM_START)
    return `Tháng ${formatPeriodVi(period)} trước khi bắt đầu báo cáo (${formatPeriodVi(REFORM_START)})`;
  if (period > latest) return `Chưa đến kỳ báo cáo tháng ${formatPeriodVi(period)}`;
  return null;
}

/** A commune code as the catalogue has it: "3388" that a spreadsheet took for a number is "03388" when that exists. */
export function communeCodeOf(written: string, catalogue: ImportCatalogue): { code: string; padded: boolean } {
  if (/^\d{1,4}$/.test(written) && !catalogue.communes.has(written)) {
    const padded = written.padStart(5, "0");
    if (catalogue.communes.has(padded)) return { code: padded, padded: true };
  }
  return { code: written, padded: false };
}

export function communeProblem(
  code: string,
  provinceCode: string | undefined,
  catalogue: ImportCatalogue,
): string | null {
  if (code === "") return "Thiếu mã xã, phường";
  const commune = catalogue.communes.get(code);
  if (!commune) return `Không có xã, phường mã “${code}” trong danh mục`;
  if (provinceCode !== undefined && provinceCode !== "" && provinceCode !== commune.provinceCode) {
    return `Mã tỉnh “${provinceCode}” không khớp với xã, phường mã “${code}” (thuộc tỉnh ${commune.provinceCode})`;
  }
  return null;
}

export const text = (c: SourceCell | undefined) =>
  c === undefined ? "" : typeof c === "number" ? String(c) : c.trim();
