import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { StatusBadge } from "@/components/status-badge";
import { WarningNote } from "@/components/warning-note";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi, formatInteger } from "@/lib/domain/format";
import { rawIndicator } from "@/lib/domain/indicators";
import { canReview } from "@/lib/domain/permissions";
import {
  REFORM_START,
  daysUntilDeadline,
  formatPeriodVi,
  isPeriod,
  lastFullMonth,
  periodsInRange,
  reportDeadline,
  reportingPhase,
} from "@/lib/domain/periods";
import { formatDateVi } from "@/lib/domain/format";
import { type QueueItem, approvalQueue, latestOpenPeriod } from "@/lib/data/reports";
import { approveAction, bulkApproveAction, lockAction, reopenAction, returnAction } from "./actions";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Duyệt báo cáo" };

const show = (v: number | null) => (v == null ? "—" : formatInteger(v));
const daysLeftText = (days: number) => (days <= 0 ? "hôm nay là ngày cuối" : `còn ${days} ngày`);

function ReviewCard({ item, locked }: { item: QueueItem; locked: boolean }) {
  return (
    <article
      id={`report-${item.commune.code}`}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid={`report-${item.commune.code}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{item.commune.name}</h3>
        <StatusBadge status={item.status} />
        {item.submittedAt && (
          <span className="text-sm text-slate-700">
            Nộp lúc {formatDateTimeVi(item.submittedAt)}
            {item.onTime === false && <span className="text-red-800"> (nộp muộn)</span>}
          </span>
        )}
      </div>
      {item.errors.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm text-red-800">
          {item.errors.map((e) => (
            <li key={e.key}>{e.message}</li>
          ))}
        </ul>
      )}
      {item.warnings.length > 0 ? (
        <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="warnings">
          <p className="font-medium">Cảnh báo ({item.warnings.length}):</p>
          <ul className="list-disc pl-5">
            {item.warnings.map((w) => (
              <li key={w.key}>{w.message}</li>
            ))}
          </ul>
          <WarningNote note={item.warningNote} />
        </div>
      ) : (
        item.status === "SUBMITTED" && <p className="mt-2 text-sm text-emerald-800">Không có cảnh báo.</p>
      )}
      {item.sinceReturn && (
        <div className="mt-2 rounded border border-sky-300 bg-sky-50 p-2 text-sm" data-testid="since-return">
          <p className="font-medium">
            {item.sinceReturn.length > 0
              ? `Đã sửa ${item.sinceReturn.length} chỉ tiêu so với bản đã trả lại:`
              : "Nộp lại không sửa chỉ tiêu nào so với bản đã trả lại."}
          </p>
          {item.sinceReturn.length > 0 && (
            <ul className="list-disc pl-5">
              {item.sinceReturn.map((c) => (
                <li key={c.field}>
                  {rawIndicator(c.field).nameVi}: {show(c.returned)} → <strong>{show(c.current)}</strong>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {item.changes.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer">{item.changes.length} chỉ tiêu thay đổi so với tháng trước</summary>
          <div className="overflow-x-auto">
            <table className="mt-1">
              <thead>
                <tr className="text-left">
                  <th className="pr-4">Chỉ tiêu</th>
                  <th className="pr-4">Tháng trước</th>
                  <th>Tháng này</th>
                </tr>
              </thead>
              <tbody>
                {item.changes.map((c) => (
                  <tr key={c.field}>
                    <td className="pr-4">{rawIndicator(c.field).nameVi}</td>
                    <td className="pr-4 tabular-nums">{show(c.previous)}</td>
                    <td className="tabular-nums">{show(c.current)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {item.returnComment && item.status !== "APPROVED" && (
        <p className="mt-2 text-sm text-amber-900">Ý kiến trả lại: {item.returnComment}</p>
      )}
      {!locked && item.reportId !== null && item.status === "SUBMITTED" && (
        <div className="mt-3 flex flex-wrap items-start gap-3">
          <ActionForm action={approveAction}>
            <input type="hidden" name="reportId" value={item.reportId} />
            <input type="hidden" name="version" value={item.version} />
            <button type="submit" className="rounded bg-emerald-700 px-3 py-1.5 text-white hover:bg-emerald-800">
              Duyệt
            </button>
          </ActionForm>
          <details>
            <summary className="cursor-pointer rounded border border-amber-600 px-3 py-1.5 text-amber-900">
              Trả lại…
            </summary>
            <ActionForm action={returnAction} className="mt-2 space-y-2">
              <input type="hidden" name="reportId" value={item.reportId} />
              <input type="hidden" name="version" value={item.version} />
              <label className="block text-sm" htmlFor={`comment-${item.reportId}`}>
                Lý do trả lại (bắt buộc)
              </label>
              <textarea
                id={`comment-${item.reportId}`}
                name="comment"
                required
                rows={2}
                className="w-full min-w-64 rounded border border-slate-400 p-2"
              />
              <button type="submit" className="rounded bg-amber-700 px-3 py-1.5 text-white hover:bg-amber-800">
                Gửi trả lại
              </button>
            </ActionForm>
          </details>
        </div>
      )}
      {!locked && item.reportId !== null && item.status === "APPROVED" && (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm">Mở lại báo cáo…</summary>
          <ActionForm action={reopenAction} className="mt-2 space-y-2">
            <input type="hidden" name="reportId" value={item.reportId} />
            <label className="block text-sm" htmlFor={`reason-${item.reportId}`}>
              Lý do mở lại (bắt buộc)
            </label>
            <textarea
              id={`reason-${item.reportId}`}
              name="reason"
              required
              rows={2}
              className="w-full min-w-64 rounded border border-slate-400 p-2"
            />
            <label className="block text-sm">
              Chuyển về{" "}
              <select name="to" className="rounded border border-slate-400 p-1">
                <option value="RETURNED">Bị trả lại (xã thấy lý do)</option>
                <option value="DRAFT">Bản nháp</option>
              </select>
            </label>
            <button type="submit" className="rounded bg-slate-700 px-3 py-1.5 text-white">
              Mở lại
            </button>
          </ActionForm>
        </details>
      )}
    </article>
  );
}

export default async function ApprovalPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  await connection();
  const viewer = await requireViewer();
  if (!canReview(viewer)) {
    return (
      <div className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-bold">Duyệt báo cáo</h1>
        <p>Chỉ cán bộ tỉnh và quản trị hệ thống duyệt, trả lại báo cáo của các xã, phường.</p>
      </div>
    );
  }
  const { period: asked } = await searchParams;
  const at = now();
  const latest = latestOpenPeriod(at);
  const period = isPeriod(asked) && asked >= REFORM_START && asked <= latest ? asked : lastFullMonth(at);
  // Before the deadline, a report not yet in is not late (SPEC §3: due, not late).
  const overdue = reportingPhase(period, at) === "overdue";
  const queue = await approvalQueue(viewer, { period });
  const waiting = queue.items.filter((i) => i.status === "SUBMITTED");
  const clean = waiting.filter((i) => i.warnings.length === 0 && i.errors.length === 0);
  const withWarnings = waiting.filter((i) => !clean.includes(i));
  const others = queue.items.filter((i) => i.status !== "SUBMITTED");
  const notIn = queue.items.filter((i) => i.status !== "SUBMITTED" && i.status !== "APPROVED").length;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Duyệt báo cáo tháng {formatPeriodVi(period)}</h1>
          <p className="text-slate-700">
            {waiting.length} báo cáo chờ duyệt · {queue.items.filter((i) => i.status === "APPROVED").length} đã duyệt ·{" "}
            {overdue ? (
              <span className="text-red-800" data-testid="not-in">
                {notIn} quá hạn chưa nộp
              </span>
            ) : (
              <span data-testid="not-in">
                {notIn} chưa nộp, còn trong hạn (hạn {formatDateVi(reportDeadline(period))},{" "}
                {daysLeftText(daysUntilDeadline(period, at))})
              </span>
            )}
            {queue.locked && <strong className="ml-2 text-red-800">Tháng đã khoá sổ</strong>}
          </p>
        </div>
        <form method="get" className="flex items-end gap-2">
          <label className="flex flex-col text-sm">
            Tháng
            <select
              name="period"
              defaultValue={period}
              className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5"
            >
              {periodsInRange(REFORM_START, latest)
                .reverse()
                .map((p) => (
                  <option key={p} value={p}>
                    {formatPeriodVi(p)}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 text-white">
            Xem
          </button>
        </form>
      </div>

      <div className="flex flex-wrap items-start gap-4">
        {!queue.locked && clean.length > 0 && (
          <ActionForm action={bulkApproveAction} testId="bulk-approve">
            <input type="hidden" name="period" value={period} />
            <button type="submit" className="rounded bg-emerald-700 px-3 py-1.5 text-white hover:bg-emerald-800">
              Duyệt tất cả {clean.length} báo cáo không có cảnh báo
            </button>
          </ActionForm>
        )}
        {withWarnings.length > 0 && (
          <details className="max-w-xl text-sm" data-testid="bulk-skipped">
            <summary className="cursor-pointer">
              {withWarnings.length} báo cáo có cảnh báo không được duyệt hàng loạt: xem từng báo cáo
            </summary>
            <ul className="mt-1 space-y-1">
              {withWarnings.map((i) => (
                <li key={i.commune.id}>
                  <a href={`#report-${i.commune.code}`} className="text-sky-800 underline">
                    {i.commune.name}
                  </a>
                  : {i.warnings.map((w) => w.message).join("; ")}
                  <WarningNote note={i.warningNote} />
                </li>
              ))}
            </ul>
          </details>
        )}
        <ActionForm action={lockAction} testId="lock-form" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="period" value={period} />
          <input type="hidden" name="lock" value={queue.locked ? "0" : "1"} />
          <label className="flex flex-col text-sm">
            Lý do (không bắt buộc)
            <input name="reason" className="mt-1 rounded border border-slate-400 px-2 py-1" />
          </label>
          <button type="submit" className="rounded border border-slate-500 bg-white px-3 py-1.5">
            {queue.locked ? "Mở khoá sổ tháng" : "Khoá sổ tháng"}
          </button>
        </ActionForm>
      </div>

      <section aria-labelledby="waiting" className="space-y-3">
        <h2 id="waiting" className="text-lg font-semibold">
          Chờ duyệt ({waiting.length})
        </h2>
        {waiting.length === 0 && <p>Không có báo cáo nào chờ duyệt.</p>}
        {waiting.map((item) => (
          <ReviewCard key={item.commune.id} item={item} locked={queue.locked} />
        ))}
      </section>

      <section aria-labelledby="others" className="space-y-3">
        <h2 id="others" className="text-lg font-semibold">
          Các xã, phường khác
        </h2>
        {others.map((item) => (
          <ReviewCard key={item.commune.id} item={item} locked={queue.locked} />
        ))}
      </section>
    </div>
  );
}
