"use client";

/**
 * A commune's month form, offline first. Every keystroke goes to IndexedDB and "Lưu nháp"/"Nộp báo cáo" queue the save
 * there (lib/offline/month-drafts); the queue sends it when there is a connection, with the version and values the form
 * started from, and the server merges by field. The same rules as the server (lib/domain/validation) run as the user
 * types, online or not. The send loop lives in lib/offline/month-queue.ts (its state in lib/offline/use-month-queue.ts):
 * the form renders the draft and the queue's state; a failure of any kind leaves both in place.
 */
import { useMemo, useState, useSyncExternalStore } from "react";
import { saveMonth } from "@/app/entry/actions";
import type { RawCode } from "@/lib/domain/indicators";
import type { Locale } from "@/lib/domain/format";
import { type MonthValues, REPORT_FIELDS, monthTotals, validateMonth } from "@/lib/domain/validation";
import { useMonthQueue } from "@/lib/offline/use-month-queue";
import { useTranslations } from "next-intl";
import { issueText } from "@/i18n/validation";
import { servedFromDevice } from "@/lib/offline/served-from-device";
import { never } from "@/lib/web/use-hydrated";
import { MonthActions } from "./month-actions";
import { MonthConflict } from "./month-conflict";
import { MonthFields, MonthWarnings } from "./month-fields";
import { MonthStatus } from "./month-status";

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

  const settle = async () => {
    await queue.settle(choices);
    setChoices({});
  };

  const errorsOf = (field: RawCode): string[] => {
    const live = check.errors.filter((e) => e.field === field).map((e) => issueText(tv, e, props.locale));
    const server = refusal?.fieldErrors[field] ?? [];
    return [...new Set([...live, ...server])];
  };

  return (
    <form onSubmit={(e) => e.preventDefault()} className="space-y-6" noValidate aria-describedby="form-message">
      <MonthStatus
        locale={props.locale}
        period={props.period}
        sync={sync}
        draft={draft}
        fromDevice={fromDevice}
        notice={notice}
        refusal={refusal}
      />

      {conflict && (
        <MonthConflict
          conflict={conflict}
          typed={draft.values}
          choices={choices}
          onChoose={setChoices}
          onSettle={() => void settle()}
        />
      )}

      <MonthFields
        locale={props.locale}
        draft={draft}
        previousValues={props.previousValues}
        totals={totals}
        errorsOf={errorsOf}
        edit={edit}
      />
      <MonthWarnings
        locale={props.locale}
        check={check}
        acknowledged={acknowledged}
        draft={draft}
        edit={edit}
        queue={queue}
      />
      <MonthActions
        locale={props.locale}
        period={props.period}
        previousValues={props.previousValues}
        check={check}
        missing={missing}
        openWarnings={openWarnings}
        conflict={!!conflict}
        canSubmit={canSubmit}
        busy={busy}
        send={send}
      />
    </form>
  );
}
