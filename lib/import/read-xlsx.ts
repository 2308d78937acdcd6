/**
 * An uploaded workbook (.xlsx) read into the same tables as a CSV (lib/domain/import/cells.ts), with exceljs's
 * streaming reader: rows are read one by one from the zip, never the whole workbook as objects.
 *
 * Cells are read as what they are: a number cell is a number, a date cell is its month ("2026-11"), a formula cell
 * gives its cached value, an empty cell is "no value", a text cell is text (a text holding a number follows the CSV
 * rules). Each sheet's header is the first row naming at least the commune code and the month, so a title block above
 * the table ("ỦY BAN NHÂN DÂN TỈNH …") is read past; a totals row ("Tổng cộng"), a units row and notes below the
 * table are read past with a note. A sheet without such a header (notes, parameters) is read past; hidden sheets too.
 *
 * Refused before anything is inflated: a file that is not a workbook (a renamed .docx, the old .xls, a
 * password-protected workbook, which is an encrypted OLE file and no zip) and a zip that unpacks to more than
 * MAX_UNPACKED_BYTES (a zip bomb).
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  LINES_PER_SHEET,
  type SourceCell,
  type SourceRecord,
  type SourceTable,
  headerMeaning,
  isHeaderRow,
} from "@/lib/domain/import/table";
import { MAX_IMPORT_COLUMNS } from "@/lib/domain/import/read-csv";
import {
  type ImportWording,
  importMessageVi,
  importRefusal,
  importWording,
  listOf,
} from "@/lib/domain/import/refusals";
import { zipUncompressedSize } from "@/lib/domain/zip-bound";
import { isOle, isZip } from "./office-bytes";

/** What a workbook may unpack to: far above a year of the country's values (about 600 MB of sheet XML), far below a bomb. */
export const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;
/** Rows of the top of a sheet searched for its header (a title block is a few rows). */
const HEADER_SEARCH_ROWS = 50;
/** Empty rows in a row after which the rest of a sheet is read past (formatting applied to a million rows). */
const EMPTY_RUN = 10_000;

export type XlsxRead =
  { ok: true; tables: SourceTable[]; sheetNames: string[]; notes: ImportWording[] } | { ok: false; message: string };

export { isZip };

function includesUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/** Why these bytes cannot be a workbook to read, as a rule (lib/domain/import/refusals.ts), or null when they may be one. */
export function workbookRefusal(bytes: Uint8Array): ImportWording | null {
  if (isOle(bytes))
    return importWording(includesUtf16(bytes, "EncryptedPackage") ? "workbookEncrypted" : "workbookOld");
  const unpacked = zipUncompressedSize(bytes);
  if (!unpacked) return importWording("workbookBroken");
  if (unpacked.bytes > MAX_UNPACKED_BYTES) {
    const size = Math.round(unpacked.bytes / 1024 / 1024);
    // The limit as the message has always written it: "1024", not "1.024".
    return importWording("workbookUnpackedTooLarge", { size, max: String(MAX_UNPACKED_BYTES / 1024 / 1024) });
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (!text.includes("xl/workbook.xml")) {
    return importWording(
      text.includes("word/document.xml")
        ? "wordDocument"
        : text.includes("ppt/presentation.xml")
          ? "presentation"
          : "zipNotWorkbook",
    );
  }
  return null;
}

/** Why these bytes cannot be a workbook to read, in Vietnamese, or null when they may be one. */
export function workbookProblem(bytes: Uint8Array): string | null {
  const wording = workbookRefusal(bytes);
  return wording && importMessageVi(wording);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A cell's value as the import reads it (see the module comment). */
export function cellValue(value: ExcelJS.CellValue | undefined): SourceCell {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "" : `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}`;
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) return `=${(value as { formula?: string }).formula ?? ""}`;
    if (typeof result === "object" && "error" in (result as object)) return String((result as { error: string }).error);
    return cellValue(result as ExcelJS.CellValue);
  }
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value) return String((value as { text: unknown }).text ?? "");
  if ("error" in value) return String(value.error);
  return "";
}

const cellText = (c: SourceCell | undefined) => (c === undefined ? "" : String(c).trim());

/** A cell that names a column of the export or an indicator (not a group label like "Nhân sự", not a title). */
const namesColumn = (c: SourceCell | undefined) => {
  if (typeof c !== "string" || c.trim() === "") return false;
  const m = headerMeaning(c);
  return !!m && !("ignored" in m);
};

