/**
 * The columns of an export, described once for every format: their SQL name (also the "code" header), their
 * Vietnamese header, their type (text stays text, so a code keeps its leading zero), their unit and meaning, and how a
 * spreadsheet should show them. The CSV writer, the workbook writer and the workbook's notes sheet all read this.
 */
import { type ExportOptions, LONG_COLUMNS_VI } from "./export-options";
import { formulaInWords, sourceInWords, temporalInWords } from "./indicator-words";
import { type Indicator, getIndicator } from "./indicators";
import { formatPeriodVi } from "./periods";
import { type ReportStatus, STATUS_LABEL_VI } from "./report-status";

export type ColumnType = "text" | "period" | "status" | "number";

export interface ExportColumn {
  /** SQL column name; the header when the export asks for codes. */
  code: string;
  headerVi: string;
  type: ColumnType;
  /** The indicator of a wide-format value column. */
  indicator?: Indicator;
  meaningVi: string;
}

const base = (code: string, headerVi: string, type: ColumnType, meaningVi: string): ExportColumn => ({
  code,
  headerVi,
  type,
  meaningVi,
});

const PROVINCE_CODE = base(
  "province_code",
  LONG_COLUMNS_VI.province_code,
  "text",
  "Mã đơn vị hành chính cấp tỉnh (Tổng cục Thống kê)",
);
const COMMUNE_CODE = base(
  "commune_code",
  LONG_COLUMNS_VI.commune_code,
  "text",
  "Mã đơn vị hành chính cấp xã từ 01/7/2025, 5 chữ số (giữ số 0 ở đầu)",
);
const COMMUNE_NAME = base("commune_name", LONG_COLUMNS_VI.commune_name, "text", "Tên đầy đủ của xã, phường");
const PERIOD = base("period", LONG_COLUMNS_VI.period, "period", "Tháng báo cáo, dạng MM/YYYY");
const STATUS = base("status", LONG_COLUMNS_VI.status, "status", "Bản nháp, Chờ duyệt, Bị trả lại hoặc Đã duyệt");

/**
 * Issue 28: a month not every commune of the province has reported (and not locked) is provisional; the export says
 * so in a column of its own, "Tạm tính (26/38)", empty for a complete month.
 */
export const MONTH_PROVISIONAL = base(
  "month_provisional",
  "Số liệu tháng tạm tính",
  "text",
  "“Tạm tính (đã nhận/số xã, phường của tỉnh)” khi tháng chưa đủ báo cáo của các xã, phường trong tỉnh và chưa khoá sổ; để trống khi đủ",
);

export const LONG_EXPORT_COLUMNS: readonly ExportColumn[] = [
  PROVINCE_CODE,
  COMMUNE_CODE,
  COMMUNE_NAME,
  PERIOD,
  base(
    "indicator_code",
    LONG_COLUMNS_VI.indicator_code,
    "text",
    "Mã chỉ tiêu trong danh mục (xem các dòng chỉ tiêu bên dưới)",
  ),
  base("indicator_name", LONG_COLUMNS_VI.indicator_name, "text", "Tên chỉ tiêu"),
  base("value", LONG_COLUMNS_VI.value, "number", "Giá trị của chỉ tiêu trong tháng, theo đơn vị ở cột Đơn vị tính"),
  base("unit", LONG_COLUMNS_VI.unit, "text", "Đơn vị của cột Giá trị"),
  STATUS,
  MONTH_PROVISIONAL,
];

/** The columns of an export in the order its SQL returns them. */
export function exportColumns(options: Pick<ExportOptions, "format">, codes: readonly string[]): ExportColumn[] {
  if (options.format === "long") return [...LONG_EXPORT_COLUMNS];
  return [
    PROVINCE_CODE,
    COMMUNE_CODE,
    COMMUNE_NAME,
    PERIOD,
    STATUS,
    ...codes.map((code) => {
      const indicator = getIndicator(code);
      return {
        code,
        headerVi: indicator.nameVi,
        type: "number" as const,
        indicator,
        meaningVi: indicator.descriptionVi,
      };
    }),
    MONTH_PROVISIONAL,
  ];
}

