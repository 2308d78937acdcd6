/**
 * The monthly template as a workbook (issue 23, item 4): a title block, then one row per unit (code, name and month
 * locked) and one column per raw indicator (Vietnamese name and unit, as the export writes it), what is stored already
 * filled in, Excel's data validation on every value cell (whole numbers ≥ 0, rates 0–100, Có/Không lists), the sheet
 * protected without a password so that only the value cells can be typed in, and a hidden sheet with the version.
 * The import reads it back as it reads the export's wide layout (lib/import/read-xlsx.ts finds the header row).
 */
import ExcelJS from "exceljs";
import { formatDateTimeVi } from "@/lib/domain/format";
import { NUMBER_FORMAT, periodCell } from "@/lib/domain/export-columns";
import {
  TEMPLATE_COLUMNS,
  TEMPLATE_UNIT_HEADERS,
  TEMPLATE_VERSION,
  TEMPLATE_VERSION_SHEET,
  type TemplateColumn,
  templateCellValue,
} from "@/lib/domain/import/template";
import { type Period, formatPeriodVi } from "@/lib/domain/periods";
import { STATUS_LABEL_VI } from "@/lib/domain/report-status";
import type { TemplateContent } from "@/lib/data/import-template";

/** The header's row: a title block above it, as the province's own workbooks have. */
export const TEMPLATE_HEADER_ROW = 4;

export const templateFileName = (period: Period, unitCode: string | null) =>
  `mau-nhap-so-lieu_${period}${unitCode ? `_${unitCode}` : ""}.xlsx`;

export const templateSheetName = (period: Period) => `Tháng ${formatPeriodVi(period).replace("/", "-")}`;

function validation(column: TemplateColumn): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "Giá trị không hợp lệ",
    error: column.error,
  } as const;
  switch (column.rule.kind) {
    case "whole":
      return { ...common, type: "whole", operator: "between", formulae: [column.rule.min, column.rule.max] };
    case "rate":
      return { ...common, type: "decimal", operator: "between", formulae: [column.rule.min, column.rule.max] };
    case "yesNo":
      return { ...common, type: "list", formulae: [`"${column.rule.words.join(",")}"`] };
  }
}

export async function templateWorkbook(
  content: TemplateContent,
  options: { scopeLabel: string; generatedAt: Date },
): Promise<Buffer> {
  const { period, units } = content;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Hệ thống theo dõi chính quyền hai cấp tỉnh Lai Châu";
  workbook.created = options.generatedAt;
  const sheet = workbook.addWorksheet(templateSheetName(period), {
    views: [{ state: "frozen", xSplit: TEMPLATE_UNIT_HEADERS.length, ySplit: TEMPLATE_HEADER_ROW }],
  });
  const width = TEMPLATE_UNIT_HEADERS.length + TEMPLATE_COLUMNS.length;
  sheet.columns = [{ width: 10 }, { width: 28 }, { width: 10 }, ...TEMPLATE_COLUMNS.map(() => ({ width: 16 }))];

  const title = sheet.getCell(1, 1);
  title.value = `BIỂU NHẬP SỐ LIỆU THÁNG ${formatPeriodVi(period)}: ${options.scopeLabel.toUpperCase()}`;
  title.font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, width);
  const note = sheet.getCell(2, 1);
  note.value =
    `Nhập số liệu vào các ô trắng; ô trống là “chưa có số liệu” (không phải 0). Mã, tên xã, phường và tháng đã khoá. ` +
    `Tải lên ở trang “Nhập từ tệp”: hệ thống kiểm tra theo đúng quy tắc của biểu mẫu nhập số liệu và cho xem trước các thay đổi.` +
    (content.locked ? ` Tháng ${formatPeriodVi(period)} đã khoá sổ: số liệu chỉ để xem.` : "");
  note.alignment = { wrapText: true, vertical: "top" };
  sheet.mergeCells(2, 1, 2, width);
  sheet.getRow(2).height = 32;

  const header = sheet.getRow(TEMPLATE_HEADER_ROW);
  header.values = [...TEMPLATE_UNIT_HEADERS, ...TEMPLATE_COLUMNS.map((c) => c.header)];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  header.height = 60;

  const month = periodCell(period);
  units.forEach((unit, i) => {
    const row = sheet.getRow(TEMPLATE_HEADER_ROW + 1 + i);
    row.getCell(1).value = unit.code;
    row.getCell(2).value = unit.fullName;
    const monthCell = row.getCell(3);
    monthCell.value = month.value;
    monthCell.numFmt = month.numFmt;
    TEMPLATE_COLUMNS.forEach((column, j) => {
      const cell = row.getCell(TEMPLATE_UNIT_HEADERS.length + 1 + j);
      cell.value = templateCellValue(column, unit.values[column.code]);
      if (column.rule.kind === "whole") cell.numFmt = NUMBER_FORMAT.count;
      cell.dataValidation = validation(column);
      if (!content.locked && unit.status !== "APPROVED") {
        cell.protection = { locked: false };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFFFF" } };
      } else {
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEEEEE" } };
        cell.note = content.locked ? "Tháng đã khoá sổ" : `Báo cáo ${STATUS_LABEL_VI.APPROVED.toLowerCase()}: chỉ xem`;
      }
    });
    for (let c = 1; c <= TEMPLATE_UNIT_HEADERS.length; c++)
      row.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEEEEE" } };
  });
  // Without a password: the protection keeps codes, names and the month from being typed over by mistake.
  await sheet.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    sort: false,
    autoFilter: false,
  });

  const version = workbook.addWorksheet(TEMPLATE_VERSION_SHEET, { state: "hidden" });
  version.columns = [{ width: 24 }, { width: 60 }];
  version.addRows([
    ["Mẫu", "Biểu nhập số liệu tháng (tracker Lai Châu)"],
    ["Phiên bản mẫu", TEMPLATE_VERSION],
    ["Tháng", period],
    ["Đơn vị", options.scopeLabel],
    ["Tạo lúc", formatDateTimeVi(options.generatedAt)],
    ["Chỉ tiêu", TEMPLATE_COLUMNS.map((c) => c.code).join(",")],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
