/**
 * What an export holds (SPEC §6), parsed from a URL's query string with one zod schema, used by the export page,
 * the CSV endpoint and the JSON API alike.
 */
import { z } from "zod";
import { INDICATORS, RAW_INDICATORS, type Category, findIndicator } from "./indicators";
import { REFORM_START, isPeriod } from "./periods";
import { MAX_SPAN_MONTHS, WINDOW_MESSAGES_VI, windowError } from "./period-window";
import type { SchemaRules } from "./wording";

type CsvSettings = { separator: "comma" | "semicolon"; decimal: "dot" | "comma"; bom: boolean };

/**
 * The two CSV flavours people need: a spreadsheet under a Vietnamese locale (Excel, LibreOffice Calc) reads `;` as
 * the separator and `,` as the decimal mark, and shows Vietnamese only after a BOM; scripts and tools want RFC 4180
 * as written (`,` and `.`, no BOM). Excel users are better served by the .xlsx, whose cells carry their types.
 */
export const CSV_PRESETS: Record<"vi" | "rfc", { label: string; settings: CsvSettings }> = {
  vi: { label: "Excel / LibreOffice (Việt Nam)", settings: { separator: "semicolon", decimal: "comma", bom: true } },
  rfc: { label: "Chuẩn (RFC 4180)", settings: { separator: "comma", decimal: "dot", bom: false } },
};

/**
 * The parameters' messages by rule, in Vietnamese (the API's error bodies say them so); the export page words the
 * rule with the catalogue's `dataErrors.exportOptions`, whose Vietnamese says the same.
 */
export const EXPORT_OPTION_RULES = {
  monthMissing: { vi: "Thiếu tháng (dạng YYYY-MM, ví dụ 2025-09)" },
  badMonth: { vi: "Tháng phải có dạng YYYY-MM, ví dụ 2025-09" },
  badCommune: { vi: "Mã xã, phường không hợp lệ" },
  districtTooLong: { vi: "Tên huyện cũ (district) quá dài" },
  badDistrict: { vi: "Tên huyện cũ không hợp lệ" },
  badKind: { vi: "Loại đơn vị (kind) phải là xa (xã) hoặc phuong (phường)" },
  badFormat: { vi: "Dạng bảng (format) phải là long (dạng dọc) hoặc wide (dạng ngang)" },
  badHeader: { vi: "Tên cột (header) phải là vi (tiếng Việt) hoặc code (mã)" },
  badSeparator: { vi: "Dấu phân cách (separator) phải là comma (dấu phẩy) hoặc semicolon (dấu chấm phẩy)" },
  badDecimal: { vi: "Dấu thập phân (decimal) phải là dot (dấu chấm) hoặc comma (dấu phẩy)" },
  badPreset: { vi: "Kiểu tệp CSV (preset) phải là vi (Excel / LibreOffice Việt Nam) hoặc rfc (chuẩn RFC 4180)" },
  badProvince: { vi: "Mã tỉnh không hợp lệ" },
  rangeOrder: { vi: "Tháng bắt đầu phải trước hoặc bằng tháng kết thúc" },
  unknownIndicator: { vi: "Có mã chỉ tiêu không tồn tại" },
  beforeReform: { vi: WINDOW_MESSAGES_VI.beforeReform },
  afterCurrent: { vi: WINDOW_MESSAGES_VI.afterCurrent },
  rangeTooLong: { vi: WINDOW_MESSAGES_VI.rangeTooLong, values: { max: MAX_SPAN_MONTHS } },
} as const satisfies SchemaRules;
const R = EXPORT_OPTION_RULES;

const ZPeriod = z.string({ error: R.monthMissing.vi }).refine(isPeriod, R.badMonth.vi);
/** A comma-separated (or repeated) list, each item once: `indicators=a,a` is one column, not two (nor 200× the rows). */
const list = (v: unknown) => [
  ...new Set(
    typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : Array.isArray(v)
        ? v
            .flatMap((x) => String(x).split(","))
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
  ),
];