/**
 * A header written on two rows, as government workbooks do (issue 23): merged cells keep their text in the top row
 * ("Mã xã, phường" over rows 4–5), a group label ("Nhân sự", merged over three columns) stands above the names of
 * its columns ("Cán bộ (người)" …). Column by column, the cell that names a known column wins, the lower one first;
 * a title block above is never taken (its text names no column).
 */
function joinHeaderRows(upper: readonly SourceCell[], lower: readonly SourceCell[]): SourceCell[] {
  const out: SourceCell[] = [];
  for (let c = 0; c < Math.max(upper.length, lower.length); c++) {
    const top = upper[c] ?? "";
    const bottom = lower[c] ?? "";
    out.push(namesColumn(bottom) ? bottom : namesColumn(top) ? top : cellText(bottom) !== "" ? bottom : top);
  }
  return out;
}

/** The row under a header that names its columns (the second row of a two-row header), not a row of figures. */
function isSubHeaderRow(cells: readonly SourceCell[], communeAt: number): boolean {
  return cells.some(namesColumn) && !/^\d+$/.test(cellText(cells[communeAt]));
}

const columnOf = (h: string) => {
  const m = headerMeaning(h);
  return m && "column" in m ? m.column : null;
};

/** A totals row: "Tổng cộng", "Cộng", "Toàn tỉnh" where a commune's code would be. */
const TOTALS = /^(tổng|cộng|toàn tỉnh|total)/i;

/** The parts of exceljs 4.4.0's (pinned) streaming reader used here, which it calls itself for the entries of a zip. */
interface ReaderParts {
  model?: { sheets?: { name: string; id: number; rId: string; state?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

/**
 * The sheets, in the workbook's order, each as exceljs's streaming WorksheetReader. exceljs's own zip walk follows
 * the order of the zip's entries: when the sheets come before xl/workbook.xml and the shared strings (the order
 * exceljs itself writes) it spills them to temporary files and, seen here, sometimes loses some of them (8 of 10
 * sheets read); it also fails outright when the shared strings come before the sheets and xl/workbook.xml after.
 * So the zip is opened with jszip, the workbook, relationships, shared strings and styles are read first, and each
 * sheet is then inflated as a stream and handed to exceljs's reader: the same parsing, in a fixed order, nothing on disk.
 */
async function* worksheets(
  bytes: Uint8Array,
): AsyncGenerator<AsyncIterable<ExcelJS.Row> & { name: string; state?: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  }) as unknown as ReaderParts;
  const entry = (path: string) => zip.file(path)?.nodeStream("nodebuffer");
  const rels = entry("xl/_rels/workbook.xml.rels");
  const book = entry("xl/workbook.xml");
  if (!rels || !book) throw new Error("no xl/workbook.xml");
  await reader._parseRels(rels);
  await reader._parseWorkbook(book);
  const strings = entry("xl/sharedStrings.xml");
  if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
  const styles = entry("xl/styles.xml");
  if (styles) await reader._parseStyles(styles);
  for (const sheet of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target.replace(/^\/?(xl\/)?/, "") ?? "";
    const sheetNo = /^worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1];
    const stream = sheetNo ? entry(`xl/${target}`) : undefined;
    if (!sheetNo || !stream) continue;
    // exceljs names the sheet from its relationship, which must say worksheets/sheetN.xml.
    const rel = reader.workbookRels!.find((r) => r.Id === sheet.rId)!;
    rel.Target = target;
    for (const { value } of reader._parseWorksheet(new Readable().wrap(stream), sheetNo)) {
      yield value as AsyncIterable<ExcelJS.Row> & { name: string; state?: string };
    }
  }
}

