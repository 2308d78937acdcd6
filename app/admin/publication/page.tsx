/**
 * "Công bố số liệu" (issue 26): administrators and province accounts publish approved months to the public view
 * (/cong-khai), lock and publish in one step, or withdraw; `?preview=YYYY-MM` shows exactly what publishing a month
 * would make public. Administrators turn the public view on and off. Every action is an audit row.
 */
import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { Headline, RankingChart, T, UnitTable } from "@/components/public/public-views";
import { requireViewer } from "@/lib/auth/viewer";
import { listMonthPublications, previewPublication } from "@/lib/data/publication";
import { formatDateVi } from "@/lib/domain/format";
import { getIndicator } from "@/lib/domain/indicators";
import { canPublish, canSwitchPublicView } from "@/lib/domain/permissions";
import { formatPeriodVi, isPeriod } from "@/lib/domain/periods";
import { coverageLine } from "@/lib/domain/public-view";
import { publishMonthAction, setPublicViewAction, withdrawMonthAction } from "./actions";

export const metadata: Metadata = { title: "Công bố số liệu" };

export default async function PublicationPage({
  searchParams,
}: {
  searchParams: Promise<{ preview?: string | string[] }>;
}) {
  await connection();
  const viewer = await requireViewer();
  if (!canPublish(viewer)) return <p>Chỉ quản trị hệ thống và cán bộ tỉnh công bố được số liệu.</p>;
  const q = await searchParams;
  const previewMonth = typeof q.preview === "string" && isPeriod(q.preview) ? q.preview : null;
  const [{ enabled, months }, preview] = await Promise.all([
    listMonthPublications(viewer),
    previewMonth ? previewPublication(viewer, { period: previewMonth }) : Promise.resolve(null),
  ]);
  const t = T.vi;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Công bố số liệu</h1>
      <p className="text-sm">
        Trang công khai <a href="/cong-khai">/cong-khai</a> cho mọi người xem, không cần đăng nhập, số liệu của các
        tháng đã công bố (chỉ báo cáo đã duyệt; xã, phường chưa có báo cáo được tính vào độ bao phủ). Công bố được khi
        mọi báo cáo đã nộp của tháng đã được duyệt hoặc trả lại.
      </p>
      <section className="space-y-2 rounded border p-3" aria-labelledby="switch">
        <h2 id="switch" className="font-semibold">
          Trang công khai: {enabled ? "đang bật" : "đang tắt (mọi địa chỉ công khai trả về 404)"}
        </h2>
        {canSwitchPublicView(viewer) ? (
          <ActionForm action={setPublicViewAction} testId="public-switch">
            <input type="hidden" name="enabled" value={enabled ? "0" : "1"} />
            <button type="submit" className="rounded border px-3 py-1">
              {enabled ? "Tắt trang công khai" : "Bật trang công khai"}
            </button>
          </ActionForm>
        ) : (
          <p className="text-sm">Chỉ quản trị hệ thống bật hoặc tắt trang công khai.</p>
        )}
      </section>
      {preview && (
        <section
          className="space-y-2 rounded border border-amber-600 p-3"
          aria-labelledby="preview"
          data-testid="preview"
        >
          <h2 id="preview" className="font-semibold">
            Xem trước: những gì sẽ công khai khi công bố {formatPeriodVi(preview.period)}
          </h2>
          <p className="text-sm">{coverageLine(preview.payload, "vi")}</p>
          {preview.problems.length > 0 && (
            <ul className="text-sm text-red-800">
              {preview.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <Headline payload={preview.payload} locale="vi" />
          <RankingChart
            payload={preview.payload}
            indicator={getIndicator("proc_on_time_rate")}
            locale="vi"
            t={t}
            title={t.ranking}
          />
          <details>
            <summary className="cursor-pointer underline">Số liệu từng xã, phường</summary>
            {preview.payload.units.map((u) => (
              <details key={u.code} className="ml-3">
                <summary>{u.nameVi}</summary>
                <UnitTable payload={preview.payload} code={u.code} locale="vi" t={t} />
              </details>
            ))}
          </details>
        </section>
      )}
      <table className="w-full text-sm" data-testid="publication-table">
        <thead>
          <tr>
            <th scope="col" className="text-left">
              Tháng
            </th>
            <th scope="col" className="text-left">
              Báo cáo đã duyệt
            </th>
            <th scope="col" className="text-left">
              Trạng thái
            </th>
            <th scope="col" className="text-left">
              Thao tác
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.period} className="border-t align-top" data-testid={`month-${m.period}`}>
              <th scope="row" className="text-left">
                {formatPeriodVi(m.period)}
              </th>
              <td>
                {m.approved}/{m.expected}
                {m.awaitingApproval > 0 ? ` (${m.awaitingApproval} chờ duyệt)` : ""}
              </td>
              <td>
                {m.published ? `Đã công bố ngày ${formatDateVi(m.publishedAt!)}` : "Chưa công bố"}
                {m.locked ? " · đã khoá sổ" : ""}
                {!m.published && m.problems.length > 0 && (
                  <ul className="text-red-800">
                    {m.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="space-y-1">
                <a href={`/admin/publication?preview=${m.period}`}>Xem trước</a>
                {m.published ? (
                  <ActionForm action={withdrawMonthAction}>
                    <input type="hidden" name="period" value={m.period} />
                    <label className="block">
                      Lý do <input name="reason" maxLength={3000} className="rounded border px-1" />
                    </label>
                    <button type="submit" className="rounded border px-2 py-0.5">
                      Rút công bố
                    </button>
                  </ActionForm>
                ) : (
                  m.problems.length === 0 && (
                    <>
                      <ActionForm action={publishMonthAction}>
                        <input type="hidden" name="period" value={m.period} />
                        <input type="hidden" name="lock" value="0" />
                        <button type="submit" className="rounded border px-2 py-0.5">
                          Công bố
                        </button>
                      </ActionForm>
                      {!m.locked && (
                        <ActionForm action={publishMonthAction}>
                          <input type="hidden" name="period" value={m.period} />
                          <input type="hidden" name="lock" value="1" />
                          <button type="submit" className="rounded border px-2 py-0.5">
                            Khoá sổ và công bố
                          </button>
                        </ActionForm>
                      )}
                    </>
                  )
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
