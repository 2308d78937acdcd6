import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { requireViewer } from "@/lib/auth/viewer";
import { listImportBatches } from "@/lib/data/import-batches";
import { formatDateTimeVi } from "@/lib/domain/format";
import { undoBatchAction } from "./actions";

export const metadata: Metadata = { title: "Lịch sử nhập từ tệp" };

const vi = (n: number) => n.toLocaleString("vi-VN");

export default async function ImportHistoryPage() {
  await connection();
  const viewer = await requireViewer();
  if (viewer.role !== "PROVINCE" && viewer.role !== "ADMIN") {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Lịch sử nhập từ tệp</h1>
        <p role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-900">
          Chỉ tài khoản cấp tỉnh hoặc quản trị xem được lịch sử nhập.
        </p>
      </div>
    );
  }
  const batches = await listImportBatches(viewer);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Lịch sử nhập từ tệp</h1>
      <p className="text-slate-700">
        Mỗi lần nhập được ghi lại: tệp (tên và mã SHA-256), người nhập, thời điểm, số giá trị. Một lần nhập{" "}
        <strong>hoàn tác được</strong> khi chưa có thay đổi nào sau đó trên các số liệu và báo cáo nó đã ghi (nếu có lần
        nhập sau trên cùng số liệu, hãy hoàn tác lần sau trước). Hoàn tác được ghi nhật ký.
      </p>
      {batches.length === 0 ? (
        <p className="text-slate-700">Chưa có lần nhập nào.</p>
      ) : (
        <div
          role="region"
          aria-label="Các lần nhập"
          tabIndex={0}
          className="overflow-x-auto rounded border border-slate-200 bg-white"
        >
          <table data-testid="import-batches" className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-2 py-1">
                  Số
                </th>
                <th scope="col" className="px-2 py-1">
                  Thời điểm
                </th>
                <th scope="col" className="px-2 py-1">
                  Người nhập
                </th>
                <th scope="col" className="px-2 py-1">
                  Tệp
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  Mới / thay đổi / không đổi
                </th>
                <th scope="col" className="px-2 py-1">
                  Hoàn tác
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} className="border-t border-slate-100 align-top">
                  <td className="px-2 py-1 tabular-nums">{b.id}</td>
                  <td className="px-2 py-1 whitespace-nowrap">{formatDateTimeVi(b.at)}</td>
                  <td className="px-2 py-1">{b.username ?? "—"}</td>
                  <td className="px-2 py-1 break-all">
                    {b.fileName}
                    <br />
                    <code className="text-xs text-slate-600" title="SHA-256">
                      {b.sha256.slice(0, 16)}…
                    </code>
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {vi(b.counts.new)} / {vi(b.counts.changed)} / {vi(b.counts.unchanged)}
                    {(b.counts.reports_received ?? 0) > 0 && (
                      <>
                        <br />
                        <span className="text-xs text-emerald-900">
                          {vi(b.counts.reports_received!)} báo cáo ghi nhận là đã duyệt
                        </span>
                      </>
                    )}
                  </td>
                  <td className="px-2 py-1">
                    {b.undoneAt ? (
                      <span>
                        Đã hoàn tác {formatDateTimeVi(b.undoneAt)}
                        {b.undoneBy ? ` (${b.undoneBy})` : ""}
                      </span>
                    ) : (
                      <ActionForm action={undoBatchAction}>
                        <input type="hidden" name="batchId" value={b.id} />
                        <button type="submit" className="rounded border border-slate-400 px-2 py-1">
                          Hoàn tác lần nhập {b.id}
                        </button>
                      </ActionForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