export const ZExportOptions = z
  .object({
    from: ZPeriod.default(REFORM_START),
    to: ZPeriod,
    indicators: z.preprocess(list, z.array(z.string())).default([]),
    category: z.preprocess(list, z.array(z.string())).default([]),
    communes: z.preprocess(list, z.array(z.string().regex(/^[A-Za-z0-9]{1,12}$/, R.badCommune.vi))).default([]),
    district: z
      .string()
      .max(200, R.districtTooLong.vi)
      .refine((d) => !/[\u0000-\u001f]/.test(d), R.badDistrict.vi)
      .optional(),
    kind: z.enum(["xa", "phuong"], { error: R.badKind.vi }).optional(),
    format: z.enum(["long", "wide"], { error: R.badFormat.vi }).default("long"),
    computed: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).default(false),
    header: z.enum(["vi", "code"], { error: R.badHeader.vi }).default("code"),
    separator: z.enum(["comma", "semicolon"], { error: R.badSeparator.vi }).default("comma"),
    /** Decimal mark of the numbers in a CSV: "comma" for a spreadsheet under a Vietnamese locale. */
    decimal: z.enum(["dot", "comma"], { error: R.badDecimal.vi }).default("dot"),
    bom: z.preprocess((v) => (v === undefined ? true : !(v === "0" || v === "false" || v === false)), z.boolean()),
    /** A CSV preset (CSV_PRESETS) sets separator, decimal mark and BOM together. */
    preset: z.enum(["vi", "rfc"], { error: R.badPreset.vi }).optional(),
    /** A province code, or "all" for every province (not for commune accounts). */
    province: z
      .string()
      .regex(/^([A-Za-z0-9]{1,12}|all)$/, R.badProvince.vi)
      .default("12"),
  })
  .refine((o) => o.from <= o.to, { message: R.rangeOrder.vi, path: ["from"] })
  .refine((o) => o.indicators.every((c) => findIndicator(c)), {
    message: R.unknownIndicator.vi,
    path: ["indicators"],
  })
  .transform((o) => (o.preset ? { ...o, ...CSV_PRESETS[o.preset].settings } : o));

export type ExportOptions = z.output<typeof ZExportOptions>;

/** ZExportOptions with the months bounded to the reporting window at `now` (lib/domain/period-window.ts). */
export function parseExportOptions(input: unknown, now: Date) {
  return ZExportOptions.superRefine((o, ctx) => {
    const error = windowError(o, now);
    if (error) ctx.addIssue({ code: "custom", message: R[error].vi, path: ["to"] });
  }).safeParse(input);
}

/** URLSearchParams to a plain object, dropping empty values and keeping repeated keys (`indicators=a&indicators=b`) as arrays. */
export function paramsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    // An empty form field ("Tất cả") means "no filter".
    const all = params.getAll(key).filter((v) => v !== "");
    if (all.length === 0) continue;
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}

/** The indicators an export covers: picked ones, or a category's, or every raw one; computed ones only when asked. */
export function exportIndicators(o: Pick<ExportOptions, "indicators" | "category" | "computed">): string[] {
  const chosen = o.indicators.length
    ? o.indicators
    : INDICATORS.filter((i) => (o.category.length ? o.category.includes(i.category as Category) : true)).map(
        (i) => i.code,
      );
  return chosen.filter((code) => {
    const ind = findIndicator(code);
    if (!ind) return false;
    if (ind.kind === "RAW") return ind.entryLevel === "COMMUNE";
    // Reporting indicators are properties of a set of reports, not of one commune-month value.
    return o.computed && ind.formula.type !== "reporting";
  });
}

export const DEFAULT_RAW = RAW_INDICATORS.filter((i) => i.entryLevel === "COMMUNE").map((i) => i.code);

/** "lai-chau_2025-07_2025-09_long.csv": the file name says what it holds. */
export function exportFileName(o: ExportOptions, extension: "csv" | "xlsx" = "csv", provinceSlug = "lai-chau"): string {
  const scope = o.communes.length === 1 ? `_${o.communes[0]}` : o.communes.length > 1 ? `_${o.communes.length}-xa` : "";
  return `${provinceSlug}${scope}_${o.from}_${o.to}_${o.format}${o.computed ? "_computed" : ""}.${extension}`;
}

export const LONG_COLUMNS = [
  "province_code",
  "commune_code",
  "commune_name",
  "period",
  "indicator_code",
  "indicator_name",
  "value",
  "unit",
  "status",
] as const;

export const LONG_COLUMNS_VI: Record<(typeof LONG_COLUMNS)[number], string> = {
  province_code: "Mã tỉnh",
  commune_code: "Mã xã, phường",
  commune_name: "Tên xã, phường",
  period: "Tháng",
  indicator_code: "Mã chỉ tiêu",
  indicator_name: "Tên chỉ tiêu",
  value: "Giá trị",
  unit: "Đơn vị tính",
  status: "Trạng thái báo cáo",
};

/**
 * Text cells that a spreadsheet would read as a formula (= + - @, tab, CR at the start) get a leading apostrophe.
 * Only for text: numeric cells are written as numbers and never altered.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