export async function readXlsx(bytes: Uint8Array, limits: { maxRows: number }): Promise<XlsxRead> {
  const problem = workbookRefusal(bytes);
  if (problem) return importRefusal(problem);
  const tables: SourceTable[] = [];
  const sheetNames: string[] = [];
  const notes: ImportWording[] = [];
  const readPast: string[] = [];
  const headerRows = new Map<SourceTable, string>();
  let rows = 0;
  try {
    for await (const ws of worksheets(bytes)) {
      const index = sheetNames.length;
      const name = String(ws.name);
      sheetNames.push(name);
      if (ws.state === "hidden" || ws.state === "veryHidden") {
        for await (const row of ws) void row; // the stream must still be read through
        continue;
      }
      let table: (SourceTable & { records: SourceRecord[] }) | null = null;
      /** The non-empty row above, while the header is searched: the top half of a two-row header. */
      let above: { number: number; cells: SourceCell[] } | null = null;
      /** The header's last row, when it spans two. */
      let headerEnd = 0;
      let communeAt = -1;
      let periodAt = -1;
      let emptyRun = 0;
      let stoppedAt = 0;
      const skipped = { totals: 0, units: 0, notes: 0 };
      for await (const row of ws) {
        if (stoppedAt) continue;
        const values = row.values as ExcelJS.CellValue[];
        const cells: SourceCell[] = [];
        const width = Math.min(values.length - 1, MAX_IMPORT_COLUMNS);
        for (let c = 1; c <= width; c++) cells.push(cellValue(values[c]));
        const empty = cells.every((c) => cellText(c) === "");
        if (!table) {
          if (row.number > HEADER_SEARCH_ROWS) {
            stoppedAt = row.number;
            continue;
          }
          if (empty) continue;
          const joined = above && above.number === row.number - 1 ? joinHeaderRows(above.cells, cells) : null;
          const two = joined !== null && joined.filter(namesColumn).length > cells.filter(namesColumn).length;
          const header = two ? joined : cells;
          if (isHeaderRow(header)) {
            table = { delimiter: null, header: header.map(cellText), records: [], sheet: name, headerRow: row.number };
            if (two) [table.headerRow, headerEnd] = [above!.number, row.number];
            communeAt = table.header.findIndex((h) => columnOf(h) === "commune_code");
            periodAt = table.header.findIndex((h) => columnOf(h) === "period");
          }
          above = { number: row.number, cells };
          continue;
        }
        // The lower half of a header whose top row already named the code and the month.
        if (
          !headerEnd &&
          table.records.length === 0 &&
          row.number === (table.headerRow ?? 0) + 1 &&
          isSubHeaderRow(cells, communeAt)
        ) {
          table.header = joinHeaderRows(table.header, cells).map(cellText);
          headerEnd = row.number;
          continue;
        }
        if (empty) {
          if (++emptyRun >= EMPTY_RUN) stoppedAt = row.number;
          continue;
        }
        emptyRun = 0;
        const commune = cellText(cells[communeAt]);
        const period = cellText(cells[periodAt]);
        if (TOTALS.test(commune) || (commune === "" && TOTALS.test(cellText(cells[0])))) {
          skipped.totals++;
          continue;
        }
        if (
          /^\(.*\)$/.test(commune) ||
          (commune === "" &&
            period === "" &&
            cells.some((c) => /^\(.*\)$/.test(cellText(c))) &&
            table.records.length === 0)
        ) {
          skipped.units++;
          continue;
        }
        if (commune === "" && period === "") {
          skipped.notes++;
          continue;
        }
        if (++rows > limits.maxRows)
          return importRefusal(importWording("workbookTooManyRows", { max: limits.maxRows }));
        table.records.push({ line: index * LINES_PER_SHEET + row.number, row: row.number, cells });
      }
      if (!table) {
        readPast.push(`“${name}”`);
        continue;
      }
      tables.push(table);
      if (headerEnd) headerRows.set(table, `${table.headerRow}–${headerEnd}`);
      const list: ImportWording[] = [];
      if (skipped.units) list.push(importWording("readPastUnits"));
      if (skipped.totals) list.push(importWording("readPastTotals", { count: skipped.totals }));
      if (skipped.notes) list.push(importWording("readPastNotes", { count: skipped.notes }));
      if (list.length)
        notes.push({ rule: "noteReadPast", values: {}, sheet: name, parts: { list: listOf(list, ", ") } });
      if (stoppedAt) notes.push({ ...importWording("noteStopped", { empty: EMPTY_RUN, row: stoppedAt }), sheet: name });
    }
  } catch (error) {
    return importRefusal(importWording("workbookUnreadable", { error: (error as Error).message.slice(0, 120) }));
  }
  if (tables.length === 0) {
    const searched = String(HEADER_SEARCH_ROWS);
    return importRefusal(
      readPast.length
        ? importWording("noHeaderSheet", { rows: searched, sheets: readPast.join(", ") })
        : importWording("noSheet", { rows: searched }),
    );
  }
  if (tables.every((t) => t.records.length === 0)) return importRefusal(importWording("workbookHeaderOnly"));
  if (readPast.length) notes.push(importWording("noteSheetsReadPast", { sheets: readPast.join(", ") }));
  notes.unshift(
    ...tables.map((t) => ({
      ...(headerRows.has(t)
        ? importWording("noteHeaderRows", { rows: headerRows.get(t)! })
        : importWording("noteHeaderRow", { row: t.headerRow ?? 1 })),
      sheet: t.sheet!,
    })),
  );
  return { ok: true, tables, sheetNames, notes };
}
