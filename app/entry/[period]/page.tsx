import { WarningNote } from "@/components/warning-note";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/domain/format";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ClientMessages } from "@/components/client-messages";
import { MonthForm } from "@/components/month-form";
import { StatusBadge } from "@/components/status-badge";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDateTimeVi, formatDateVi, formatInteger } from "@/lib/domain/format";
import { rawIndicator } from "@/lib/domain/indicators";
import { REFORM_START, formatPeriodVi, isPeriod } from "@/lib/domain/periods";
import { FORM_SECTIONS, monthTotals } from "@/lib/domain/validation";
import { DataError } from "@/lib/data/errors";
import { latestOpenPeriod, loadMonthForm } from "@/lib/data/reports";

export async function generateMetadata({ params }: { params: Promise<{ period: string }> }): Promise<Metadata> {
  const { period } = await params;
  return {
    title: (await getTranslations("month"))("title", { month: isPeriod(period) ? formatPeriodVi(period) : "" }),
  };
}

export default async function MonthPage({ params }: { params: Promise<{ period: string }> }) {
  await connection();
  const viewer = await requireViewer();
  const { period } = await params;
  const t = await getTranslations("month");
  const tc = await getTranslations("categories");
  const locale = (await getLocale()) as Locale;
  if (!isPeriod(period) || period < REFORM_START || period > latestOpenPeriod()) notFound();
  if (viewer.role !== "COMMUNE") {
    return (
      <div className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-bold">{t("title", { month: formatPeriodVi(period) })}</h1>
        <p>{t.rich("notCommune", { link: (chunks) => <a href={`/approval?period=${period}`}>{chunks}</a> })}</p>
      </div>
    );
  }
  let form;
  try {
    form = await loadMonthForm(viewer, { period });
  } catch (error) {
    if (error instanceof DataError && error.code === "FORBIDDEN") notFound();
    throw error;
  }
  const status = form.report?.status ?? "MISSING";
  const totals = monthTotals(form.values);
  return (
    <div className="space-y-5">
      <div>
        <p>
          <a href="/entry">{t("back")}</a>
        </p>
        <h1 className="text-2xl font-bold">{t("title", { month: formatPeriodVi(period) })}</h1>
        <p className="flex flex-wrap items-center gap-2 text-slate-700">
          {form.commune.fullName} <StatusBadge status={status} />
          <span>{t("deadline", { date: formatDateVi(form.deadline) })}</span>
          {form.report?.submittedAt && (
            <span>{t("submittedAt", { time: formatDateTimeVi(form.report.submittedAt) })}</span>
          )}
        </p>
      </div>
      {form.report?.returnComment && (status === "RETURNED" || status === "DRAFT") && (
        <div className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="return-comment">
          <p className="font-semibold">{t("returnComment")}</p>
          <p>{form.report.returnComment}</p>
        </div>
      )}
      {form.editable ? (
        <ClientMessages namespaces={["monthForm", "validation", "units", "categories"]}>
          <MonthForm
            userId={viewer.id}
            locale={locale}
            communeId={form.commune.id}
            period={period}
            version={form.version}
            values={form.values}
            previousValues={form.previousValues}
            history={form.history}
          />
        </ClientMessages>
      ) : (
        <div className="space-y-4" data-testid="read-only">
          <p className="rounded border border-slate-300 bg-white p-3">
            {t(`readOnly.${form.readOnly ?? "NOT_EDITOR"}`)}
          </p>
          {FORM_SECTIONS.map((s) => (
            <section key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">{tc(s.id)}</h2>
              <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2">
                {s.fields.map((f) => (
                  <div key={f} className="flex justify-between gap-3 border-b border-slate-100 py-1">
                    <dt>{locale === "en" ? rawIndicator(f).nameEn : rawIndicator(f).nameVi}</dt>
                    <dd className="tabular-nums font-medium">
                      {form.values[f] == null ? "—" : formatInteger(form.values[f]!, locale)}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <p>{t("resolved", { value: totals.resolved == null ? "—" : formatInteger(totals.resolved, locale) })}</p>
          {form.report && form.report.acknowledgedWarnings.length > 0 && (
            <section className="rounded border border-amber-300 bg-amber-50 p-3">
              <h2 className="font-semibold">{t("acknowledged")}</h2>
              <ul className="list-disc pl-5">
                {form.report.acknowledgedWarnings.map((w) => (
                  <li key={w.key}>{w.message}</li>
                ))}
              </ul>
              <WarningNote note={form.report.warningNote} />
            </section>
          )}
        </div>
      )}
    </div>
  );
}
