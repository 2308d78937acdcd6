"use client";

/**
 * Upload, dry run, then "Xác nhận nhập". The file stays in the input between the two steps (the request is sent by
 * hand, not through <form action>, which would reset the input); the commit sends it again and the server re-checks it.
 * The file goes to POST /import/upload as the request's body (lib/web/import-upload.ts).
 */
import { useRef, useState, useTransition } from "react";
import type { ImportUploadState } from "@/lib/web/import-upload";
import { safeFileName } from "@/lib/domain/text";
import type { RowOutcome } from "@/lib/domain/import/plan";

const OUTCOME_VI: Record<RowOutcome["outcome"], string> = {
  new: "Mới",
  changed: "Thay đổi",
  unchanged: "Không đổi",
  error: "Lỗi",
};
const OUTCOME_STYLE: Record<RowOutcome["outcome"], string> = {
  new: "bg-sky-50 text-sky-900 border-sky-300",
  changed: "bg-amber-50 text-amber-900 border-amber-400",
  unchanged: "bg-slate-100 text-slate-800 border-slate-300",
  error: "bg-red-50 text-red-900 border-red-300",
};
const vi = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 6 });
const num = (v: number | null) => (v === null ? "—" : vi.format(v));
const period = (p: string) => (/^\d{4}-\d{2}$/.test(p) ? `${p.slice(5)}/${p.slice(0, 4)}` : p);

