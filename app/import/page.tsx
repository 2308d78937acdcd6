import type { Metadata } from "next";
import { connection } from "next/server";
import { ImportForm } from "@/components/import-form";
import { requireViewer } from "@/lib/auth/viewer";
import { ADMIN_IMPORT_LIMITS, STANDARD_IMPORT_LIMITS, importLimits, limitsVi } from "@/lib/domain/import/limits";
import { canImportSomething } from "@/lib/domain/permissions";
import { templateHref } from "@/lib/domain/import/template";
import { latestOpenPeriod } from "@/lib/data/reports";
import { REFORM_START, formatPeriodVi } from "@/lib/domain/periods";

export const metadata: Metadata = { title: "Nhập từ tệp" };

export default async function ImportPage() {
  await connection();
  const viewer = await requireViewer();
  const latest = latestOpenPeriod();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Nhập từ tệp</h1>
      {!canImportSomething(viewer) ? (
        <p role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-900">
          Tài khoản của bạn không có quyền nhập số liệu. Tài khoản phân tích chỉ xem và xuất dữ liệu.
        </p>
      ) : (
        <>
          <div className="space-y-2 text-slate-700">
            <p>
              Tệp CSV (UTF-8, dấu phẩy hoặc chấm phẩy) hoặc sổ tính Excel (.xlsx) cùng dạng với tệp{" "}
              <a href="/export" className="underline">
                xuất dữ liệu
              </a>
              : dạng dọc (mỗi dòng một xã, tháng, chỉ tiêu: cột <code>commune_code, period, indicator_code, value</code>
              ) hoặc dạng bảng ngang (mỗi dòng một xã và tháng, mỗi cột một chỉ tiêu); tiêu đề bằng mã cột hoặc tên
              tiếng Việt (có thể kèm đơn vị, ví dụ “Cán bộ (người)”). Mọi tệp xuất từ hệ thống nhập lại được nguyên vẹn:
              cột chỉ tiêu tính toán được bỏ qua, tháng viết 2025-09 hoặc 09/2025, mã xã bị mất số 0 ở đầu (3388) được
              đọc thành 03388. Sổ tính có thể có phần tiêu đề biểu phía trên bảng, dòng đơn vị tính, dòng tổng cộng và
              ghi chú phía dưới: hệ thống tìm dòng tiêu đề và báo đã bỏ qua những gì.
            </p>
            <p data-testid="import-number-rules">
              Cách viết số: cả tệp theo một cách. Kiểu Việt Nam: <code>1.234</code> là một nghìn hai trăm ba mươi tư,{" "}
              <code>12,5</code> là mười hai phẩy năm; kiểu dấu chấm thập phân: <code>12.5</code>, <code>1,234</code>.
              Chọn ở mục “Cách viết số”, hoặc để hệ thống nhận biết từ tệp (một số chỉ đọc được theo một cách, như{" "}
              <code>12,5</code> hay <code>1.234.567</code>, quyết định cho cả tệp). Số viết liền (<code>10620</code>)
              đọc như nhau theo cả hai cách. Tệp có số đọc được hai cách (chỉ có <code>10.620</code>: 10620 hay 10,62?)
              hoặc viết lẫn hai cách thì bị từ chối, kèm cả hai cách đọc. Trong sổ tính, ô kiểu số được lấy đúng giá
              trị, ô trống là “không có số liệu” (không phải 0).
            </p>
            <p>
              Mỗi dòng được kiểm tra theo đúng quy tắc của biểu mẫu nhập số liệu.{" "}
              <strong>Tệp chỉ được nhập khi không có dòng nào lỗi</strong>: có lỗi thì không ghi gì cả. Giá trị trùng
              với số đã lưu là “không đổi” dù báo cáo ở trạng thái nào; chỉ thay đổi thật sự vào tháng đã khoá sổ hoặc
              báo cáo đã duyệt mới bị từ chối. Báo cáo chưa có được tạo ở trạng thái bản nháp; tài khoản cấp tỉnh hoặc
              quản trị có thể chọn “Ghi nhận là đã duyệt” khi nạp số liệu lịch sử.
              {viewer.role === "COMMUNE" && " Tài khoản xã, phường chỉ nhập số liệu của đơn vị mình."}
            </p>
            <p data-testid="import-limits">
              Giới hạn mỗi tệp: tài khoản cấp tỉnh và xã, phường {limitsVi(STANDARD_IMPORT_LIMITS)}; tài khoản quản trị{" "}
              {limitsVi(ADMIN_IMPORT_LIMITS)} (số liệu cả nước trong một tệp). Tài khoản của bạn:{" "}
              <strong>{limitsVi(importLimits(viewer.role))}</strong>.
            </p>
          </div>
          <form
            method="get"
            action="/import/template.xlsx"
            className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <label className="flex flex-col gap-1 text-sm font-semibold">
              Biểu mẫu nhập số liệu tháng (Excel)
              <input
                type="month"
                name="period"
                defaultValue={latest}
                min={REFORM_START}
                max={latest}
                required
                className="rounded border border-slate-400 p-2 font-normal"
              />
            </label>
            <button type="submit" className="rounded border border-slate-400 px-4 py-2 font-semibold">
              Tải biểu mẫu (.xlsx)
            </button>
            <p className="w-full text-sm text-slate-700">
              {viewer.role === "COMMUNE" ? "Một dòng cho xã, phường của bạn" : "Một dòng cho mỗi xã, phường của tỉnh"},
              một cột cho mỗi chỉ tiêu nhập (tên và đơn vị), số liệu đã lưu điền sẵn; Excel chỉ nhận số nguyên không âm
              và Có/Không ở ô có danh sách. Điền xong tải lên ở đây như mọi tệp khác.{" "}
              <a href={templateHref(latest)} download data-testid="template-link" className="underline">
                Biểu mẫu tháng {formatPeriodVi(latest)}
              </a>
            </p>
          </form>
          <ImportForm
            maxBytes={importLimits(viewer.role).bytes}
            mayMarkReceived={viewer.role === "PROVINCE" || viewer.role === "ADMIN"}
          />
          {(viewer.role === "PROVINCE" || viewer.role === "ADMIN") && (
            <p>
              <a href="/import/history" className="underline">
                Lịch sử nhập từ tệp và hoàn tác một lần nhập
              </a>
            </p>
          )}
        </>
      )}
    </div>
  );
}
