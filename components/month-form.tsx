"use client";

/**
 * A commune's month form, offline first. Every keystroke goes to IndexedDB and "Lưu nháp"/"Nộp báo cáo" queue the save
 * there (lib/offline/month-drafts); the queue sends it when there is a connection, with the version and values the form
 * started from, and the server merges by field. The same rules as the server (lib/domain/validation) run as the user
 * types, online or not. The form renders the draft and the queue's state; a failure of any kind leaves both in place.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { saveMonth } from "@/app/entry/actions";
import { rawIndicator, type RawCode } from "@/lib/domain/indicators";
import { type Locale, formatInteger, formatPercent } from "@/lib/domain/format";
import { FORM_SECTIONS, type MonthValues, REPORT_FIELDS, monthTotals, validateMonth } from "@/lib/domain/validation";
import {
  DraftStore, type MonthDraft, SYNC_STATE_TEXT, type SendOutcome, type SyncState, type TypedMeanwhile, draftKey, hasUnsavedWork,
  loadTyping, resolveConflict, sendQueued, stopsSending, valuesAsText,
} from "@/lib/offline/month-drafts";
import type { MonthSaveResult } from "./month-form-state";

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

type Refusal = Extract<MonthSaveResult, { ok: false }>;

const show = (v: number | null | undefined) => (v == null ? "—" : formatInteger(v));
const RETRY_MS = [3_000, 5_000, 10_000, 20_000, 30_000];

export function MonthForm(props: MonthFormProps) {
  const key = draftKey(props.userId, props.communeId, props.period);
  const [draft, setDraft] = useState<MonthDraft>(() => ({
    key, userId: props.userId, communeId: props.communeId, period: props.period,
    values: valuesAsText(props.values), baseVersion: props.version, baseValues: props.values,
    acknowledged: [], queued: null, queueSeq: 0, conflict: null, editedAt: 0, locale: props.locale,
  }));
  const [sync, setSync] = useState<SyncState>("synced");
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, "mine" | "theirs">>({});
  const [confirming, setConfirming] = useState(false);
  const store = useRef<DraftStore | null>(null);
  // Every IndexedDB step runs in order, so a keystroke never overtakes the queue's update (or the reverse).
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const serial = useCallback(<T,>(step: (s: DraftStore) => Promise<T>): Promise<T | undefined> => {
    const next = chain.current.then(() => (store.current ? step(store.current) : undefined));
    chain.current = next.catch(() => undefined);
    return next;
  }, []);
  const sending = useRef(false);
  // Keystrokes made before the draft store has opened: applied on top of the loaded draft, never lost.
  const early = useRef<TypedMeanwhile | null>(null);
  const [ready, setReady] = useState(false);
  const retry = useRef<{ timer: ReturnType<typeof setTimeout> | null; attempt: number }>({ timer: null, attempt: 0 });

  const apply = useCallback((outcome: SendOutcome, sent: Record<string, string> | null) => {
    const d = outcome.draft;
    if (!d) return;
    // Keystrokes typed since the send stay; other boxes show what the server has now.
    setDraft((cur) => ({
      ...d,
      values: sent ? Object.fromEntries(REPORT_FIELDS.map((f) => [f, cur.values[f] === sent[f] ? d.values[f] ?? "" : cur.values[f] ?? ""])) : d.values,
    }));
  }, []);

  // Set when the server says this user's session is gone (signed out, or another user signed in on this browser):
  // the tab stops sending until the user asks again ("Lưu nháp") or the form loads again.
  const halted = useRef(false);
  const flush = useCallback(async (asked = false) => {
    if (asked) halted.current = false;
    if (sending.current || !store.current || halted.current) return;
    sending.current = true;
    if (retry.current.timer) clearTimeout(retry.current.timer);
    retry.current.timer = null;
    try {
      for (;;) {
        const queued = await serial((s) => s.get(key));
        if (!queued?.queued) return;
        if (!navigator.onLine) {
          setSync("offline");
          return;
        }
        setSync("sending");
        const sent = queued.values;
        const outcome = (await serial((s) => sendQueued(s, key, saveMonth)))!;
        if (outcome.kind === "idle") return;
        apply(outcome, sent);
        if (outcome.kind === "saved") {
          retry.current.attempt = 0;
          setRefusal(null);
          const m = outcome.result.merged;
          setNotice(m && m.fields.length > 0
            ? `${outcome.result.message} Đã gộp với thay đổi của ${m.by ?? "người khác"}: ${m.fields.map((f) => rawIndicator(f).nameVi).join(", ")}.`
            : outcome.result.message);
          setSync(hasUnsavedWork(outcome.draft) ? "local" : "synced");
          continue;
        }
        setNotice(null);
        if (outcome.kind === "offline" || outcome.kind === "retry") {
          setSync(outcome.kind === "offline" ? "offline" : "local");
          setRefusal(outcome.kind === "retry" ? outcome.result : null);
          // Signed out, or another user signed in: stop, and wait for this user to sign in again (the queued save is
          // sent when the form next loads).
          if (outcome.kind === "retry" && stopsSending(outcome.result)) halted.current = true;
          else {
            const wait = RETRY_MS[Math.min(retry.current.attempt++, RETRY_MS.length - 1)]!;
            retry.current.timer = setTimeout(() => void flush(), wait);
          }
          return;
        }
        setRefusal(outcome.result);
        setSync("local");
        return;
      }
    } finally {
      sending.current = false;
    }
  }, [apply, key, serial]);

  useEffect(() => {
    let alive = true;
    const pendingRetry = retry.current; // one object for the form's life: its timer is read at cleanup
    void DraftStore.open().then(async (s) => {
      if (!alive) return s.close();
      const takeTyped = () => {
        const typed = early.current;
        early.current = null;
        return typed;
      };
      const d = await loadTyping(s, {
        userId: props.userId, communeId: props.communeId, period: props.period, baseVersion: props.version, baseValues: props.values,
        locale: props.locale,
      }, takeTyped, Date.now);
      if (!alive) return s.close();
      // From here on keystrokes go to the store in order (serial); until here they went to `early`.
      store.current = s;
      if (!d) return;
      setDraft(d);
      setReady(true);
      setSync(hasUnsavedWork(d) ? "local" : "synced");
      if (d.queued) void flush();
    }).catch(() => {
      // No IndexedDB (private mode of some browsers): the form still works online, without the offline copy.
      setNotice("Trình duyệt không cho lưu số liệu trên máy (IndexedDB): hãy giữ kết nối khi lưu.");
    });
    const online = () => void flush();
    const offline = () => setSync((s) => (s === "synced" ? s : "offline"));
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      alive = false;
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      if (pendingRetry.timer) clearTimeout(pendingRetry.timer);
      store.current?.close();
      store.current = null;
    };
    // The form is keyed by user, commune and month; the server's props are read once, as the draft's first base.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // The newest keystroke: the form says "Đã lưu trên máy" only once that one is in IndexedDB.
  const editSeq = useRef(0);
  const edit = (values: Record<string, string>, acknowledged: string[]) => {
    setDraft((d) => ({ ...d, values, acknowledged }));
    setSync("storing");
    setNotice(null);
    const seq = ++editSeq.current;
    if (!store.current) {
      early.current = { values, acknowledged };
      return;
    }
    void serial((s) => s.edit(key, values, acknowledged, Date.now())).then(() => {
      if (seq === editSeq.current) setSync(navigator.onLine ? "local" : "offline");
    });
  };

  const check = useMemo(
    () => validateMonth(draft.values, { previous: props.previousValues, history: props.history }, { locale: props.locale }),
    [draft.values, props.previousValues, props.history, props.locale],
  );
  const acknowledged = new Set(draft.acknowledged);
  const totals = monthTotals(check.values);
  const missing = REPORT_FIELDS.filter((f) => check.values[f] == null);
  const openWarnings = check.warnings.filter((w) => !acknowledged.has(w.key));
  const conflict = draft.conflict;
  const canSubmit = check.errors.length === 0 && missing.length === 0 && openWarnings.length === 0 && !conflict;
  const busy = sync === "sending" || !ready;

  const queue = async (intent: "save" | "submit") => {
    if (check.errors.length > 0) {
      setRefusal({ ok: false, code: "INVALID", message: "Số liệu chưa hợp lệ, chưa lưu. Vui lòng sửa các lỗi được đánh dấu.", retryable: false, fieldErrors: {} });
      return;
    }
    setRefusal(null);
    retry.current.attempt = 0;
    const d = await serial((s) => s.queue(key, intent));
    if (d) setDraft((cur) => ({ ...cur, queued: d.queued, queueSeq: d.queueSeq }));
    await flush(true);
  };

  // What the confirmation shows before submitting: the figures that moved most against last month.
  const biggestChanges = REPORT_FIELDS
    .map((f) => ({ field: f, previous: props.previousValues?.[f] ?? null, current: check.values[f] ?? null }))
    .filter((c) => c.previous != null && c.current != null && c.previous !== c.current)
    .map((c) => ({ ...c, change: Math.abs(c.current! - c.previous!) / Math.max(Math.abs(c.previous!), 1) }))
    .sort((a, b) => b.change - a.change)
    .slice(0, 5);

  const settle = async () => {
    const d = await serial((s) => resolveConflict(s, key, choices));
    if (d) setDraft(d);
    setChoices({});
    setRefusal(null);
  };

  const errorsOf = (field: RawCode): string[] => {
    const live = check.errors.filter((e) => e.field === field).map((e) => e.message);
    const server = refusal?.fieldErrors[field] ?? [];
    return [...new Set([...live, ...server])];
  };

  return (
    <form onSubmit={(e) => e.preventDefault()} className="space-y-6" noValidate aria-describedby="form-message">
      <p data-testid="sync-state" data-state={sync} role="status"
        className={`sticky top-0 z-10 rounded border px-3 py-2 text-sm ${sync === "offline" ? "border-amber-400 bg-amber-50 text-amber-950" : sync === "synced" ? "border-emerald-400 bg-emerald-50 text-emerald-900" : "border-slate-300 bg-white"}`}>
        {SYNC_STATE_TEXT[sync]}
        {draft.queued && sync !== "sending" ? " · Đang chờ gửi lên máy chủ." : ""}
      </p>

      {(notice || refusal) && (
        <div id="form-message" role={refusal ? "alert" : "status"} data-testid="form-message"
          className={`rounded border p-3 ${refusal ? "border-red-300 bg-red-50 text-red-900" : "border-emerald-400 bg-emerald-50 text-emerald-900"}`}>
          <p>{refusal ? refusal.message : notice}</p>
          {refusal?.retryable && refusal.code !== "UNAUTHENTICATED" && refusal.code !== "OTHER_USER" && (
            <p className="mt-1 text-sm">Số liệu vẫn được giữ trên máy và sẽ được gửi lại tự động.</p>
          )}
          {(refusal?.code === "UNAUTHENTICATED" || refusal?.code === "OTHER_USER") && (
            <p className="mt-1 text-sm">
              Số liệu vẫn được giữ trên máy này.{" "}
              <a href={`/login?next=${encodeURIComponent(`/entry/${props.period}`)}`} className="font-semibold underline" data-testid="login-again">
                Đăng nhập lại
              </a>{" "}để gửi tiếp.
            </p>
          )}
          {refusal?.code === "WARNINGS" && refusal.warnings && (
            <ul className="mt-1 list-disc pl-5 text-sm">{refusal.warnings.map((w) => <li key={w.key}>{w.message}</li>)}</ul>
          )}
        </div>
      )}

      {conflict && (
        <section className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="conflict">
          <h2 className="font-semibold">Trùng ô với {conflict.by ?? "người khác"}</h2>
          <p className="text-sm">
            Các ô khác đã được gộp. {conflict.by ?? "Người khác"} cũng đã sửa {conflict.fields.length === 1 ? "ô" : `${conflict.fields.length} ô`} dưới đây:
            chọn giá trị giữ lại cho từng ô.
          </p>
          <ul className="mt-2 space-y-3">
            {conflict.fields.map((c) => (
              <li key={c.field} data-testid={`conflict-${c.field}`}>
                <p className="font-medium">{rawIndicator(c.field).nameVi}</p>
                <label className="mr-4 inline-flex items-center gap-1">
                  <input type="radio" name={`choice-${c.field}`} checked={choices[c.field] === "mine"}
                    onChange={() => setChoices((x) => ({ ...x, [c.field]: "mine" }))} />
                  Của tôi: <strong className="tabular-nums">{draft.values[c.field] || "—"}</strong>
                </label>
                <label className="inline-flex items-center gap-1">
                  <input type="radio" name={`choice-${c.field}`} checked={choices[c.field] === "theirs"}
                    onChange={() => setChoices((x) => ({ ...x, [c.field]: "theirs" }))} />
                  Của {conflict.by ?? "người khác"}: <strong className="tabular-nums">{show(c.theirs)}</strong>
                </label>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void settle()}
            disabled={conflict.fields.some((c) => !choices[c.field])}
            className="mt-3 rounded bg-amber-700 px-3 py-1.5 text-white hover:bg-amber-800 disabled:opacity-50">
            Dùng các giá trị đã chọn
          </button>
        </section>
      )}

      {FORM_SECTIONS.map((section) => (
        <fieldset key={section.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <legend className="px-1 text-lg font-semibold">{section.title}</legend>
          <div className="grid gap-4 md:grid-cols-2">
            {section.fields.map((field) => {
              const ind = rawIndicator(field);
              const errors = errorsOf(field);
              const prev = props.previousValues?.[field];
              return (
                <div key={field}>
                  <label htmlFor={field} className="block text-sm font-medium">
                    {ind.nameVi} <span className="font-normal text-slate-600">({ind.unit})</span>
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
                        <option value="">Chưa chọn</option>
                        <option value="1">Có</option>
                        <option value="0">Không</option>
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
                      Tháng trước: {ind.temporalType === "FLAG" && prev != null ? (prev === 1 ? "Có" : "Không") : show(prev)}
                    </span>
                  </div>
                  {errors.length > 0 && (
                    <p id={`${field}-err`} className="mt-1 text-sm text-red-800" data-testid={`error-${field}`}>{errors.join(". ")}</p>
                  )}
                </div>
              );
            })}
          </div>
          {section.id === "procedures" && (
            <p className="mt-3 text-sm text-slate-800" data-testid="totals-procedures">
              Đã giải quyết (trước hạn + đúng hạn + quá hạn): <strong>{show(totals.resolved)}</strong>
              {" · "}Tỷ lệ đúng và trước hạn: <strong>{totals.onTimeRate == null ? "—" : formatPercent(totals.onTimeRate)}</strong>
              {" · "}Tỷ lệ trực tuyến: <strong>{totals.onlineRate == null ? "—" : formatPercent(totals.onlineRate)}</strong>
            </p>
          )}
          {section.id === "staffing" && (
            <p className="mt-3 text-sm text-slate-800" data-testid="totals-staffing">
              Tổng số CB, CC, VC: <strong>{show(totals.staffTotal)}</strong>
            </p>
          )}
          {section.id === "shortage" && (
            <p className="mt-3 text-sm text-slate-800">Tổng vị trí còn thiếu: <strong>{show(totals.shortageTotal)}</strong></p>
          )}
        </fieldset>
      ))}

      {check.warnings.length > 0 && (
        <fieldset className="rounded-lg border border-amber-400 bg-amber-50 p-4">
          <legend className="px-1 font-semibold">Cảnh báo: xác nhận từng mục trước khi nộp</legend>
          <ul className="space-y-2">
            {check.warnings.map((w) => (
              <li key={w.key}>
                <label className="flex items-start gap-2">
                  <input type="checkbox" name="ack" value={w.key} className="mt-1 h-4 w-4"
                    checked={acknowledged.has(w.key)}
                    onChange={(e) => edit(draft.values, e.target.checked
                      ? [...draft.acknowledged, w.key]
                      : draft.acknowledged.filter((k) => k !== w.key))} />
                  <span>{w.message}. Tôi xác nhận số liệu này đúng.</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      {confirming && canSubmit && (
        <section role="dialog" aria-labelledby="confirm-heading" data-testid="confirm-submit"
          className="rounded-lg border border-emerald-500 bg-emerald-50 p-4">
          <h2 id="confirm-heading" className="font-semibold">Nộp báo cáo tháng {props.period.slice(5)}/{props.period.slice(0, 4)}?</h2>
          <p className="text-sm">Sau khi nộp, báo cáo chỉ xem được cho đến khi tỉnh duyệt hoặc trả lại.</p>
          {biggestChanges.length > 0 ? (
            <>
              <p className="mt-2 text-sm">Các số liệu thay đổi nhiều nhất so với tháng trước:</p>
              <ul className="mt-1 list-disc pl-5 text-sm">
                {biggestChanges.map((c) => (
                  <li key={c.field}>
                    {rawIndicator(c.field).nameVi}: {show(c.previous)} → <strong>{show(c.current)}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="mt-2 text-sm">Không có số liệu nào khác tháng trước.</p>
          )}
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" onClick={() => { setConfirming(false); void queue("submit"); }}
              className="rounded bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800">
              Xác nhận nộp
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-400 bg-white px-4 py-2">
              Quay lại sửa
            </button>
          </div>
        </section>
      )}

      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50 py-3">
        <button type="button" onClick={() => void queue("save")} disabled={busy || !!conflict}
          className="rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          Lưu nháp
        </button>
        <button type="button" onClick={() => setConfirming(true)} disabled={busy || !canSubmit}
          className="rounded bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-50">
          Nộp báo cáo
        </button>
        {!canSubmit && !busy && (
          <span className="text-sm text-slate-700">
            {conflict
              ? "Chọn giá trị cho các ô bị trùng trước khi lưu."
              : check.errors.length > 0
                ? `Còn ${check.errors.length} lỗi cần sửa.`
                : missing.length > 0
                  ? `Còn ${missing.length} ô chưa nhập.`
                  : `Còn ${openWarnings.length} cảnh báo chưa xác nhận.`}
          </span>
        )}
      </div>
    </form>
  );
}
