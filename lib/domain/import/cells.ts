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
import type { RawCode } from "../indicators";
import type { Delimiter, FileWording } from "./read-csv";
import type { Locale } from "../format";
import { type NumberFormatChoice, type WrittenNumber, decideNumberFormat } from "./number-format";
import {
  type Column,
  type SourceCell,
  type SourceRecord,
  type SourceTable,
  columnLabel,
  columnLetter,
  headerMeaning,
  norm,
} from "./table";
import {
  type ImportCatalogue,
  cellValue,
  communeCodeOf,
  communeProblem,
  flagWord,
  indicatorProblem,
  isComputed,
  periodProblem,
  readPeriod,
  text,
} from "./cell-values";
import {
  type ImportPlace,
  type ImportWording,
  importMessageVi,
  importRefusal,
  importWording,
  listOf,
  placeVi,
  refusalWording,
} from "./refusals";

export type { ImportCatalogue } from "./cell-values";
export type { SourceCell, SourceTable } from "./table";

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
  /** The rule `message` says, when it is one of ./refusals.ts. */
  wording?: ImportWording;
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
      /** Each note's rule and figures (`notes` says them in Vietnamese), for the viewer's language. */
      noteWordings: ImportWording[];
      /** A workbook's sheets, by the index that `line` carries (see rowLabel). */
      sheetNames?: string[];
    }
  | { ok: false; message: string; wording?: FileWording };

export interface ReadOptions {
  /** The file's number convention: chosen on the form, or "auto" (read from the file). */
  numbers?: NumberFormatChoice;
  /**
   * Each cell read is handed over here instead of being kept in the result's `cells` (then empty): a large file's
   * cells go into ./cell-store.ts, not 757,188 objects (issue 23, item 8).
   */
  onCell?: (cell: Cell) => void;
}

