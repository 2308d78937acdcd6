import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { DataTable } from "@/components/data-table";
import { requireViewer } from "@/lib/auth/viewer";
import { listImportBatches } from "@/lib/data/import-batches";
import { formatDateTimeVi } from "@/lib/domain/format";
import { undoBatchAction } from "./actions";
import { getLocale, getTranslations } from "next-intl/server";
import { type Locale, formatInteger } from "@/lib/domain/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("importHistory"))("title") };
}

export default async function ImportHistoryPage() {
  await connection();
  const viewer = await requireViewer();
  const t = await getTranslations("importHistory");
  const locale = (await getLocale()) as Locale;
  const vi = (n: number) => formatInteger(n, locale);
  if (viewer.role !== "PROVINCE" && viewer.role !== "ADMIN") {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-900">
          {t("notAllowed")}
        </p>
      </div>
    );
  }
  const batches = await listImportBatches(viewer);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-slate-700">{t.rich("intro", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
      {batches.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <DataTable
          testId="import-batches"
          caption={t("region")}
          rows={batches}
          rowKey={(b) => String(b.id)}
          columns={[
            { key: "id", header: t("colId"), cell: (b) => b.id, cellClassName: () => "tabular-nums" },
            {
              key: "at",
              header: t("colAt"),
              cell: (b) => formatDateTimeVi(b.at),
              cellClassName: () => "whitespace-nowrap",
            },
            { key: "by", header: t("colBy"), cell: (b) => b.username ?? "—" },
            {
              key: "file",
              header: t("colFile"),
              cellClassName: () => "break-all",
              cell: (b) => (
                <>
                  {b.fileName}
                  <br />
                  <code className="text-xs text-slate-600" title="SHA-256">
                    {b.sha256.slice(0, 16)}…
                  </code>
                </>
              ),
            },
            {
              key: "counts",
              header: t("colCounts"),
              numeric: true,
              cell: (b) => (
                <>
                  {vi(b.counts.new)} / {vi(b.counts.changed)} / {vi(b.counts.unchanged)}
                  {(b.counts.reports_received ?? 0) > 0 && (
                    <>
                      <br />
                      <span className="text-xs text-emerald-900">
                        {t("received", { n: vi(b.counts.reports_received!) })}
                      </span>
                    </>
                  )}
                </>
              ),
            },
            {
              key: "undo",
              header: t("colUndo"),
              cell: (b) =>
                b.undoneAt ? (
                  <span>
                    {t("undone", { time: formatDateTimeVi(b.undoneAt) })}
                    {b.undoneBy ? ` (${b.undoneBy})` : ""}
                  </span>
                ) : (
                  <ActionForm action={undoBatchAction}>
                    <input type="hidden" name="batchId" value={b.id} />
                    <button type="submit" className="rounded border border-slate-400 px-2 py-1">
                      {t("undo", { id: b.id })}
                    </button>
                  </ActionForm>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
