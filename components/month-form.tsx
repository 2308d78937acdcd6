"use client";

/**
 * A commune's month form, offline first. Every keystroke goes to IndexedDB and "Lưu nháp"/"Nộp báo cáo" queue the save
 * there (lib/offline/month-drafts); the queue sends it when there is a connection, with the version and values the form
 * started from, and the server merges by field. The same rules as the server (lib/domain/validation) run as the user
 * types, online or not. The send loop lives in lib/offline/month-queue.ts (its state in lib/offline/use-month-queue.ts):
 * the form renders the draft and the queue's state; a failure of any kind leaves both in place.
 */
import { useMemo, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { saveMonth } from "@/app/entry/actions";
import { rawIndicator, type RawCode } from "@/lib/domain/indicators";
import { type Locale, formatInteger, formatPercent } from "@/lib/domain/format";
import {
  FORM_SECTIONS,
  type MonthValues,
  REPORT_FIELDS,
  WARNING_NOTE_MAX,
  monthTotals,
  validateMonth,
} from "@/lib/domain/validation";
import { useMonthQueue } from "@/lib/offline/use-month-queue";
import { servedFromDevice } from "@/lib/offline/served-from-device";
import { issueText } from "@/i18n/validation";
import { never } from "@/lib/web/use-hydrated";
import { MonthConflict } from "./month-conflict";

export interface MonthFormProps {
  userId: string;
  locale: Locale;
  communeId: number;
  period: string;
  version: number;
  values: MonthValues;
  previousValues: MonthValues | null;
  history: MonthValues[];
}

export function MonthForm(props: MonthFormProps) {
  const t = useTranslations("monthForm");
  const tv = useTranslations("validation");
  const tu = useTranslations("units");
  const tc = useTranslations("categories");
  const say = (issue: { field: RawCode; key: string; message: string }) => issueText(tv, issue, props.locale);
  const show = (v: number | null | undefined) => (v == null ? "—" : formatInteger(v, props.locale));
  const nameOf = (code: RawCode) => (props.locale === "en" ? rawIndicator(code).nameEn : rawIndicator(code).nameVi);
  const { queue, draft, sync, refusal, setRefusal, notice, ready } = useMonthQueue(
    {
      userId: props.userId,
      communeId: props.communeId,
      period: props.period,
      baseVersion: props.version,
      baseValues: props.values,
      locale: props.locale,
    },
    saveMonth,
  );
  const [choices, setChoices] = useState<Record<string, "mine" | "theirs">>({});
  const [confirming, setConfirming] = useState(false);
  // The service worker answered this page from the device: the server could not render it (app/sw.ts).
  const fromDevice = useSyncExternalStore(
    never,
    () => servedFromDevice(document.documentElement),
    () => false,
  );
  const edit = (values: Record<string, string>, acknowledged: string[]) => queue.edit(values, acknowledged);

  const check = useMemo(
    () =>
      validateMonth(draft.values, { previous: props.previousValues, history: props.history }, { locale: props.locale }),
    [draft.values, props.previousValues, props.history, props.locale],
  );
  const acknowledged = new Set(draft.acknowledged);
  const totals = monthTotals(check.values);
  const missing = REPORT_FIELDS.filter((f) => check.values[f] == null);
  const openWarnings = check.warnings.filter((w) => !acknowledged.has(w.key));
  const conflict = draft.conflict;
  const canSubmit = check.errors.length === 0 && missing.length === 0 && openWarnings.length === 0 && !conflict;
  const busy = sync === "sending" || !ready;

  const send = async (intent: "save" | "submit") => {
    if (check.errors.length > 0) {
      setRefusal({
        ok: false,
        code: "INVALID",
        message: t("invalid"),
        retryable: false,
        fieldErrors: {},
      });
      return;
    }
    await queue.queue(intent);
  };

  // What the confirmation shows before submitting: the figures that moved most against last month.
  const biggestChanges = REPORT_FIELDS.map((f) => ({
    field: f,
    previous: props.previousValues?.[f] ?? null,
    current: check.values[f] ?? null,
  }))
    .filter((c) => c.previous != null && c.current != null && c.previous !== c.current)
    .map((c) => ({ ...c, change: Math.abs(c.current! - c.previous!) / Math.max(Math.abs(c.previous!), 1) }))
    .sort((a, b) => b.change - a.change)
    .slice(0, 5);

  const settle = async () => {
    await queue.settle(choices);
    setChoices({});
  };

  const errorsOf = (field: RawCode): string[] => {
    const live = check.errors.filter((e) => e.field === field).map(say);
    const server = refusal?.fieldErrors[field] ?? [];
    return [...new Set([...live, ...server])];
  };

  return (
    <form onSubmit={(e) => e.preventDefault()} className="space-y-6" noValidate aria-describedby="form-message">
      <p
        data-testid="sync-state"
        data-state={sync}
        role="status"
        className={`sticky top-0 z-10 rounded border px-3 py-2 text-sm ${sync === "offline" ? "border-amber-400 bg-amber-50 text-amber-950" : sync === "synced" ? "border-emerald-400 bg-emerald-50 text-emerald-900" : "border-slate-300 bg-white"}`}
      >
        {t(`sync.${sync}`)}
        {draft.queued && sync !== "sending" ? t("queued") : ""}
      </p>

      {fromDevice && (
        <p
          role="alert"
          data-testid="served-from-device"
          className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-950"
        >
          {t("servedFromDevice")}
        </p>
      )}

      {(notice || refusal) && (
        <div
          id="form-message"
          role={refusal ? "alert" : "status"}
          data-testid="form-message"
          className={`rounded border p-3 ${refusal ? "border-red-300 bg-red-50 text-red-900" : "border-emerald-400 bg-emerald-50 text-emerald-900"}`}
        >
          <p>{refusal ? refusal.message : notice}</p>
          {refusal?.retryable && refusal.code !== "UNAUTHENTICATED" && refusal.code !== "OTHER_USER" && (
            <p className="mt-1 text-sm">{t("keptRetry")}</p>
          )}
          {(refusal?.code === "UNAUTHENTICATED" || refusal?.code === "OTHER_USER") && (
            <p className="mt-1 text-sm">
              {t.rich("signInAgain", {
                link: (chunks) => (
                  <a
                    href={`/login?next=${encodeURIComponent(`/entry/${props.period}`)}`}
                    className="font-semibold underline"
                    data-testid="login-again"
                  >
                    {chunks}
                  </a>
                ),
              })}
            </p>
          )}
          {refusal?.code === "WARNINGS" && refusal.warnings && (
            <ul className="mt-1 list-disc pl-5 text-sm">
              {refusal.warnings.map((w) => (
                <li key={w.key}>{say(w)}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      {conflict && (
        <MonthConflict
          conflict={conflict}
          typed={draft.values}
          choices={choices}
          onChoose={setChoices}
          onSettle={() => void settle()}
        />
      )}

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
              <strong>{totals.onTimeRate == null ? "—" : formatPercent(totals.onTimeRate, props.locale)}</strong>
              {" · "}
              {t("onlineRate")}{" "}
              <strong>{totals.onlineRate == null ? "—" : formatPercent(totals.onlineRate, props.locale)}</strong>
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

      {check.warnings.length > 0 && (
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
                        e.target.checked
                          ? [...draft.acknowledged, w.key]
                          : draft.acknowledged.filter((k) => k !== w.key),
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
      )}

      {/* The confirmation is part of the sticky bar, above its buttons: on a phone it is in view whole, never under the bar. */}
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50 py-3">
        {confirming && canSubmit && (
          <section
            role="dialog"
            aria-labelledby="confirm-heading"
            data-testid="confirm-submit"
            className="max-h-[60vh] w-full basis-full overflow-y-auto rounded-lg border border-emerald-500 bg-emerald-50 p-4"
          >
            <h2 id="confirm-heading" className="font-semibold">
              {t("confirmHeading", { month: `${props.period.slice(5)}/${props.period.slice(0, 4)}` })}
            </h2>
            <p className="text-sm">{t("confirmReadOnly")}</p>
            {biggestChanges.length > 0 ? (
              <>
                <p className="mt-2 text-sm">{t("biggestChanges")}</p>
                <ul className="mt-1 list-disc pl-5 text-sm">
                  {biggestChanges.map((c) => (
                    <li key={c.field}>
                      {nameOf(c.field)}: {show(c.previous)} → <strong>{show(c.current)}</strong>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="mt-2 text-sm">{t("noChanges")}</p>
            )}
            <div className="mt-3 flex flex-wrap gap-2">
              <button
                type="button"
                onClick={() => {
                  setConfirming(false);
                  void send("submit");
                }}
                className="rounded bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800"
              >
                {t("confirm")}
              </button>
              <button
                type="button"
                onClick={() => setConfirming(false)}
                className="rounded border border-slate-400 bg-white px-4 py-2"
              >
                {t("back")}
              </button>
            </div>
          </section>
        )}
        <button
          type="button"
          onClick={() => void send("save")}
          disabled={busy || !!conflict}
          className="rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60"
        >
          {t("saveDraft")}
        </button>
        <button
          type="button"
          onClick={() => setConfirming(true)}
          disabled={busy || !canSubmit}
          className="rounded bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-50"
        >
          {t("submit")}
        </button>
        {!canSubmit && !busy && (
          <span className="text-sm text-slate-700">
            {conflict
              ? t("blockedConflict")
              : check.errors.length > 0
                ? t("blockedErrors", { n: check.errors.length })
                : missing.length > 0
                  ? t("blockedMissing", { n: missing.length })
                  : t("blockedWarnings", { n: openWarnings.length })}
          </span>
        )}
      </div>
    </form>
  );
}
