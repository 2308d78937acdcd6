import type { Metadata } from "next";
import { connection } from "next/server";
import { StatusBadge } from "@/components/status-badge";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi, formatDateVi } from "@/lib/domain/format";
import { formatPeriodVi } from "@/lib/domain/periods";
import { auditActionLabel } from "@/lib/domain/audit-words";
import { templateHref } from "@/lib/domain/import/template";
import { listCommuneMonths, recentDecisions } from "@/lib/data/reports";

export const metadata: Metadata = { title: "Nhập số liệu" };

export default async function EntryPage() {
  await connection();
  const viewer = await requireViewer();
  if (viewer.role !== "COMMUNE" || viewer.orgUnitId === null) {
    return (
      <div className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-bold">Nhập số liệu</h1>
        <p>
          Báo cáo tháng do cán bộ xã, phường nhập cho chính xã, phường của mình. Tài khoản của bạn không gắn với xã,
          phường nào nên không nhập được số liệu.
        </p>
        {(viewer.role === "PROVINCE" || viewer.role === "ADMIN") && (
          <p>
            Để xem, duyệt hoặc trả lại báo cáo của các xã, phường, mở trang <a href="/approval">Duyệt báo cáo</a>.
          </p>
        )}
      </div>
    );
  }
  const [{ commune, months, due }, decisions] = await Promise.all([listCommuneMonths(viewer), recentDecisions(viewer)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Nhập số liệu: {commune.fullName}</h1>
        <p className="text-slate-700">Báo cáo tháng phải nộp trước hết ngày 5 của tháng sau.</p>
      </div>

      <section aria-labelledby="due-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="due-heading" className="text-lg font-semibold">
          Còn phải nộp
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Mạng không ổn định? Tải “Biểu mẫu Excel” của tháng, điền ngoại tuyến rồi tải lên ở trang{" "}
          <a href="/import">Nhập từ tệp</a>: hệ thống kiểm tra theo cùng quy tắc với biểu mẫu trên web.
        </p>
        {due.length === 0 ? (
          <p className="mt-2">Không còn báo cáo nào phải nộp.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" data-testid="due-list">
            {due.map((m) => (
              <li key={m.period} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <a href={`/entry/${m.period}`} className="font-medium">
                  Tháng {formatPeriodVi(m.period)}
                </a>
                <StatusBadge status={m.status} />
                <span className={m.late ? "font-medium text-red-800" : "text-slate-700"}>
                  {m.late ? "Quá hạn" : "Hạn nộp"} {formatDateVi(m.deadline)}
                </span>
                <a href={templateHref(m.period)} download className="text-sm" data-testid="template-link">
                  Biểu mẫu Excel
                </a>
                {m.status === "RETURNED" && m.returnComment && (
                  <span className="text-sm text-amber-900">Ý kiến của tỉnh: {m.returnComment}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section
        aria-labelledby="decisions-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <h2 id="decisions-heading" className="text-lg font-semibold">
          Quyết định gần đây của tỉnh
        </h2>
        {decisions.length === 0 ? (
          <p className="mt-2">Tỉnh chưa duyệt hay trả lại báo cáo nào của {commune.name} trên hệ thống.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" data-testid="decisions">
            {decisions.map((d) => (
              <li key={d.id} className="py-2">
                <span className="font-medium">{auditActionLabel(d.action)}</span>{" "}
                <a href={`/entry/${d.period}`}>tháng {formatPeriodVi(d.period)}</a>
                <span className="text-sm text-slate-700"> · {formatDateTimeVi(d.at)}</span>
                {d.comment && <p className="text-sm text-amber-900">Ý kiến của tỉnh: {d.comment}</p>}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm">
          <a href="/notices">Xem tất cả thông báo</a>
        </p>
      </section>

      <section aria-labelledby="months-heading">
        <h2 id="months-heading" className="text-lg font-semibold">
          Tất cả các tháng
        </h2>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full min-w-[28rem] border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th className="p-2">Tháng</th>
                <th className="p-2">Trạng thái</th>
                <th className="p-2">Hạn nộp</th>
                <th className="p-2">Nộp lúc</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.period} className="border-b border-slate-100" data-testid={`month-${m.period}`}>
                  <td className="p-2">
                    <a href={`/entry/${m.period}`}>{formatPeriodVi(m.period)}</a>
                  </td>
                  <td className="p-2">
                    <StatusBadge status={m.status} />
                    {m.locked && <span className="ml-2 text-xs">Đã khoá sổ</span>}
                  </td>
                  <td className="p-2">{formatDateVi(m.deadline)}</td>
                  <td className="p-2">
                    {m.submittedAt ? formatDateTimeVi(m.submittedAt) : "—"}
                    {m.onTime === false && <span className="ml-1 text-red-800">(nộp muộn)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