export function ImportForm({ maxBytes, mayMarkReceived = false }: { maxBytes: number; mayMarkReceived?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportUploadState | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"dry-run" | "commit" | null>(null);
  const [fileInfo, setFileInfo] = useState<{ name: string; size: number } | null>(null);
  const [numbers, setNumbers] = useState<"auto" | "vi" | "en">("auto");
  const [markReceived, setMarkReceived] = useState(false);

  function send(intent: "dry-run" | "commit") {
    const file = input.current?.files?.[0];
    if (!file) {
      setState({ ok: false, message: "Vui lòng chọn tệp CSV hoặc Excel (.xlsx) cần nhập." });
      return;
    }
    if (file.size > maxBytes) {
      setState({
        ok: false,
        message: `Tệp quá lớn (${vi.format(Math.round(file.size / 1024 / 102.4) / 10)} MB): tối đa ${vi.format(maxBytes / 1024 / 1024)} MB. Hãy chia tệp thành nhiều phần. Chưa có số liệu nào được ghi.`,
      });
      return;
    }
    // The file itself is the body, streamed to disk by the server (lib/web/import-upload.ts); its name, cleaned of
    // control characters, and the choices travel in the query.
    const query = new URLSearchParams({ intent, numbers, name: safeFileName(file.name) });
    if (mayMarkReceived && markReceived) query.set("mark_received", "1");
    setRunning(intent);
    startTransition(async () => {
      try {
        const response = await fetch(`/import/upload?${query}`, {
          method: "POST",
          body: file,
          headers: { "Content-Type": "application/octet-stream" },
        });
        if (!/json/.test(response.headers.get("content-type") ?? "")) throw new Error(`HTTP ${response.status}`);
        setState((await response.json()) as ImportUploadState);
      } catch {
        setState({
          ok: false,
          message: "Không gửi được tệp (mất kết nối hoặc tệp quá lớn). Chưa có số liệu nào được ghi.",
        });
      } finally {
        setRunning(null);
      }
    });
  }

  const report = state?.ok ? state.report : null;
  const canCommit =
    !!report &&
    !report.fileError &&
    !report.committed &&
    report.counts.error === 0 &&
    report.totalRows > 0 &&
    state?.ok &&
    state.intent === "dry-run";
  const sizeMb = fileInfo ? fileInfo.size / 1024 / 1024 : 0;

  return (
    <div className="space-y-6">
      <form
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(e) => {
          e.preventDefault();
          send("dry-run");
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-semibold">
          Tệp CSV hoặc Excel (.xlsx)
          <input
            ref={input}
            type="file"
            name="file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="w-full max-w-full rounded border border-slate-400 p-2 text-sm font-normal"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              setFileInfo(f ? { name: f.name, size: f.size } : null);
              setState(null);
            }}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-semibold">
          Cách viết số (CSV và ô chữ của sổ tính)
          <select
            name="numbers"
            value={numbers}
            onChange={(e) => {
              setNumbers(e.currentTarget.value as "auto" | "vi" | "en");
              setState(null);
            }}
            className="w-full max-w-md rounded border border-slate-400 p-2 text-sm font-normal"
          >
            <option value="auto">Tự nhận biết từ tệp (từ chối nếu đọc được hai cách)</option>
            <option value="vi">Kiểu Việt Nam: 1.234 là một nghìn hai trăm ba mươi tư, 12,5 là mười hai phẩy năm</option>
            <option value="en">Dấu chấm thập phân: 12.5; 1,234 là một nghìn hai trăm ba mươi tư</option>
          </select>
        </label>
        {mayMarkReceived && (
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="mark_received"
              checked={markReceived}
              onChange={(e) => {
                setMarkReceived(e.currentTarget.checked);
                setState(null);
              }}
              className="mt-1"
            />
            <span>
              <span className="font-semibold">Ghi nhận là đã duyệt</span> (nạp số liệu lịch sử): các báo cáo tháng trong
              tệp chưa được duyệt sẽ chuyển sang “Đã duyệt”, lý do ghi là lần nhập này; chúng được tính là đã nhận ngay
              trên các trang tổng hợp nhưng không tính vào tỷ lệ nộp đúng hạn hay nộp muộn. Tháng đã khoá sổ phải được
              mở khoá trước.
            </span>
          </label>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
          >
            Kiểm tra tệp (chạy thử)
          </button>
          {pending && (
            <p role="status" aria-live="polite" className="flex items-center gap-2 text-sm text-slate-700">
              <span
                aria-hidden="true"
                className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-400 border-t-transparent"
              />
              {running === "commit" ? "Đang ghi số liệu vào hệ thống…" : "Đang tải lên và kiểm tra từng dòng…"}
              {sizeMb >= 2 && ` Tệp ${vi.format(Math.round(sizeMb * 10) / 10)} MB có thể mất vài chục giây.`}
            </p>
          )}
        </div>
      </form>

      {state && !state.ok && (
        <p role="alert" data-testid="import-error" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {state.message}
        </p>
      )}

      {report && (
        <section aria-labelledby="import-result" className="space-y-4">
          <h2 id="import-result" className="text-xl font-semibold">
            {report.committed
              ? "Đã nhập xong"
              : state?.ok && state.intent === "commit"
                ? "Chưa nhập: tệp có lỗi"
                : "Kết quả kiểm tra"}
            : {report.fileName}
          </h2>
          {report.fileError && (
            <p
              role="alert"
              data-testid="import-error"
              className="rounded border border-red-300 bg-red-50 p-3 text-red-900"
            >
              {report.fileError}
            </p>
          )}
          {!report.fileError && (
            <>
              <dl data-testid="import-counts" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                {(["new", "changed", "unchanged", "error"] as const).map((o) => (
                  <div key={o} className={`rounded border p-3 ${OUTCOME_STYLE[o]}`}>
                    <dt className="text-sm">{OUTCOME_VI[o]}</dt>
                    <dd className="text-2xl font-bold" data-testid={`import-count-${o}`}>
                      {vi.format(report.counts[o])}
                    </dd>
                  </div>
                ))}
              </dl>
              <p className="text-sm text-slate-700">
                {vi.format(report.totalRows)} dòng số liệu (
                {report.format === "wide" ? "dạng bảng ngang: mỗi ô chỉ tiêu tính một dòng" : "dạng dọc"}),{" "}
                {vi.format(report.months.total)} báo cáo tháng sẽ thay đổi
                {report.months.received > 0
                  ? ` (${vi.format(report.months.received)} báo cáo được ghi nhận là đã duyệt${report.months.created > 0 ? `, trong đó ${vi.format(report.months.created)} báo cáo mới` : ""})`
                  : report.months.created > 0
                    ? ` (${vi.format(report.months.created)} báo cáo mới, ở trạng thái bản nháp)`
                    : ""}
                . Kiểm tra trong {vi.format(Math.round(report.elapsedMs / 100) / 10)} giây.
              </p>
              {report.notes.length > 0 && (
                <ul
                  data-testid="import-notes"
                  className="list-disc space-y-1 rounded border border-sky-300 bg-sky-50 p-3 pl-8 text-sm text-sky-900"
                >
                  {report.notes.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              )}
              {report.committed ? (
                <p
                  role="status"
                  data-testid="import-done"
                  className="rounded border border-emerald-400 bg-emerald-50 p-3 text-emerald-900"
                >
                  Đã ghi {vi.format(report.counts.new + report.counts.changed)} giá trị ({vi.format(report.counts.new)}{" "}
                  mới, {vi.format(report.counts.changed)} thay đổi) vào {vi.format(report.months.total)} báo cáo tháng.
                  Mọi thay đổi được ghi nhật ký với lý do “Nhập từ tệp {report.fileName}”.
                  {report.months.received > 0 &&
                    ` ${vi.format(report.months.received)} báo cáo được ghi nhận là đã duyệt (số liệu lịch sử).`}
                  {report.batchId ? (
                    <>
                      {" "}
                      Lần nhập số {report.batchId}: xem hoặc hoàn tác ở{" "}
                      <a href="/import/history" className="underline">
                        lịch sử nhập
                      </a>
                      .
                    </>
                  ) : null}
                </p>
              ) : report.counts.error > 0 ? (
                <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
                  Có {vi.format(report.counts.error)} dòng lỗi: chưa có số liệu nào được ghi. Hãy sửa các dòng dưới đây
                  rồi tải lại tệp.
                </p>
              ) : canCommit ? (
                <div className="flex flex-wrap items-center gap-3 rounded border border-emerald-400 bg-emerald-50 p-3">
                  <p className="text-emerald-900">
                    Không có dòng lỗi. Xác nhận để ghi toàn bộ tệp (hệ thống kiểm tra lại trước khi ghi).
                  </p>
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => send("commit")}
                    className="rounded bg-emerald-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
                  >
                    Xác nhận nhập
                  </button>
                </div>
              ) : null}
              {report.warnings.length > 0 && (
                <details className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-900">
                  <summary className="cursor-pointer font-semibold">
                    {vi.format(report.warnings.length)} cảnh báo (không chặn việc nhập)
                  </summary>
                  <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                    {report.warnings.map((w, i) => (
                      <li key={i}>
                        Dòng {w.lines.join(", ")} ({w.communeCode}, {period(w.period)}): {w.message}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {/* Focusable so that a keyboard user can scroll the table sideways on a phone. */}
              <div
                role="region"
                aria-label="Các dòng của tệp"
                tabIndex={0}
                className="overflow-x-auto rounded border border-slate-200 bg-white"
              >
                <table data-testid="import-rows" className="min-w-full text-sm">
                  <caption className="p-2 text-left text-slate-700">
                    {report.truncated > 0
                      ? `Hiển thị ${vi.format(report.rows.length)} trên ${vi.format(report.totalRows)} dòng, dòng lỗi trước.`
                      : "Các dòng của tệp, dòng lỗi trước."}
                  </caption>
                  <thead className="bg-slate-50 text-left">
                    <tr>
                      <th scope="col" className="px-2 py-1">
                        Dòng / ô
                      </th>
                      <th scope="col" className="px-2 py-1">
                        Xã, phường
                      </th>
                      <th scope="col" className="px-2 py-1">
                        Tháng
                      </th>
                      <th scope="col" className="px-2 py-1">
                        Chỉ tiêu
                      </th>
                      <th scope="col" className="px-2 py-1 text-right">
                        Cũ → mới
                      </th>
                      <th scope="col" className="px-2 py-1">
                        Kết quả
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.rows.map((r, i) => (
                      <tr key={`${r.line}-${r.indicatorCode}-${i}`} className="border-t border-slate-100 align-top">
                        <td className="px-2 py-1 tabular-nums">{r.place ?? r.line}</td>
                        <td className="px-2 py-1">{r.communeCode}</td>
                        <td className="px-2 py-1 whitespace-nowrap">{period(r.period)}</td>
                        <td className="px-2 py-1 break-all">{r.indicatorCode}</td>
                        <td className="px-2 py-1 text-right tabular-nums whitespace-nowrap">
                          {r.outcome === "changed"
                            ? `${num(r.old)} → ${num(r.value)}`
                            : r.value !== null
                              ? num(r.value)
                              : (r.text ?? "")}
                        </td>
                        <td className="px-2 py-1">
                          <span className={`inline-block rounded border px-1.5 text-xs ${OUTCOME_STYLE[r.outcome]}`}>
                            {OUTCOME_VI[r.outcome]}
                          </span>
                          {r.messages.length > 0 && <span className="ml-1 text-red-900">{r.messages.join("; ")}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
