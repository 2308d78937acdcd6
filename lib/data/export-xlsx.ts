/**
 * The export as an Excel workbook, streamed: the same rows as the CSV (lib/data/export.ts, PostgreSQL's COPY of the
 * same statement), written cell by cell with exceljs's streaming WorkbookWriter, so memory stays flat whatever the
 * size. Cells carry their types: numbers are numbers with a display format, codes and periods are text.
 * Sheets: "Số liệu" (frozen header with units, autofilter), "Giải thích" (each column and indicator in words),
 * "Thông số xuất" (what was asked for, by whom, when).
 */
import { type EventEmitter, once } from "node:events";
import { PassThrough, type Readable, pipeline } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import {
  type ExportColumn,
  exportParameterLines,
  headerWithUnit,
  indicatorNotes,
  periodCell,
  spreadsheetNumber,
  statusLabel,
} from "@/lib/domain/export-columns";
import { formatDateTimeVi } from "@/lib/domain/format";
import { getIndicator } from "@/lib/domain/indicators";
import { pullStream } from "@/lib/web/pull-stream";
import { type PreparedExport, copyRows } from "./export";

type CellValue = string | number | Date | null;

const PLAIN: Partial<ExcelJS.Style> = {};
const NUMBER_STYLES = new Map<string, Partial<ExcelJS.Style>>();
function styleOf(numFmt: string | undefined): Partial<ExcelJS.Style> {
  if (!numFmt) return PLAIN;
  let style = NUMBER_STYLES.get(numFmt);
  if (!style) NUMBER_STYLES.set(numFmt, (style = { numFmt }));
  return style;
}

/** How many rows are written between two looks at the client (is it still reading?) and two turns of the event loop. */
const ROWS_PER_TURN = 500;

export async function streamExportXlsx(prepared: PreparedExport, exportedAt: Date): Promise<ReadableStream<Uint8Array>> {
  const { source, release } = await copyRows(`COPY (${prepared.sql}) TO STDOUT WITH (FORMAT csv)`, prepared.actorId);
  // No `cast` option: it builds a context object per field, a third of the time. NULL and "" both arrive as "", and
  // both are written as an empty cell.
  const rows: Readable = pipeline(source, parse(), () => {});
  const output = new PassThrough({ highWaterMark: 256 * 1024 });
  const abort = new AbortController();
  writeWorkbook(prepared, rows, output, exportedAt, abort.signal).then(
    () => release(),
    (error: Error) => {
      release(error);
      output.destroy(abort.signal.aborted ? undefined : error);
    },
  );
  return pullStream(output, {
    onCancel: () => {
      abort.abort();
      rows.destroy();
      source.destroy();
      release(new Error("export cancelled by the client"));
      output.destroy();
    },
  });
}

async function writeWorkbook(prepared: PreparedExport, rows: Readable, output: PassThrough, exportedAt: Date, signal: AbortSignal): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "Hệ thống theo dõi chính quyền hai cấp tỉnh Lai Châu";
  workbook.created = exportedAt;
  const { columns } = prepared;
  // The data sheet first: the zip takes its entries in the order they are added, and this one is the stream.
  const sheet = workbook.addWorksheet("Số liệu", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ key: c.code, width: columnWidth(c) }));
  const header = sheet.addRow(columns.map(headerWithUnit));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  header.commit();

  const unitAt = columns.findIndex((c) => c.code === "unit");
  let count = 0;
  for await (const record of rows as AsyncIterable<string[]>) {
    if (signal.aborted) return;
    const unitOfRow = unitAt >= 0 ? record[unitAt]! : "";
    const formats: (string | undefined)[] = [];
    const values = record.map((cell, i): CellValue => {
      const column = columns[i]!;
      if (cell === "") return null;
      switch (column.type) {
        case "text":
          return cell;
        case "period": {
          const month = periodCell(cell);
          formats[i] = month.numFmt;
          return month.value;
        }
        case "status":
          return statusLabel(cell, "vi");
        case "number": {
          const number = spreadsheetNumber(Number(cell), column.indicator?.unit ?? unitOfRow);
          formats[i] = number.numFmt;
          return number.value;
        }
      }
    });
    const row = sheet.addRow(values);
    // One shared style object per format: exceljs recognises an object it has seen and skips re-deriving the style
    // of each cell again.
    for (let i = 0; i < values.length; i++) row.getCell(i + 1).style = styleOf(formats[i]);
    row.commit();
    if (++count % ROWS_PER_TURN === 0) {
      // Let the other requests, the zip's deflate and the socket run; then wait while the zip has not taken in what
      // was written (deflate is slower than writing rows) and while the client is not reading. Without both waits
      // the rows pile up in memory.
      await nextTurn();
      const zipInput = sheetZipInput(sheet);
      if (zipInput?._writableState?.needDrain) await once(zipInput, "drain", { signal });
      if (output.writableNeedDrain) await once(output, "drain", { signal });
    }
  }
  if (signal.aborted) return;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: count + 1, column: columns.length } };
  sheet.commit();

  addNotesSheet(workbook, prepared);
  const parameters = workbook.addWorksheet("Thông số xuất");
  parameters.columns = [{ width: 28 }, { width: 90 }];
  const lines = exportParameterLines(prepared.options, {
    exportedAt: formatDateTimeVi(exportedAt),
    rows: count,
    receivedOnly: prepared.receivedOnly,
    indicatorCodes: prepared.indicatorCodes,
  });
  for (const [label, value] of lines) {
    const row = parameters.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, horizontal: "left" };
    row.commit();
  }
  parameters.commit();
  await workbook.commit();
}

