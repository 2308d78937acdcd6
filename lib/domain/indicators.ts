/**
 * The indicator catalogue of SPEC §3.1: the single source of truth. It is seeded into the `indicator` table
 * (for exports, the API and the admin view) but every formula is evaluated from this file.
 */

export type TemporalType = "FLOW" | "STOCK" | "FLAG";
export type Direction = "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";
export type Category = "staffing" | "shortage" | "one_stop" | "procedures" | "digitisation" | "feedback" | "reporting";
export type EntryLevel = "COMMUNE" | "PROVINCE";

export const RAW_CODES = [
  "staff_quota",
  "staff_cadres",
  "staff_civil_servants",
  "staff_public_employees",
  "shortage_finance",
  "shortage_construction",
  "shortage_land",
  "shortage_it",
  "one_stop_operating",
  "proc_received",
  "proc_received_online",
  "proc_resolved_early",
  "proc_resolved_on_time",
  "proc_resolved_late",
  "proc_pending",
  "pages_digitised",
  "dossiers_digitised",
  "feedback_received",
  "feedback_resolved",
  "staff_all_levels",
] as const;
export type RawCode = (typeof RAW_CODES)[number];

/** How a computed indicator is evaluated from aggregated raw values. */
export type Formula =
  /** Σ numerator / Σ denominator × factor; with no denominator, just Σ numerator. Ratio of sums, never a mean of rates. */
  | { type: "ratio"; numerator: RawCode[]; denominator: RawCode[]; factor: number }
  /** Units with the flag at 1 / units that reported the flag × 100. */
  | { type: "coverage"; flag: RawCode }
  /** A FLOW summed from the start of the reform to the end of the range, whatever the range's start. */
  | { type: "cumulative"; of: RawCode }
  /** Reports submitted (or submitted on time) / reports expected × 100. */
  | { type: "reporting"; onTimeOnly: boolean };

interface IndicatorBase {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  unit: string;
  category: Category;
  target?: number;
  direction?: Direction;
}

export interface RawIndicator extends IndicatorBase {
  kind: "RAW";
  code: RawCode;
  temporalType: TemporalType;
  entryLevel: EntryLevel;
}

export interface ComputedIndicator extends IndicatorBase {
  kind: "COMPUTED";
  formula: Formula;
}

export type Indicator = RawIndicator | ComputedIndicator;

const raw = (
  code: RawCode,
  temporalType: TemporalType,
  category: Category,
  nameVi: string,
  nameEn: string,
  unit: string,
  descriptionVi: string,
  descriptionEn: string,
  extra: Partial<Pick<RawIndicator, "target" | "direction" | "entryLevel">> = {},
): RawIndicator => ({
  kind: "RAW",
  code,
  temporalType,
  category,
  nameVi,
  nameEn,
  unit,
  descriptionVi,
  descriptionEn,
  entryLevel: "COMMUNE",
  ...extra,
});

const ratio = (numerator: RawCode[], denominator: RawCode[] = [], factor = 1): Formula => ({
  type: "ratio",
  numerator,
  denominator,
  factor,
});

