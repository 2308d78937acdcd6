import type { Metadata } from "next";
import { connection } from "next/server";
import { ImportForm } from "@/components/import-form";
import { requireViewer } from "@/lib/auth/viewer";
import { MAX_IMPORT_MB, MAX_IMPORT_ROWS } from "@/lib/domain/import/read-csv";
import { canImportSomething } from "@/lib/domain/permissions";

export const metadata: Metadata = { title: "Nhập từ tệp" };

export default async function ImportPage() {
  await connection();
  const viewer = await requireViewer();
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
              Tệp CSV (UTF-8, dấu phẩy hoặc chấm phẩy) cùng dạng với tệp <a href="/export" className="underline">xuất dữ liệu</a>: dạng dọc (mỗi dòng một xã, tháng, chỉ tiêu:
              cột <code>commune_code, period, indicator_code, value</code>) hoặc dạng bảng ngang (mỗi dòng một xã và tháng, mỗi cột một chỉ tiêu);
              tiêu đề bằng mã cột hoặc tên tiếng Việt. Số viết liền, dấu chấm thập phân (ví dụ <code>1234</code>).
            </p>
            <p>
              Mỗi dòng được kiểm tra theo đúng quy tắc của biểu mẫu nhập số liệu. <strong>Tệp chỉ được nhập khi không có dòng nào lỗi</strong>:
              có lỗi thì không ghi gì cả. Tháng đã khoá sổ và báo cáo đã duyệt không sửa được; báo cáo chưa có được tạo ở trạng thái bản nháp.
              {viewer.role === "COMMUNE" && " Tài khoản xã, phường chỉ nhập số liệu của đơn vị mình."}
              {` Tối đa ${MAX_IMPORT_MB} MB, ${MAX_IMPORT_ROWS.toLocaleString("vi-VN")} dòng.`}
            </p>
          </div>
          <ImportForm maxBytes={MAX_IMPORT_MB * 1024 * 1024} />
        </>
      )}
    </div>
  );
}