/** A header a person reads in a workbook: the Vietnamese name with the unit, "Biên chế được giao (người)". */
export function headerWithUnit(column: ExportColumn): string {
  return column.indicator ? `${column.headerVi} (${column.indicator.unit})` : column.headerVi;
}

/** Spreadsheet display formats: grouped integers ("13.054" under vi-VN), percentages with one decimal ("98,8%"). */
export const NUMBER_FORMAT = { count: "#,##0", percent: "0.0%", month: "mm/yyyy" } as const;

/**
 * A value as a spreadsheet cell holds it: percentages as fractions (98.8 → 0.988, shown "98,8%" by its format),
 * everything else as is.
 */
export function spreadsheetNumber(value: number, unit: string): { value: number; numFmt: string } {
  return unit === "%" ? { value: value / 100, numFmt: NUMBER_FORMAT.percent } : { value, numFmt: NUMBER_FORMAT.count };
}

export function statusLabel(status: string, language: "vi" | "code"): string {
  return language === "vi" ? (STATUS_LABEL_VI[status as ReportStatus] ?? status) : status;
}

/**
 * A period as a workbook cell: a real date (the 1st of the month, UTC, as a spreadsheet's dates are zone-less) shown
 * as "09/2025", so that months sort and filter as months (as text, 01/2026 sorted before 07/2025). Issue 23.
 */
export const periodCell = (period: string): { value: Date; numFmt: string } => ({
  value: new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1, 1)),
  numFmt: NUMBER_FORMAT.month,
});

/** The text the month cell shows, "09/2025". */
export const periodText = (period: string): string => formatPeriodVi(period);

/** The notes sheet's line for an indicator: name, unit, formula in words, source, how it adds up. */
export function indicatorNotes(indicator: Indicator): {
  code: string;
  name: string;
  unit: string;
  formula: string;
  source: string;
  temporal: string;
} {
  return {
    code: indicator.code,
    name: indicator.nameVi,
    unit: indicator.unit,
    formula: formulaInWords(indicator),
    source: sourceInWords(indicator),
    temporal: temporalInWords(indicator),
  };
}

/** The workbook's "parameters" sheet: what the export holds and when it was made, as label–value lines. */
export function exportParameterLines(
  options: ExportOptions,
  {
    exportedAt,
    rows,
    receivedOnly,
    indicatorCodes,
  }: { exportedAt: string; rows: number; receivedOnly: boolean; indicatorCodes: readonly string[] },
): [string, string | number][] {
  const all = "Tất cả";
  return [
    ["Thời điểm xuất", exportedAt],
    ["Từ tháng", formatPeriodVi(options.from)],
    ["Đến tháng", formatPeriodVi(options.to)],
    ["Tỉnh", options.province === "all" ? "Tất cả các tỉnh" : options.province],
    ["Xã, phường", options.communes.length ? options.communes.join(", ") : all],
    ["Loại đơn vị", options.kind === "xa" ? "Xã" : options.kind === "phuong" ? "Phường" : all],
    ["Huyện cũ", options.district ?? all],
    ["Chỉ tiêu", indicatorCodes.map((c) => getIndicator(c).nameVi).join("; ")],
    [
      "Dạng bảng",
      options.format === "long" ? "Dạng dọc (mỗi dòng một giá trị)" : "Dạng ngang (mỗi dòng một xã, một tháng)",
    ],
    ["Gồm chỉ tiêu tính toán", options.computed ? "Có" : "Không"],
    ["Báo cáo được tính", receivedOnly ? "Chờ duyệt và đã duyệt" : "Mọi trạng thái (xem cột Trạng thái báo cáo)"],
    ["Số dòng số liệu", rows],
  ];
}