export const RAW_INDICATORS: RawIndicator[] = [
  raw(
    "staff_quota",
    "STOCK",
    "staffing",
    "Biên chế được giao (CB, CC, VC cấp xã)",
    "Staff quota (commune level)",
    "người",
    "Tổng biên chế cán bộ, công chức, viên chức cấp xã được giao, cuối tháng.",
    "Assigned staff quota (cadres, civil servants, public employees) at month end.",
  ),
  raw(
    "staff_cadres",
    "STOCK",
    "staffing",
    "Cán bộ",
    "Cadres",
    "người",
    "Số cán bộ cấp xã hiện có, cuối tháng.",
    "Cadres in post at month end.",
  ),
  raw(
    "staff_civil_servants",
    "STOCK",
    "staffing",
    "Công chức",
    "Civil servants",
    "người",
    "Số công chức cấp xã hiện có, cuối tháng.",
    "Civil servants in post at month end.",
  ),
  raw(
    "staff_public_employees",
    "STOCK",
    "staffing",
    "Viên chức",
    "Public employees",
    "người",
    "Số viên chức thuộc cấp xã hiện có, cuối tháng.",
    "Public employees in post at month end.",
  ),
  raw(
    "shortage_finance",
    "STOCK",
    "shortage",
    "Vị trí còn thiếu: kế toán – tài chính",
    "Vacancies: accounting–finance",
    "vị trí",
    "Số vị trí việc làm chuyên môn kế toán – tài chính chưa bố trí được người.",
    "Accounting–finance positions not yet filled.",
    { direction: "LOWER_IS_BETTER", target: 0 },
  ),
  raw(
    "shortage_construction",
    "STOCK",
    "shortage",
    "Vị trí còn thiếu: xây dựng",
    "Vacancies: construction",
    "vị trí",
    "Số vị trí việc làm chuyên môn xây dựng chưa bố trí được người.",
    "Construction positions not yet filled.",
    { direction: "LOWER_IS_BETTER", target: 0 },
  ),
  raw(
    "shortage_land",
    "STOCK",
    "shortage",
    "Vị trí còn thiếu: đất đai",
    "Vacancies: land administration",
    "vị trí",
    "Số vị trí việc làm chuyên môn đất đai chưa bố trí được người.",
    "Land administration positions not yet filled.",
    { direction: "LOWER_IS_BETTER", target: 0 },
  ),
  raw(
    "shortage_it",
    "STOCK",
    "shortage",
    "Vị trí còn thiếu: công nghệ thông tin",
    "Vacancies: IT",
    "vị trí",
    "Số vị trí việc làm chuyên môn công nghệ thông tin chưa bố trí được người.",
    "IT positions not yet filled.",
    { direction: "LOWER_IS_BETTER", target: 0 },
  ),
  raw(
    "one_stop_operating",
    "FLAG",
    "one_stop",
    "Bộ phận một cửa / Trung tâm PVHCC hoạt động",
    "One-stop shop operating",
    "có/không",
    "1 nếu Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) của xã hoạt động trong tháng, 0 nếu không.",
    "1 if the commune's one-stop shop operated during the month, else 0.",
  ),
  raw(
    "proc_received",
    "FLOW",
    "procedures",
    "Hồ sơ TTHC tiếp nhận",
    "Procedure dossiers received",
    "hồ sơ",
    "Số hồ sơ thủ tục hành chính tiếp nhận mới trong tháng.",
    "Administrative procedure dossiers received during the month.",
  ),
  raw(
    "proc_received_online",
    "FLOW",
    "procedures",
    "Hồ sơ tiếp nhận trực tuyến",
    "Dossiers received online",
    "hồ sơ",
    "Trong số hồ sơ tiếp nhận, số hồ sơ nộp trực tuyến.",
    "Of the dossiers received, those submitted online.",
  ),
  raw(
    "proc_resolved_early",
    "FLOW",
    "procedures",
    "Giải quyết trước hạn",
    "Resolved early",
    "hồ sơ",
    "Số hồ sơ giải quyết xong trước hạn trong tháng.",
    "Dossiers resolved before the deadline during the month.",
  ),
  raw(
    "proc_resolved_on_time",
    "FLOW",
    "procedures",
    "Giải quyết đúng hạn",
    "Resolved on time",
    "hồ sơ",
    "Số hồ sơ giải quyết xong đúng hạn trong tháng.",
    "Dossiers resolved on the deadline during the month.",
  ),
  raw(
    "proc_resolved_late",
    "FLOW",
    "procedures",
    "Giải quyết quá hạn",
    "Resolved late",
    "hồ sơ",
    "Số hồ sơ giải quyết xong nhưng quá hạn trong tháng.",
    "Dossiers resolved after the deadline during the month.",
    { direction: "LOWER_IS_BETTER" },
  ),
  raw(
    "proc_pending",
    "STOCK",
    "procedures",
    "Hồ sơ đang giải quyết cuối kỳ",
    "Dossiers pending at month end",
    "hồ sơ",
    "Số hồ sơ đang giải quyết tại thời điểm cuối tháng.",
    "Dossiers still being processed at month end.",
  ),
  raw(
    "pages_digitised",
    "FLOW",
    "digitisation",
    "Trang tài liệu được số hoá",
    "Pages digitised",
    "trang",
    "Số trang tài liệu, hồ sơ hành chính được số hoá trong tháng.",
    "Pages of administrative records digitised during the month.",
  ),
  raw(
    "dossiers_digitised",
    "FLOW",
    "digitisation",
    "Hồ sơ TTHC được số hoá",
    "Procedure dossiers digitised",
    "hồ sơ",
    "Số hồ sơ thủ tục hành chính được số hoá kết quả trong tháng.",
    "Procedure dossiers whose results were digitised during the month.",
  ),
  raw(
    "feedback_received",
    "FLOW",
    "feedback",
    "Phản ánh, kiến nghị tiếp nhận",
    "Feedback received",
    "lượt",
    "Số phản ánh, kiến nghị của người dân, doanh nghiệp tiếp nhận trong tháng.",
    "Citizen and business feedback received during the month.",
  ),
  raw(
    "feedback_resolved",
    "FLOW",
    "feedback",
    "Phản ánh, kiến nghị đã xử lý",
    "Feedback resolved",
    "lượt",
    "Số phản ánh, kiến nghị đã xử lý xong trong tháng.",
    "Feedback items resolved during the month.",
  ),
  raw(
    "staff_all_levels",
    "STOCK",
    "staffing",
    "Cán bộ, công chức, viên chức toàn tỉnh",
    "Staff at all levels (province-wide)",
    "người",
    "Tổng số cán bộ, công chức, viên chức của toàn tỉnh (mọi cấp), do tỉnh nhập.",
    "All cadres, civil servants and public employees of the province, entered by the province.",
    { entryLevel: "PROVINCE" },
  ),
];

