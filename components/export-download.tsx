"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";

/**
 * Downloads an export while showing how many rows have arrived (the plain link next to it works without
 * JavaScript). Rows are counted by line breaks as the stream comes in.
 */
export function ExportDownload({
  href,
  fileName,
  xlsxHref,
  xlsxFileName,
  totalRows,
}: {
  href: string;
  fileName: string;
  xlsxHref: string;
  xlsxFileName: string;
  totalRows: number;
}) {
  const [rows, setRows] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations("exportDownload");
  const locale = useLocale() === "en" ? "en-GB" : "vi-VN";

  async function start() {
    setError(null);
    setRows(0);
    try {
      const res = await fetch(href);
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? t("httpError", { status: res.status }));
      }
      const reader = res.body.getReader();
      const parts: Uint8Array[] = [];
      let lines = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const byte of value) if (byte === 10) lines++;
        setRows(Math.max(0, lines - 1));
      }
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : t("failed"));
      setRows(null);
    }
  }

  const percent = rows === null || totalRows === 0 ? 0 : Math.min(100, Math.round((rows / totalRows) * 100));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <a
          href={xlsxHref}
          download={xlsxFileName}
          className="rounded bg-emerald-800 px-4 py-2 text-white no-underline hover:bg-emerald-900"
        >
          {t("xlsx")}
        </a>
        <button type="button" onClick={start} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900">
          {t("csv", { rows: totalRows.toLocaleString(locale) })}
        </button>
        <a href={href} download={fileName} className="text-sm">
          {t("direct")}
        </a>
      </div>
      {rows !== null && (
        <div>
          <progress max={100} value={percent} className="w-full" aria-label={t("progress")} />
          <p className="text-sm" aria-live="polite">
            {t("received", { rows: rows.toLocaleString(locale), total: totalRows.toLocaleString(locale) })}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
