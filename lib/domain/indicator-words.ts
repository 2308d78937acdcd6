/**
 * Indicators described in words for the people who read them (workbook notes, the catalogue, the briefing's
 * annex): each formula as a sentence of Vietnamese names, never of codes, and where each figure comes from.
 */
import type { Indicator, RawCode } from "./indicators";

/** Short names of raw indicators as they read inside a formula ("Số hồ sơ giải quyết trước hạn"). */
const TERM_VI: Record<RawCode, string> = {
  staff_quota: "Biên chế được giao",
  staff_cadres: "Số cán bộ",
  staff_civil_servants: "Số công chức",
  staff_public_employees: "Số viên chức",
  shortage_finance: "Vị trí kế toán – tài chính còn thiếu",
  shortage_construction: "Vị trí xây dựng còn thiếu",
  shortage_land: "Vị trí đất đai còn thiếu",
  shortage_it: "Vị trí công nghệ thông tin còn thiếu",
  one_stop_operating: "Bộ phận một cửa hoạt động",
  proc_received: "Số hồ sơ tiếp nhận",
  proc_received_online: "Số hồ sơ tiếp nhận trực tuyến",
  proc_resolved_early: "Số hồ sơ giải quyết trước hạn",
  proc_resolved_on_time: "Số hồ sơ giải quyết đúng hạn",
  proc_resolved_late: "Số hồ sơ giải quyết quá hạn",
  proc_pending: "Số hồ sơ đang giải quyết",
  pages_digitised: "Số trang tài liệu được số hoá",
  dossiers_digitised: "Số hồ sơ được số hoá",
  feedback_received: "Số phản ánh, kiến nghị tiếp nhận",
  feedback_resolved: "Số phản ánh, kiến nghị đã xử lý",
  staff_all_levels: "Số cán bộ, công chức, viên chức toàn tỉnh",
};

/**
 * Formulas whose terms have a name of their own in the province's reports: "đúng hạn và trước hạn" rather than
 * "trước hạn + đúng hạn", "tổng số hồ sơ đã giải quyết" rather than its three parts.
 */
const FORMULA_VI: Record<string, string> = {
  staff_total: "Số cán bộ + Số công chức + Số viên chức",
  staff_cbcc: "Số cán bộ + Số công chức",
  quota_fill_rate: "Tổng số cán bộ, công chức, viên chức hiện có / Biên chế được giao × 100",
  shortage_total: "Vị trí còn thiếu: kế toán – tài chính + xây dựng + đất đai + công nghệ thông tin",
  one_stop_coverage: "Số xã, phường có bộ phận một cửa hoạt động / Số xã, phường có báo cáo × 100",
  proc_resolved: "Số hồ sơ giải quyết trước hạn + đúng hạn + quá hạn",
  proc_on_time_rate: "Số hồ sơ giải quyết đúng hạn và trước hạn / Tổng số hồ sơ đã giải quyết × 100",
  proc_online_rate: "Số hồ sơ tiếp nhận trực tuyến / Tổng số hồ sơ tiếp nhận × 100",
  dossier_digitisation_rate: "Số hồ sơ được số hoá / Tổng số hồ sơ đã giải quyết × 100",
  pages_digitised_cumulative: "Cộng dồn số trang được số hoá từ 01/7/2025 đến hết kỳ",
  feedback_resolution_rate: "Số phản ánh, kiến nghị đã xử lý / Số phản ánh, kiến nghị tiếp nhận × 100",
  reporting_rate: "Số báo cáo tháng đã nộp (chờ duyệt hoặc đã duyệt) / Số báo cáo phải nộp × 100",
  reporting_timeliness: "Số báo cáo nộp đúng hạn (trước ngày 5 tháng sau) / Số báo cáo phải nộp × 100",
};

/** The formula of an indicator in words; a raw indicator is "entered", with what it counts. */
export function formulaInWords(indicator: Indicator): string {
  if (indicator.kind === "RAW") return `Nhập trực tiếp: ${indicator.descriptionVi.replace(/\.$/, "")}`;
  const known = FORMULA_VI[indicator.code];
  if (known) return known;
  const f = indicator.formula;
  if (f.type === "ratio") {
    const side = (codes: readonly RawCode[]) => codes.map((c) => TERM_VI[c]).join(" + ");
    return f.denominator.length
      ? `${side(f.numerator)} / ${side(f.denominator)}${f.factor !== 1 ? ` × ${f.factor}` : ""}`
      : side(f.numerator);
  }
  return indicator.descriptionVi;
}

/** Where an indicator's figures come from, in words. */
export function sourceInWords(indicator: Indicator): string {
  if (indicator.kind === "RAW") {
    return indicator.entryLevel === "PROVINCE" ? "Số liệu do tỉnh nhập" : "Báo cáo tháng của xã, phường";
  }
  if (indicator.formula.type === "reporting") return "Trạng thái và thời điểm nộp báo cáo tháng";
  return "Tính từ báo cáo tháng của xã, phường (tổng của các xã, phường, rồi mới chia)";
}

/** How the figures of an indicator add up over months, in words. */
export function temporalInWords(indicator: Indicator): string {
  if (indicator.kind === "COMPUTED") return "Tính theo công thức trên các số đã cộng";
  switch (indicator.temporalType) {
    case "FLOW":
      return "Phát sinh trong tháng: nhiều tháng thì cộng dồn";
    case "STOCK":
      return "Số cuối tháng: nhiều tháng thì lấy tháng cuối";
    case "FLAG":
      return "1 = có, 0 = không";
  }
}