const computed = (
  code: string,
  category: Category,
  nameVi: string,
  nameEn: string,
  unit: string,
  formula: Formula,
  descriptionVi: string,
  descriptionEn: string,
  extra: Partial<Pick<ComputedIndicator, "target" | "direction">> = {},
): ComputedIndicator => ({
  kind: "COMPUTED",
  code,
  category,
  nameVi,
  nameEn,
  unit,
  formula,
  descriptionVi,
  descriptionEn,
  ...extra,
});

export const COMPUTED_INDICATORS: ComputedIndicator[] = [
  computed(
    "staff_total",
    "staffing",
    "Tổng số CB, CC, VC cấp xã",
    "Staff in post (commune level)",
    "người",
    ratio(["staff_cadres", "staff_civil_servants", "staff_public_employees"]),
    "Cán bộ + công chức + viên chức.",
    "Cadres + civil servants + public employees.",
  ),
  computed(
    "staff_cbcc",
    "staffing",
    "Cán bộ, công chức cấp xã",
    "Cadres and civil servants (commune level)",
    "người",
    ratio(["staff_cadres", "staff_civil_servants"]),
    "Cán bộ + công chức.",
    "Cadres + civil servants.",
  ),
  computed(
    "quota_fill_rate",
    "staffing",
    "Tỷ lệ biên chế đã bố trí",
    "Quota fill rate",
    "%",
    ratio(["staff_cadres", "staff_civil_servants", "staff_public_employees"], ["staff_quota"], 100),
    "Tổng số CB, CC, VC hiện có / biên chế được giao × 100.",
    "Staff in post / staff quota × 100.",
    { target: 95, direction: "HIGHER_IS_BETTER" },
  ),
  computed(
    "shortage_total",
    "shortage",
    "Tổng vị trí chuyên môn còn thiếu",
    "Specialist vacancies (total)",
    "vị trí",
    ratio(["shortage_finance", "shortage_construction", "shortage_land", "shortage_it"]),
    "Kế toán – tài chính + xây dựng + đất đai + công nghệ thông tin.",
    "Finance + construction + land + IT vacancies.",
    { target: 0, direction: "LOWER_IS_BETTER" },
  ),
  computed(
    "one_stop_coverage",
    "one_stop",
    "Tỷ lệ xã, phường vận hành bộ phận một cửa",
    "One-stop shop coverage",
    "%",
    { type: "coverage", flag: "one_stop_operating" },
    "Số xã, phường có bộ phận một cửa hoạt động / số xã, phường có báo cáo × 100.",
    "Units with an operating one-stop shop / units reporting × 100.",
    { target: 100, direction: "HIGHER_IS_BETTER" },
  ),
  computed(
    "proc_resolved",
    "procedures",
    "Hồ sơ TTHC đã giải quyết",
    "Dossiers resolved",
    "hồ sơ",
    ratio(["proc_resolved_early", "proc_resolved_on_time", "proc_resolved_late"]),
    "Trước hạn + đúng hạn + quá hạn.",
    "Early + on time + late.",
  ),
  computed(
    "proc_on_time_rate",
    "procedures",
    "Tỷ lệ giải quyết TTHC đúng và trước hạn",
    "Procedures resolved on time",
    "%",
    ratio(
      ["proc_resolved_early", "proc_resolved_on_time"],
      ["proc_resolved_early", "proc_resolved_on_time", "proc_resolved_late"],
      100,
    ),
    "(Trước hạn + đúng hạn) / tổng số đã giải quyết × 100.",
    "(Early + on time) / resolved × 100.",
    { target: 98, direction: "HIGHER_IS_BETTER" },
  ),
  computed(
    "proc_online_rate",
    "procedures",
    "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
    "Dossiers received online",
    "%",
    ratio(["proc_received_online"], ["proc_received"], 100),
    "Hồ sơ tiếp nhận trực tuyến / tổng hồ sơ tiếp nhận × 100.",
    "Online dossiers / dossiers received × 100.",
    { target: 50, direction: "HIGHER_IS_BETTER" },
  ),
  computed(
    "dossier_digitisation_rate",
    "digitisation",
    "Tỷ lệ hồ sơ TTHC được số hoá",
    "Dossier digitisation rate",
    "%",
    ratio(["dossiers_digitised"], ["proc_resolved_early", "proc_resolved_on_time", "proc_resolved_late"], 100),
    "Hồ sơ được số hoá / hồ sơ đã giải quyết × 100.",
    "Dossiers digitised / dossiers resolved × 100.",
    { target: 80, direction: "HIGHER_IS_BETTER" },
  ),
  computed(
    "pages_digitised_cumulative",
    "digitisation",
    "Trang tài liệu số hoá luỹ kế",
    "Pages digitised (cumulative)",
    "trang",
    { type: "cumulative", of: "pages_digitised" },
    "Tổng số trang được số hoá từ 01/7/2025 đến hết kỳ.",
    "Pages digitised from 1 July 2025 to the end of the period.",
  ),
  computed(
    "feedback_resolution_rate",
    "feedback",
    "Tỷ lệ phản ánh, kiến nghị đã xử lý",
    "Feedback resolution rate",
    "%",
    ratio(["feedback_resolved"], ["feedback_received"], 100),
    "Phản ánh đã xử lý / phản ánh tiếp nhận × 100.",
    "Feedback resolved / feedback received × 100.",
    { target: 90, direction: "HIGHER_IS_BETTER" },
  ),
  computed(
    "reporting_rate",
    "reporting",
    "Tỷ lệ báo cáo đã nộp",
    "Reporting rate",
    "%",
    { type: "reporting", onTimeOnly: false },
    "Số báo cáo tháng đã nộp (chờ duyệt hoặc đã duyệt) / số báo cáo phải nộp × 100.",
    "Monthly reports submitted or approved / reports expected × 100.",
    { target: 100, direction: "HIGHER_IS_BETTER" },
  ),
  computed(
    "reporting_timeliness",
    "reporting",
    "Tỷ lệ báo cáo nộp đúng hạn",
    "Reporting timeliness",
    "%",
    { type: "reporting", onTimeOnly: true },
    "Số báo cáo nộp lần đầu trước hạn (ngày 5 tháng sau) / số báo cáo phải nộp × 100.",
    "Reports first submitted by the deadline (5th of next month) / reports expected × 100.",
    { target: 90, direction: "HIGHER_IS_BETTER" },
  ),
];

