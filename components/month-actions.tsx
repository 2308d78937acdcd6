"use client";

/**
 * The month form's sticky bar: "Lưu nháp", "Nộp báo cáo" with its confirmation (the figures that moved most against
 * last month), and why submitting is not possible yet.
 */
import { useState } from "react";
import type { Locale } from "@/lib/domain/format";
import { type MonthValues, REPORT_FIELDS } from "@/lib/domain/validation";
import { useMonthWords } from "./month-fields";

/** What the confirmation shows before submitting: the figures that moved most against last month. */
function biggestChangesOf(previous: MonthValues | null, current: MonthValues) {
  return REPORT_FIELDS.map((f) => ({ field: f, previous: previous?.[f] ?? null, current: current[f] ?? null }))
    .filter((c) => c.previous != null && c.current != null && c.previous !== c.current)
    .map((c) => ({ ...c, change: Math.abs(c.current! - c.previous!) / Math.max(Math.abs(c.previous!), 1) }))
    .sort((a, b) => b.change - a.change)
    .slice(0, 5);
}

export function MonthActions(props: {
  locale: Locale;
  period: string;
  previousValues: MonthValues | null;
  check: { values: MonthValues; errors: unknown[] };
  missing: unknown[];
  openWarnings: unknown[];
  conflict: boolean;
  canSubmit: boolean;
  busy: boolean;
  send: (intent: "save" | "submit") => Promise<void>;
}) {
  const { check, missing, openWarnings, conflict, canSubmit, busy, send } = props;
  const { t, show, nameOf } = useMonthWords(props.locale);
  const [confirming, setConfirming] = useState(false);
  const biggestChanges = biggestChangesOf(props.previousValues, check.values);
  return (
    <>
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
    </>
  );
}
