"use client";

/**
 * Upload, dry run, then "Xác nhận nhập". The file stays in the input between the two steps (the request is sent by
 * hand, not through <form action>, which would reset the input); the commit sends it again and the server re-checks it.
 * The file goes to POST /import/upload as the request's body (lib/web/import-upload.ts).
 */
import { useRef, useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ImportUploadState } from "@/lib/web/import-upload";
import { safeFileName } from "@/lib/domain/text";
import { DataTable } from "./data-table";
import type { RowOutcome } from "@/lib/domain/import/plan";
import { advanceProgress, finalProgress } from "@/lib/domain/import/progress";
import { ImportProgressBar, useImportProgress } from "./import-progress";

const OUTCOME_STYLE: Record<RowOutcome["outcome"], string> = {
  new: "bg-sky-50 text-sky-900 border-sky-300",
  changed: "bg-amber-50 text-amber-900 border-amber-400",
  unchanged: "bg-slate-100 text-slate-800 border-slate-300",
  error: "bg-red-50 text-red-900 border-red-300",
};
const period = (p: string) => (/^\d{4}-\d{2}$/.test(p) ? `${p.slice(5)}/${p.slice(0, 4)}` : p);

/** Its texts come from the catalogue namespace "importForm" (wrap it in <ClientMessages namespaces={["importForm"]}>). */
export function ImportForm({ maxBytes, mayMarkReceived = false }: { maxBytes: number; mayMarkReceived?: boolean }) {
  const t = useTranslations("importForm");
  const vi = new Intl.NumberFormat(useLocale() === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 6 });
  const num = (v: number | null) => (v === null ? "—" : vi.format(v));
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportUploadState | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"dry-run" | "commit" | null>(null);
  const [fileInfo, setFileInfo] = useState<{ name: string; size: number } | null>(null);
  const [numbers, setNumbers] = useState<"auto" | "vi" | "en">("auto");
  const [markReceived, setMarkReceived] = useState(false);
  const [progress, setProgress] = useImportProgress(running);

  function send(intent: "dry-run" | "commit") {
    const file = input.current?.files?.[0];
    if (!file) {
      setState({ ok: false, message: t("noFile") });
      return;
    }
    if (file.size > maxBytes) {
      setState({
        ok: false,
        message: t("tooLarge", {
          size: vi.format(Math.round(file.size / 1024 / 102.4) / 10),
          max: vi.format(maxBytes / 1024 / 1024),
        }),
      });
      return;
    }
    // The file itself is the body, streamed to disk by the server (lib/web/import-upload.ts); its name, cleaned of
    // control characters, and the choices travel in the query.
    const query = new URLSearchParams({ intent, numbers, name: safeFileName(file.name) });
    if (mayMarkReceived && markReceived) query.set("mark_received", "1");
    setRunning(intent);
    setProgress(null);
    startTransition(async () => {
      try {
        const response = await fetch(`/import/upload?${query}`, {
          method: "POST",
          body: file,
          headers: { "Content-Type": "application/octet-stream" },
        });
        if (!/json/.test(response.headers.get("content-type") ?? "")) throw new Error(`HTTP ${response.status}`);
        const answer = (await response.json()) as ImportUploadState;
        setState(answer);
        // The indicator ends on where the run ended: every row checked, or every stage written.
        setProgress((shown) =>
          answer.ok && !answer.report.fileError
            ? advanceProgress(shown, finalProgress(intent, answer.report.totalRows, answer.report.committed))
            : null,
        );
      } catch {
        setState({
          ok: false,
          message: t("sendFailed"),
        });
        setProgress(null);
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
          {t("file")}
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
              setProgress(null);
            }}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-semibold">
          {t("numbers")}
          <select
            name="numbers"
            value={numbers}
            onChange={(e) => {
              setNumbers(e.currentTarget.value as "auto" | "vi" | "en");
              setState(null);
            }}
            className="w-full max-w-md rounded border border-slate-400 p-2 text-sm font-normal"
          >
            <option value="auto">{t("numbersAuto")}</option>
            <option value="vi">{t("numbersVi")}</option>
            <option value="en">{t("numbersEn")}</option>
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
              {t.rich("markReceived", { strong: (chunks) => <span className="font-semibold">{chunks}</span> })}
            </span>
          </label>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
          >
            {t("dryRun")}
          </button>
          {pending && (
            <p role="status" aria-live="polite" className="flex items-center gap-2 text-sm text-slate-700">
              <span
                aria-hidden="true"
                className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-400 border-t-transparent"
              />
              {running === "commit" ? t("committing") : t("checking")}
              {sizeMb >= 2 && t("slow", { size: vi.format(Math.round(sizeMb * 10) / 10) })}
            </p>
          )}
          {progress && <ImportProgressBar progress={progress} writing={running === "commit"} />}
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
            {report.committed ? t("done") : state?.ok && state.intent === "commit" ? t("refused") : t("result")}:{" "}
            {report.fileName}
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
                    <dt className="text-sm">{t(`outcome.${o}`)}</dt>
                    <dd className="text-2xl font-bold" data-testid={`import-count-${o}`}>
                      {vi.format(report.counts[o])}
                    </dd>
                  </div>
                ))}
              </dl>
              <p className="text-sm text-slate-700">
                {t("summary", {
                  rows: vi.format(report.totalRows),
                  shape: report.format === "wide" ? t("rowsWide") : t("rowsLong"),
                  months: vi.format(report.months.total),
                })}
                {report.months.received > 0
                  ? t(report.months.created > 0 ? "summaryReceivedNew" : "summaryReceived", {
                      received: vi.format(report.months.received),
                      created: vi.format(report.months.created),
                    })
                  : report.months.created > 0
                    ? t("summaryCreated", { created: vi.format(report.months.created) })
                    : ""}
                {t("elapsed", { seconds: vi.format(Math.round(report.elapsedMs / 100) / 10) })}
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
                  {t("written", {
                    values: vi.format(report.counts.new + report.counts.changed),
                    new: vi.format(report.counts.new),
                    changed: vi.format(report.counts.changed),
                    months: vi.format(report.months.total),
                    file: report.fileName,
                  })}
                  {report.months.received > 0 && t("writtenReceived", { received: vi.format(report.months.received) })}
                  {report.batchId
                    ? t.rich("batch", {
                        id: report.batchId,
                        link: (chunks) => (
                          <a href="/import/history" className="underline">
                            {chunks}
                          </a>
                        ),
                      })
                    : null}
                </p>
              ) : report.counts.error > 0 ? (
                <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
                  {t("errors", { n: vi.format(report.counts.error) })}
                </p>
              ) : canCommit ? (
                <div className="flex flex-wrap items-center gap-3 rounded border border-emerald-400 bg-emerald-50 p-3">
                  <p className="text-emerald-900">{t("noErrors")}</p>
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => send("commit")}
                    className="rounded bg-emerald-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
                  >
                    {t("commit")}
                  </button>
                </div>
              ) : null}
              {report.warnings.length > 0 && (
                <details className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-900">
                  <summary className="cursor-pointer font-semibold">
                    {t("warnings", { n: vi.format(report.warnings.length) })}
                  </summary>
                  <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                    {report.warnings.map((w, i) => (
                      <li key={i}>
                        {t("warningLine", {
                          lines: w.lines.join(", "),
                          commune: w.communeCode,
                          month: period(w.period),
                          message: w.message,
                        })}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              <DataTable
                testId="import-rows"
                showCaption
                caption={
                  report.truncated > 0
                    ? t("truncated", { shown: vi.format(report.rows.length), total: vi.format(report.totalRows) })
                    : t("allRows")
                }
                rows={report.rows.map((row, index) => ({ row, index }))}
                rowKey={({ row, index }) => `${row.line}-${row.indicatorCode}-${index}`}
                columns={[
                  {
                    key: "line",
                    header: t("colLine"),
                    cell: ({ row }) => row.place ?? row.line,
                    cellClassName: () => "tabular-nums",
                  },
                  { key: "commune", header: t("colCommune"), cell: ({ row }) => row.communeCode },
                  {
                    key: "month",
                    header: t("colMonth"),
                    cell: ({ row }) => period(row.period),
                    cellClassName: () => "whitespace-nowrap",
                  },
                  {
                    key: "indicator",
                    header: t("colIndicator"),
                    cell: ({ row }) => row.indicatorCode,
                    cellClassName: () => "break-all",
                  },
                  {
                    key: "change",
                    header: t("colChange"),
                    numeric: true,
                    cellClassName: () => "whitespace-nowrap",
                    cell: ({ row }) =>
                      row.outcome === "changed"
                        ? `${num(row.old)} → ${num(row.value)}`
                        : row.value !== null
                          ? num(row.value)
                          : (row.text ?? ""),
                  },
                  {
                    key: "outcome",
                    header: t("colOutcome"),
                    cell: ({ row }) => (
                      <>
                        <span className={`inline-block rounded border px-1.5 text-xs ${OUTCOME_STYLE[row.outcome]}`}>
                          {t(`outcome.${row.outcome}`)}
                        </span>
                        {row.messages.length > 0 && (
                          <span className="ml-1 text-red-900">{row.messages.join("; ")}</span>
                        )}
                      </>
                    ),
                  },
                ]}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