export const INDICATORS: Indicator[] = [...RAW_INDICATORS, ...COMPUTED_INDICATORS];

const BY_CODE = new Map<string, Indicator>(INDICATORS.map((i) => [i.code, i]));

export function findIndicator(code: string): Indicator | undefined {
  return BY_CODE.get(code);
}

export function getIndicator(code: string): Indicator {
  const found = BY_CODE.get(code);
  if (!found) throw new Error(`Unknown indicator: ${code}`);
  return found;
}

export function isRawCode(code: string): code is RawCode {
  return (RAW_CODES as readonly string[]).includes(code);
}

export function rawIndicator(code: RawCode): RawIndicator {
  return getIndicator(code) as RawIndicator;
}

/** Raw indicators a commune enters in its monthly report, in form order. */
export const COMMUNE_RAW_INDICATORS = RAW_INDICATORS.filter((i) => i.entryLevel === "COMMUNE");

/** The raw codes a computed indicator reads. */
export function inputsOf(indicator: Indicator): RawCode[] {
  if (indicator.kind === "RAW") return [indicator.code];
  const f = indicator.formula;
  switch (f.type) {
    case "ratio":
      return [...new Set([...f.numerator, ...f.denominator])];
    case "coverage":
      return [f.flag];
    case "cumulative":
      return [f.of];
    case "reporting":
      return [];
  }
}

/** How the formula is stored in the `indicator` table (numerator / denominator term lists) for display and export. */
export function storedFormula(indicator: ComputedIndicator): {
  numerator: string[];
  denominator: string[];
  factor: number;
} {
  const f = indicator.formula;
  switch (f.type) {
    case "ratio":
      return { numerator: f.numerator, denominator: f.denominator, factor: f.factor };
    case "coverage":
      return { numerator: [f.flag], denominator: [`count(${f.flag})`], factor: 100 };
    case "cumulative":
      return { numerator: [`cumulative(${f.of})`], denominator: [], factor: 1 };
    case "reporting":
      return {
        numerator: [f.onTimeOnly ? "reports_on_time" : "reports_submitted"],
        denominator: ["reports_expected"],
        factor: 100,
      };
  }
}

export type KpiStatus = "good" | "warning" | "bad" | "none";

/**
 * Colour band of a value against its target: good when the target is met, warning when within
 * 5% of the target (or 1 unit for counts whose target is 0), bad otherwise.
 */
export function kpiStatus(indicator: Indicator, value: number | null | undefined): KpiStatus {
  if (value == null || indicator.target == null || indicator.direction == null) return "none";
  const t = indicator.target;
  if (indicator.direction === "HIGHER_IS_BETTER") {
    if (value >= t) return "good";
    return value >= t * 0.95 ? "warning" : "bad";
  }
  if (value <= t) return "good";
  return value <= (t === 0 ? 1 : t * 1.05) ? "warning" : "bad";
}
