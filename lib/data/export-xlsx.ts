/**
 * The export as an Excel workbook, streamed: the same rows as the CSV (lib/data/export.ts, PostgreSQL's COPY of the
 * same statement), written row by row as SpreadsheetML by lib/xlsx (exceljs's writer managed a ninth of the CSV's
 * speed, issue 24), so memory stays flat whatever the size. Cells carry their types: numbers are numbers with a
 * display format, months are dates shown MM/YYYY, codes are text.
 * Sheets: "Số liệu" (frozen header with units, autofilter), "Giải thích" (each column and indicator in words),
 * "Thông số xuất" (what was asked for, by whom, when).
 */
import { PassThrough, type Readable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
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
import { type CellStyle, type CellValue, serialDate, styleOfFormat } from "@/lib/xlsx/spreadsheet-xml";
import { WorkbookWriter } from "@/lib/xlsx/workbook-writer";
import { copyTextLines, decodeLine } from "./copy-text";
import { type PreparedExport, copyRows } from "./export";

export async function streamExportXlsx(
  prepared: PreparedExport,
  exportedAt: Date,
): Promise<ReadableStream<Uint8Array>> {
  // PostgreSQL's text format: cheaper to read than its CSV (./copy-text.ts).
  const { source, release } = await copyRows(`COPY (${prepared.sql}) TO STDOUT`, prepared.actorId);
  const output = new PassThrough({ highWaterMark: 256 * 1024 });
  const abort = new AbortController();
  const workbook = new WorkbookWriter(output, {
    creator: "Hệ thống theo dõi chính quyền hai cấp tỉnh Lai Châu",
    created: exportedAt,
  });
  writeWorkbook(prepared, source, workbook, exportedAt, abort.signal).then(
    () => release(),
    (error: Error) => {
      release(error);
      output.destroy(abort.signal.aborted ? undefined : error);
    },
  );
  return pullStream(output, {
    onCancel: () => {
      abort.abort();
      workbook.abort();
      source.destroy();
      release(new Error("export cancelled by the client"));
      output.destroy();
    },
  });
}

async function writeWorkbook(
  prepared: PreparedExport,
  source: Readable,
  workbook: WorkbookWriter,
  exportedAt: Date,
  signal: AbortSignal,
): Promise<void> {
  const { columns } = prepared;
  // The data sheet first: the zip takes its entries in the order they are added, and this one is the stream.
  const sheet = workbook.addSheet("Số liệu", { widths: columns.map(columnWidth), freezeHeader: true });
  sheet.addRow(columns.map(headerWithUnit), "header");

  const unitAt = columns.findIndex((c) => c.code === "unit");
  const styles: (CellStyle | undefined)[] = columns.map(() => undefined);
  const values: CellValue[] = columns.map(() => null);
  // A month is the same cell on every row that names it: its serial day, computed once.
  const months = new Map<string, number>();
  const monthOf = (period: string) => {
    let serial = months.get(period);
    if (serial === undefined) months.set(period, (serial = serialDate(periodCell(period).value)));
    return serial;
  };
  let count = 0;
  for await (const lines of copyTextLines(source)) {
    for (const line of lines) {
      if (signal.aborted) return;
      const record = decodeLine(line);
      const unitOfRow = unitAt >= 0 ? (record[unitAt] ?? "") : "";
      for (let i = 0; i < columns.length; i++) {
        const cell = record[i];
        const column = columns[i]!;
        styles[i] = undefined;
        // NULL and "" are both an empty cell.
        if (cell === null || cell === undefined || cell === "") {
          values[i] = null;
          continue;
        }
        switch (column.type) {
          case "text":
            values[i] = cell;
            break;
          case "period":
            values[i] = monthOf(cell);
            styles[i] = "month";
            break;
          case "status":
            values[i] = statusLabel(cell, "vi");
            break;
          case "number": {
            const number = spreadsheetNumber(Number(cell), column.indicator?.unit ?? unitOfRow);
            values[i] = number.value;
            styles[i] = styleOfFormat(number.numFmt);
            break;
          }
        }
      }
      sheet.addRow(values, styles);
      count++;
    }
    // After each chunk from PostgreSQL: wait while the zip or the client is behind, and let other requests run.
    await sheet.drained(signal);
    await nextTurn();
  }
  if (signal.aborted) return;
  await sheet.end({ autoFilter: true });

  await addNotesSheet(workbook, prepared);
  const parameters = workbook.addSheet("Thông số xuất", { widths: [28, 90] });
  const lines = exportParameterLines(prepared.options, {
    exportedAt: formatDateTimeVi(exportedAt),
    rows: count,
    receivedOnly: prepared.receivedOnly,
    indicatorCodes: prepared.indicatorCodes,
  });
  for (const [label, value] of lines) parameters.addRow([label, value], ["bold", "wrapLeft"]);
  await parameters.end();
  await workbook.finish();
}

/** "Giải thích": every column of the data sheet, then every indicator in the file with its formula in words. */
function addNotesSheet(workbook: WorkbookWriter, prepared: PreparedExport): Promise<void> {
  const notes = workbook.addSheet("Giải thích", { widths: [40, 26, 60, 12, 70, 40, 40], freezeHeader: true });
  notes.addRow(
    ["Cột / chỉ tiêu", "Mã", "Ý nghĩa", "Đơn vị tính", "Cách tính", "Nguồn số liệu", "Cộng theo tháng"],
    "bold",
  );
  const indicatorRow = (code: string, title: string) => {
    const n = indicatorNotes(getIndicator(code));
    return [title, n.code, getIndicator(code).descriptionVi, n.unit, n.formula, n.source, n.temporal];
  };
  for (const column of prepared.columns) {
    const values = column.indicator
      ? indicatorRow(column.indicator.code, headerWithUnit(column))
      : [column.headerVi, column.code, column.meaningVi, "", "", "", ""];
    notes.addRow(values, "wrapTop");
  }
  if (prepared.indicatorCodes.length && prepared.options.format === "long") {
    notes.addRow([]);
    notes.addRow(["Các chỉ tiêu trong tệp (cột Mã chỉ tiêu)"], "bold");
    for (const code of prepared.indicatorCodes) notes.addRow(indicatorRow(code, getIndicator(code).nameVi), "wrapTop");
  }
  return notes.end();
}

function columnWidth(column: ExportColumn): number {
  if (column.indicator) return Math.min(30, Math.max(12, Math.ceil(headerWithUnit(column).length / 2)));
  if (column.code === "commune_name" || column.code === "indicator_name") return 34;
  return column.type === "text" && column.code.endsWith("_code") ? 14 : 16;
}