/** A cell; `place` only for a workbook's (a CSV's cells are a national file's 757,188 objects: one field fewer). */
function cellOf(
  line: number,
  place: string | undefined,
  communeCode: string,
  period: string,
  code: string,
  value: number,
): Cell {
  const cell: Cell = { line, communeCode, period, indicatorCode: code as RawCode, value };
  if (place !== undefined) cell.place = place;
  return cell;
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

  const onSheet = (wording: ImportWording) =>
    table.sheet === undefined ? wording : { ...wording, sheet: table.sheet };
  const isLong = columns.has("indicator_code") || columns.has("value");
  const required: Column[] = isLong
    ? ["commune_code", "period", "indicator_code", "value"]
    : ["commune_code", "period"];
  const missing = required.filter((c) => !columns.has(c));
  if (!isLong && missing.length === 0 && unknown.length > 0)
    return importRefusal(onSheet(importWording("unknownColumns", { columns: unknown.join(", ") })));
  const noIndicators = !isLong && indicatorColumns.length === 0;
  if (missing.length > 0 || noIndicators) {
    const list = missing.map(columnLabel).join("; ");
    const rule = !noIndicators ? "missingColumns" : list ? "missingColumnsAndIndicators" : "missingIndicators";
    return importRefusal(onSheet(importWording(rule, list ? { columns: list } : {})));
  }
  if (!isLong) {
    const bad = indicatorColumns.map((c) => indicatorProblem(c.code)).filter((p): p is ImportWording => p !== null);
    if (bad.length > 0)
      return importRefusal(onSheet({ rule: "indicatorColumns", values: {}, parts: { problems: listOf(bad, "; ") } }));
  }

  const col = (c: Column) => columns.get(c);
  const at = (cells: SourceCell[], c: Column) => {
    const i = col(c);
    return i === undefined ? undefined : text(cells[i]);
  };
  const cellName = (record: SourceRecord, index: number | undefined) =>
    `${index === undefined ? "" : columnLetter(index)}${record.row ?? record.line}`;
  const placeOf = (record: SourceRecord, index: number | undefined): string | undefined =>
    table.sheet === undefined ? undefined : placeVi(table.sheet, cellName(record, index));
  const writtenAt = (record: SourceRecord, index: number | undefined): ImportPlace =>
    table.sheet === undefined ? { line: record.line } : { sheet: table.sheet, cell: cellName(record, index) };

  // The file's number convention, from its written (not typed) values of raw indicators.
  const written = function* (): Generator<WrittenNumber> {
    for (const record of table.records) {
      if (isLong) {
        const i = col("value")!;
        const v = record.cells[i];
        const code = at(record.cells, "indicator_code") ?? "";
        if (typeof v === "string" && !isComputed(code) && flagWord(code, v) === undefined)
          yield { text: v, place: writtenAt(record, i) };
      } else {
        for (const { index, code } of indicatorColumns) {
          const v = record.cells[index];
          if (typeof v === "string" && flagWord(code, v) === undefined)
            yield { text: v, place: writtenAt(record, index) };
        }
      }
    }
  };
  const convention = decideNumberFormat(written(), numbers);
  if (!convention.ok) return importRefusal(onSheet(refusalWording(convention)!));
  const locale = convention.format;

  const width = table.header.length;
  const cells: Cell[] = [];
  const emit = (typeof options === "string" ? undefined : options.onCell) ?? ((cell: Cell) => void cells.push(cell));
  const errors: RowError[] = [];
  const indicatorOk = new Map<string, ImportWording | null>();
  const said = (wording: ImportWording | null) => wording && { message: importMessageVi(wording), wording };
  const padded = { count: 0, example: "" };
  let skippedRows = 0;

  for (const record of table.records) {
    const { line, cells: values } = record;
    const written = at(values, "commune_code") ?? "";
    const commune = communeCodeOf(written, catalogue);
    const communeCode = commune.code;
    const period = readPeriod(at(values, "period") ?? "");
    if (table.sheet === undefined && values.length !== width) {
      const wording = importWording("columnCount", { columns: values.length, width });
      errors.push({
        line,
        communeCode,
        period,
        indicatorCode: "",
        text: "",
        message: importMessageVi(wording),
        wording,
      });
      continue;
    }
    const communeP = communeProblem(communeCode, at(values, "province_code"), catalogue);
    const rowProblem = said(communeP ?? periodProblem(period, catalogue.latestPeriod));
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
      let problem: { message: string; wording?: ImportWording } | null = rowProblem;
      let place = rowPlace;
      if (!problem) {
        if (!indicatorOk.has(indicatorCode))
          indicatorOk.set(
            indicatorCode,
            indicatorCode === "" ? importWording("indicatorMissing") : indicatorProblem(indicatorCode),
          );
        problem = said(indicatorOk.get(indicatorCode) ?? null);
        place = placeOf(record, col("indicator_code"));
      }
      const number = cellValue(indicatorCode, value, locale);
      if (!problem && "message" in number) {
        problem = number;
        place = placeOf(record, col("value"));
      }
      if (problem) errors.push({ line, place, communeCode, period, indicatorCode, text: text(value), ...problem });
      else
        emit(
          cellOf(
            line,
            placeOf(record, col("value")),
            communeCode,
            period,
            indicatorCode,
            (number as { value: number }).value,
          ),
        );
    } else if (rowProblem) {
      errors.push({ line, place: rowPlace, communeCode, period, indicatorCode: "", text: "", ...rowProblem });
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
            wording: number.wording,
          });
        else emit(cellOf(line, place, communeCode, period, code, number.value));
      }
    }
  }
  const noteWordings: ImportWording[] = [];
  if (skippedColumns.length > 0) {
    const columns = skippedColumns.map((c) => `“${c}”`).join(", ");
    noteWordings.push(onSheet(importWording("noteComputedColumns", { count: skippedColumns.length, columns })));
  }
  if (skippedRows > 0) noteWordings.push(onSheet(importWording("noteComputedRows", { count: skippedRows })));
  if (padded.count > 0)
    noteWordings.push(onSheet(importWording("notePaddedCodes", { count: padded.count, example: padded.example })));
  const notes = noteWordings.map(importMessageVi);
  return {
    ok: true,
    format: isLong ? "long" : "wide",
    delimiter: table.delimiter,
    cells,
    errors,
    records: table.records.length,
    notes,
    noteWordings,
  };
}
