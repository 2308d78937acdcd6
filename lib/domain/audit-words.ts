/**
 * The audit log in words for the people who read it: actions, changed fields and their values as the UI names them
 * ("Trạng thái: Chờ duyệt → Đã duyệt", "Hồ sơ TTHC tiếp nhận: 120 → 125"), never the stored codes. Pure.
 */
import { formatInteger } from "./format";
import { ENTERED_COMPONENTS, componentLabel } from "./index766";
import { findIndicator } from "./indicators";

const pointsVi = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
import { type ReportStatus, STATUS_LABEL_VI } from "./report-status";
import { type Role, ROLE_LABEL_VI } from "./permissions";

export const AUDIT_ACTION_LABEL_VI: Record<string, string> = {
  "report.save": "Lưu bản nháp",
  "report.submit": "Nộp báo cáo",
  "report.approve": "Duyệt báo cáo",
  "report.return": "Trả lại báo cáo",
  "report.reopen": "Mở lại báo cáo",
  "report.import": "Cập nhật báo cáo từ tệp",
  "report.import_received": "Ghi nhận báo cáo là đã duyệt khi nhập số liệu lịch sử",
  "import.commit": "Nhập số liệu từ tệp",
  "import.undo": "Hoàn tác một lần nhập từ tệp",
  "report.import_undo": "Hoàn tác báo cáo về trước lần nhập từ tệp",
  "period.lock": "Khoá sổ tháng",
  "period.unlock": "Mở khoá sổ tháng",
  "user.disable": "Khoá tài khoản",
  "user.enable": "Mở khoá tài khoản",
  "user.email": "Đổi e-mail nhận thông báo",
  "user.create": "Tạo tài khoản",
  "user.reset": "Cấp lại mã kích hoạt",
  "user.update": "Đổi vai trò hoặc xã, phường của tài khoản",
  "user.unlock": "Gỡ tạm khoá đăng nhập",
  "user.activate": "Kích hoạt tài khoản",
  "user.password": "Đổi mật khẩu",
  "user.2fa.enable": "Bật xác thực hai lớp",
  "user.2fa.disable": "Tắt xác thực hai lớp",
  "user.2fa.reset": "Đặt lại xác thực hai lớp",
  "api_token.create": "Tạo mã truy cập API",
  "api_token.revoke": "Thu hồi mã truy cập API",
  "index766.save": "Nhập điểm Chỉ số 766 từ Cổng DVCQG",
  "publication.publish": "Công bố số liệu tháng",
  "publication.withdraw": "Rút công bố số liệu tháng",
  "public_view.enable": "Bật trang công khai",
  "public_view.disable": "Tắt trang công khai",
};

const FIELD_LABEL_VI: Record<string, string> = {
  status: "Trạng thái",
  returnComment: "Ý kiến khi trả lại",
  warningNote: "Giải thích cảnh báo của xã, phường",
  locked: "Khoá sổ",
  banned: "Tài khoản bị khoá",
  sessions: "Phiên đăng nhập đang mở",
  email: "E-mail",
  role: "Vai trò",
  commune: "Xã, phường",
  apiTokens: "Mã truy cập API đang dùng",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABEL_VI[action] ?? action;
}

/** A changed field's name: an indicator's Vietnamese name, or the label of a report or account field. */
export function auditFieldLabel(field: string): string {
  const component = ENTERED_COMPONENTS.find((c) => c.key === field);
  if (component) return `Chỉ số 766 ${componentLabel(component)}`;
  return FIELD_LABEL_VI[field] ?? findIndicator(field)?.nameVi ?? field;
}

/** A changed value in words: statuses by their labels, yes/no, numbers formatted, nothing as "—". */
export function auditValueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "status" && typeof value === "string") return STATUS_LABEL_VI[value as ReportStatus] ?? value;
  if (field === "role" && typeof value === "string") return ROLE_LABEL_VI[value as Role] ?? value;
  if (typeof value === "boolean") return value ? "có" : "không";
  if (typeof value === "number") return Number.isInteger(value) ? formatInteger(value) : pointsVi.format(value);
  return typeof value === "string" ? value : JSON.stringify(value);
}