/** "Giải thích": every column of the data sheet, then every indicator in the file with its formula in words. */
function addNotesSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, prepared: PreparedExport): void {
  const notes = workbook.addWorksheet("Giải thích", { views: [{ state: "frozen", ySplit: 1 }] });
  notes.columns = [{ width: 40 }, { width: 26 }, { width: 60 }, { width: 12 }, { width: 70 }, { width: 40 }, { width: 40 }];
  const head = notes.addRow(["Cột / chỉ tiêu", "Mã", "Ý nghĩa", "Đơn vị tính", "Cách tính", "Nguồn số liệu", "Cộng theo tháng"]);
  head.font = { bold: true };
  head.commit();
  const indicatorRow = (code: string, title: string) => {
    const n = indicatorNotes(getIndicator(code));
    return [title, n.code, getIndicator(code).descriptionVi, n.unit, n.formula, n.source, n.temporal];
  };
  for (const column of prepared.columns) {
    const values = column.indicator ? indicatorRow(column.indicator.code, headerWithUnit(column)) : [column.headerVi, column.code, column.meaningVi, "", "", "", ""];
    const row = notes.addRow(values);
    row.alignment = { wrapText: true, vertical: "top" };
    row.commit();
  }
  if (prepared.indicatorCodes.length && prepared.options.format === "long") {
    notes.addRow([]).commit();
    const title = notes.addRow(["Các chỉ tiêu trong tệp (cột Mã chỉ tiêu)"]);
    title.font = { bold: true };
    title.commit();
    for (const code of prepared.indicatorCodes) {
      const row = notes.addRow(indicatorRow(code, getIndicator(code).nameVi));
      row.alignment = { wrapText: true, vertical: "top" };
      row.commit();
    }
  }
  notes.commit();
}

/** A readable-stream 2 PassThrough (archiver's), which has `_writableState` but not Node's `writableNeedDrain`. */
type ZipInput = EventEmitter & { _writableState?: { needDrain: boolean } };

/**
 * exceljs 4.4.0 (pinned) hands a sheet's XML to the zip (archiver 5) through a PassThrough that it writes without
 * looking at the return value, so the zip never pushes back: this is that PassThrough, whose `needDrain` says the zip
 * is behind (seen: 19 MB and growing a few seconds into the national export before this wait).
 */
function sheetZipInput(sheet: ExcelJS.Worksheet): ZipInput | undefined {
  return (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes?.[0];
}

function columnWidth(column: ExportColumn): number {
  if (column.indicator) return Math.min(30, Math.max(12, Math.ceil(headerWithUnit(column).length / 2)));
  if (column.code === "commune_name" || column.code === "indicator_name") return 34;
  return column.type === "text" && column.code.endsWith("_code") ? 14 : 16;
}
