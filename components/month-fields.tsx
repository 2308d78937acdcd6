"use client";

/**
 * The month form's boxes, section by section with each section's totals, and the warnings to confirm before
 * submitting (with the note for the province). Every change goes to the queue (lib/offline/month-queue.ts).
 */
import { useTranslations } from "next-intl";
import { issueText } from "@/i18n/validation";
import { rawIndicator, type RawCode } from "@/lib/domain/indicators";
import { type Locale, formatInteger, formatPercent } from "@/lib/domain/format";
import {
  FORM_SECTIONS,
  type MonthValues,
  WARNING_NOTE_MAX,
  type ValidationIssue,
  monthTotals,
} from "@/lib/domain/validation";
import type { MonthDraft } from "@/lib/offline/month-drafts";
import type { MonthQueue } from "@/lib/offline/month-queue";

/** The month form's words in the viewer's language: its texts, an issue's wording, a number, an indicator's name. */
export function useMonthWords(locale: Locale) {
  const t = useTranslations("monthForm");
  const tv = useTranslations("validation");
  const tu = useTranslations("units");
  const tc = useTranslations("categories");
  return {
    t,
    tu,
    tc,
    say: (issue: { field: RawCode; key: string; message: string }) => issueText(tv, issue, locale),
    show: (v: number | null | undefined) => (v == null ? "—" : formatInteger(v, locale)),
    nameOf: (code: RawCode) => (locale === "en" ? rawIndicator(code).nameEn : rawIndicator(code).nameVi),
  };
}

type Draft = Pick<MonthDraft, "values" | "acknowledged" | "warningNote">;
type Edit = (values: Record<string, string>, acknowledged: string[]) => void;

export function MonthFields(props: {
  locale: Locale;
  draft: Draft;
  previousValues: MonthValues | null;
  totals: ReturnType<typeof monthTotals>;
  errorsOf: (field: RawCode) => string[];
  edit: Edit;
}) {
  const { draft, totals, errorsOf, edit, locale } = props;
  const { t, tu, tc, show, nameOf } = useMonthWords(locale);
  return (
    <>
      {FORM_SECTIONS.map((section) => (
        <fieldset key={section.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <legend className="px-1 text-lg font-semibold">{tc(section.id)}</legend>
          <div className="grid gap-4 md:grid-cols-2">
            {section.fields.map((field) => {
              const ind = rawIndicator(field);
              const errors = errorsOf(field);
              const prev = props.previousValues?.[field];
              return (
                <div key={field}>
                  <label htmlFor={field} className="block text-sm font-medium">
                    {nameOf(field)}{" "}
                    <span className="font-normal text-slate-600">({tu.has(ind.unit) ? tu(ind.unit) : ind.unit})</span>
                  </label>
                  <div className="mt-1 flex items-center gap-3">
                    {ind.temporalType === "FLAG" ? (
                      // A yes/no indicator is a yes/no choice, stored as 1/0.
                      <select
                        id={field}
                        name={field}
                        data-previous={prev ?? ""}
                        value={draft.values[field] ?? ""}
                        onChange={(e) => edit({ ...draft.values, [field]: e.target.value }, draft.acknowledged)}
                        aria-invalid={errors.length > 0}
                        aria-describedby={`${field}-prev${errors.length ? ` ${field}-err` : ""}`}
                        className={`w-32 rounded border bg-white px-2 py-1.5 ${errors.length ? "border-red-600 bg-red-50" : "border-slate-400"}`}
                      >
                        <option value="">{t("notChosen")}</option>
                        <option value="1">{t("yes")}</option>
                        <option value="0">{t("no")}</option>
                      </select>
                    ) : (
                      <input
                        id={field}
                        name={field}
                        inputMode="numeric"
                        data-previous={prev ?? ""}
                        autoComplete="off"
                        value={draft.values[field] ?? ""}
                        onChange={(e) => edit({ ...draft.values, [field]: e.target.value }, draft.acknowledged)}
                        aria-invalid={errors.length > 0}
                        aria-describedby={`${field}-prev${errors.length ? ` ${field}-err` : ""}`}
                        className={`w-32 rounded border px-2 py-1.5 text-right tabular-nums ${errors.length ? "border-red-600 bg-red-50" : "border-slate-400"}`}
                      />
                    )}
                    <span id={`${field}-prev`} className="text-sm text-slate-600">
                      {t("previousMonth")}{" "}
                      {ind.temporalType === "FLAG" && prev != null ? (prev === 1 ? t("yes") : t("no")) : show(prev)}
                    </span>
                  </div>
                  {errors.length > 0 && (
                    <p id={`${field}-err`} className="mt-1 text-sm text-red-800" data-testid={`error-${field}`}>
                      {errors.join(". ")}
                    </p>
                  )}
                </div>
              );
            })}
          </div>
          {section.id === "procedures" && (
            <p className="mt-3 text-sm text-slate-800" data-testid="totals-procedures">
              {t("resolvedTotal")} <strong>{show(totals.resolved)}</strong>
              {" · "}
              {t("onTimeRate")}{" "}
              <strong>{totals.onTimeRate == null ? "—" : formatPercent(totals.onTimeRate, locale)}</strong>
              {" · "}
              {t("onlineRate")}{" "}
              <strong>{totals.onlineRate == null ? "—" : formatPercent(totals.onlineRate, locale)}</strong>
            </p>
          )}
          {section.id === "staffing" && (
            <p className="mt-3 text-sm text-slate-800" data-testid="totals-staffing">
              {t("staffTotal")} <strong>{show(totals.staffTotal)}</strong>
            </p>
          )}
          {section.id === "shortage" && (
            <p className="mt-3 text-sm text-slate-800">
              {t("shortageTotal")} <strong>{show(totals.shortageTotal)}</strong>
            </p>
          )}
        </fieldset>
      ))}
    </>
  );
}

export function MonthWarnings({
  locale,
  check,
  acknowledged,
  draft,
  edit,
  queue,
}: {
  locale: Locale;
  check: { warnings: ValidationIssue[] };
  acknowledged: Set<string>;
  draft: Draft;
  edit: Edit;
  queue: Pick<MonthQueue, "edit">;
}) {
  const { t, say } = useMonthWords(locale);
  if (check.warnings.length === 0) return null;
  return (
    <fieldset className="rounded-lg border border-amber-400 bg-amber-50 p-4">
      <legend className="px-1 font-semibold">{t("warnings")}</legend>
      <ul className="space-y-2">
        {check.warnings.map((w) => (
          <li key={w.key}>
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                name="ack"
                value={w.key}
                className="mt-1 h-4 w-4"
                checked={acknowledged.has(w.key)}
                onChange={(e) =>
                  edit(
                    draft.values,
                    e.target.checked ? [...draft.acknowledged, w.key] : draft.acknowledged.filter((k) => k !== w.key),
                  )
                }
              />
              <span>{t("confirmWarning", { warning: say(w) })}</span>
            </label>
          </li>
        ))}
      </ul>
      <label htmlFor="warning-note" className="mt-3 block text-sm font-medium">
        {t("noteLabel", { max: WARNING_NOTE_MAX })}
      </label>
      <textarea
        id="warning-note"
        name="warningNote"
        rows={2}
        maxLength={WARNING_NOTE_MAX}
        value={draft.warningNote ?? ""}
        onChange={(e) => queue.edit(draft.values, draft.acknowledged, e.target.value)}
        placeholder={t("notePlaceholder")}
        className="mt-1 w-full rounded border border-slate-400 bg-white p-2 text-sm"
      />
    </fieldset>
  );
}
