import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { ClientMessages } from "@/components/client-messages";
import { ImportForm } from "@/components/import-form";
import { requireViewer } from "@/lib/auth/viewer";
import {
  ADMIN_IMPORT_LIMITS,
  type ImportLimits,
  STANDARD_IMPORT_LIMITS,
  importLimits,
  limitMb,
} from "@/lib/domain/import/limits";
import { canImportSomething } from "@/lib/domain/permissions";
import { templateHref } from "@/lib/domain/import/template";
import { latestOpenPeriod } from "@/lib/data/reports";
import { REFORM_START, formatPeriodVi } from "@/lib/domain/periods";
import { getLocale, getTranslations } from "next-intl/server";
import { type Locale, formatInteger } from "@/lib/domain/format";
import { prepareWorker } from "@/lib/workers/pool";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("importPage"))("title") };
}

const code = (chunks: ReactNode) => <code>{chunks}</code>;

export default async function ImportPage() {
  await connection();
  const viewer = await requireViewer();
  // The worker that will check the file starts loading now, not when the file arrives.
  if (canImportSomething(viewer)) prepareWorker();
  const latest = latestOpenPeriod();
  const t = await getTranslations("importPage");
  const locale = (await getLocale()) as Locale;
  const limitText = (limits: ImportLimits) =>
    t("limitSet", { mb: limitMb(limits), rows: formatInteger(limits.rows, locale) });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {!canImportSomething(viewer) ? (
        <p role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-900">
          {t("notAllowed")}
        </p>
      ) : (
        <>
          <div className="space-y-2 text-slate-700">
            <p>
              {t.rich("formats", {
                code,
                link: (chunks) => (
                  <a href="/export" className="underline">
                    {chunks}
                  </a>
                ),
              })}
            </p>
            <p data-testid="import-number-rules">{t.rich("numbers", { code })}</p>
            <p>
              {t.rich("rules", { strong: (chunks) => <strong>{chunks}</strong> })}
              {viewer.role === "COMMUNE" && t("communeOnly")}
            </p>
            <p data-testid="import-limits">
              {t.rich("limitsByRole", {
                standard: limitText(STANDARD_IMPORT_LIMITS),
                admin: limitText(ADMIN_IMPORT_LIMITS),
                own: limitText(importLimits(viewer.role)),
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
          </div>
          <form
            method="get"
            action="/import/template.xlsx"
            className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <label className="flex flex-col gap-1 text-sm font-semibold">
              {t("templateLabel")}
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
              {t("templateButton")}
            </button>
            <p className="w-full text-sm text-slate-700">
              {t(viewer.role === "COMMUNE" ? "templateRowsCommune" : "templateRowsProvince")}
              {t("templateHelp")}{" "}
              <a href={templateHref(latest)} download data-testid="template-link" className="underline">
                {t("templateMonth", { month: formatPeriodVi(latest) })}
              </a>
            </p>
          </form>
          <ClientMessages namespaces={["importForm"]}>
            <ImportForm
              maxBytes={importLimits(viewer.role).bytes}
              mayMarkReceived={viewer.role === "PROVINCE" || viewer.role === "ADMIN"}
            />
          </ClientMessages>
          {(viewer.role === "PROVINCE" || viewer.role === "ADMIN") && (
            <p>
              <a href="/import/history" className="underline">
                {t("historyLink")}
              </a>
            </p>
          )}
        </>
      )}
    </div>
  );
}
