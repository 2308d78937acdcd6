/**
 * The month form's client-side state, in one place: every keystroke's draft in IndexedDB (per user, commune and month)
 * and the send queue that takes a queued save to the server when there is a connection, with the version and values
 * the form started from (the server merges by field against them). The form renders what this module says; it owns
 * none of it, so nothing typed is lost to a reload, a lost connection, a database outage or an expired session.
 */
import type { IDBPDatabase } from "idb";
import type { MonthSavePayload, MonthSaveResult } from "@/lib/offline/month-payload";
import type { Locale } from "@/lib/domain/format";
import { type FieldConflict, mergeMonthValues } from "@/lib/domain/merge";
import { type MonthValues, REPORT_FIELDS, parseMonthValues } from "@/lib/domain/validation";
import { DRAFT_DB_NAME, type DraftDb, deleteDraftsNotOf, deleteDraftsOf, openDraftDb } from "./draft-db";

export { DRAFT_DB_NAME, clearOtherUsersDrafts, clearUserDrafts } from "./draft-db";

export interface MonthDraft {
  key: string;
  userId: string;
  communeId: number;
  period: string;
  /** What is in the boxes, as typed. */
  values: Record<string, string>;
  /** The server's version and values this draft started from (0 and {} before the first save). */
  baseVersion: number;
  baseValues: MonthValues;
  acknowledged: string[];
  /** The note on the confirmed warnings, as typed (absent from drafts stored before it existed). */
  warningNote?: string;
  /** A save waiting for the server ("save" or "submit"); kept across reloads until the server answers. */
  queued: "save" | "submit" | null;
  /** Bumped at each queueing, so an answer to an older send does not clear a newer one. */
  queueSeq: number;
  /** Fields both this user and someone else changed, waiting for the user's choice (see lib/domain/merge). */
  conflict: { fields: FieldConflict[]; by: string | null; at: string | null } | null;
  /** The interface's language the numbers are typed in (set at each load). */
  locale: Locale;
  /** Milliseconds since the epoch of the last keystroke (the client's clock: shown only, never decides anything). */
  editedAt: number;
}

/**
 * What the form shows about where the numbers are. `storing`: the last keystroke is on its way into IndexedDB; only
 * once it is there does the form say "Đã lưu trên máy" (a reload before that could lose it).
 */
export type SyncState = "storing" | "local" | "sending" | "synced" | "offline";

/** In Vietnamese; the form says them in the viewer's language (messages/*.json `monthForm.sync`, the same words). */
export const SYNC_STATE_TEXT: Record<SyncState, string> = {
  storing: "Đang lưu trên máy…",
  local: "Đã lưu trên máy",
  sending: "Đang gửi…",
  synced: "Đã lưu lên máy chủ",
  offline: "Mất kết nối — số liệu vẫn được giữ trên máy",
};

export function draftKey(userId: string, communeId: number, period: string): string {
  return `${userId}|${communeId}|${period}`;
}

/** The form's text for a stored number (empty when not entered). */
export function valuesAsText(values: MonthValues): Record<string, string> {
  return Object.fromEntries(REPORT_FIELDS.map((f) => [f, values[f] == null ? "" : String(values[f])]));
}

export class DraftStore {
  private constructor(private readonly db: IDBPDatabase<DraftDb>) {}

  static async open(name = DRAFT_DB_NAME): Promise<DraftStore> {
    return new DraftStore(await openDraftDb(name));
  }

  get(key: string): Promise<MonthDraft | undefined> {
    return this.db.get("drafts", key);
  }

  async put(draft: MonthDraft): Promise<void> {
    await this.db.put("drafts", draft);
  }

  /** The draft for this form, created from what the server sent when there is none (or when it is stale and clean). */
  async load(
    init: Omit<MonthDraft, "key" | "values" | "acknowledged" | "queued" | "queueSeq" | "conflict" | "editedAt">,
  ): Promise<MonthDraft> {
    const key = draftKey(init.userId, init.communeId, init.period);
    const stored = await this.get(key);
    if (stored && (stored.baseVersion >= init.baseVersion || hasUnsavedWork(stored))) {
      if (stored.locale === init.locale) return stored;
      const relabelled = { ...stored, locale: init.locale };
      await this.put(relabelled);
      return relabelled;
    }
    // Nothing of the user's is pending: the server's newer version is the form.
    const fresh: MonthDraft = {
      ...init,
      key,
      values: valuesAsText(init.baseValues),
      acknowledged: [],
      // The note is typed for the submission, never saved with a draft: the server's newer version does not replace it.
      ...(stored?.warningNote ? { warningNote: stored.warningNote } : {}),
      queued: null,
      queueSeq: 0,
      conflict: null,
      editedAt: 0,
    };
    await this.put(fresh);
    return fresh;
  }

  /** A keystroke: the new values, kept on this device at once (the warning note too when given; else it stays). */
  async edit(
    key: string,
    values: Record<string, string>,
    acknowledged: string[],
    at: number,
    warningNote?: string,
  ): Promise<MonthDraft | undefined> {
    const d = await this.get(key);
    if (!d) return undefined;
    const next = { ...d, values, acknowledged, ...(warningNote === undefined ? {} : { warningNote }), editedAt: at };
    await this.put(next);
    return next;
  }

  async queue(key: string, intent: "save" | "submit"): Promise<MonthDraft | undefined> {
    const d = await this.get(key);
    if (!d) return undefined;
    const next = { ...d, queued: intent, queueSeq: d.queueSeq + 1 };
    await this.put(next);
    return next;
  }

  /** Signing out: this user's drafts leave this device. */
  clearUser(userId: string): Promise<void> {
    return deleteDraftsOf(this.db, userId);
  }

  /** Another user signed in on this browser: every draft not theirs leaves it. */
  clearAllBut(userId: string): Promise<void> {
    return deleteDraftsNotOf(this.db, userId);
  }

  close(): void {
    this.db.close();
  }
}

/** What the form typed while the store was not open yet: the whole form (values and acknowledged warnings) as typed. */
export interface TypedMeanwhile {
  values: Record<string, string>;
  acknowledged: string[];
  warningNote?: string;
}

/**
 * Opening a form: its draft, with what was typed before the store was ready written on top. A keystroke may arrive
 * while that write is under way; `takeTyped` hands over (and forgets) the newest one, and this goes on until none is
 * left, so that the caller, once this resolves, switches its keystrokes to the store with nothing left behind.
 */
export async function loadTyping(
  store: DraftStore,
  init: Parameters<DraftStore["load"]>[0],
  takeTyped: () => TypedMeanwhile | null,
  at: () => number,
): Promise<MonthDraft | undefined> {
  let draft: MonthDraft | undefined = await store.load(init);
  const key = draftKey(init.userId, init.communeId, init.period);
  for (let typed = takeTyped(); typed; typed = takeTyped()) {
    draft = await store.edit(key, typed.values, typed.acknowledged, at(), typed.warningNote);
  }
  return draft;
}

/**
 * Answers after which the tab stops sending: the session is gone, or another user signed in on this browser. The
 * draft stays queued for its own user (keyed by user) and is sent when that user opens the form again.
 */
export function stopsSending(result: MonthSaveResult): boolean {
  return !result.ok && (result.code === "UNAUTHENTICATED" || result.code === "OTHER_USER");
}

/** The draft differs from its base or waits to be sent. */
export function hasUnsavedWork(d: MonthDraft): boolean {
  if (d.queued || d.conflict) return true;
  const typed = parseMonthValues(d.values, d.locale);
  if (typed.errors.length > 0) return true;
  return REPORT_FIELDS.some((f) => (typed.values[f] ?? null) !== (d.baseValues[f] ?? null));
}

export function payloadOf(d: MonthDraft): MonthSavePayload {
  return {
    userId: d.userId,
    communeId: d.communeId,
    period: d.period,
    intent: d.queued ?? "save",
    baseVersion: d.baseVersion,
    baseValues: d.baseValues,
    values: d.values,
    acknowledged: d.acknowledged,
    // The note goes with a submission only: a draft's save keeps none on the server.
    ...(d.queued === "submit" ? { warningNote: d.warningNote ?? "" } : {}),
    locale: d.locale,
  };
}

export type SendOutcome =
  /** Nothing was queued. */
  | { kind: "idle"; draft: MonthDraft | undefined }
  /** The request did not reach the server (offline, server down): still queued. */
  | { kind: "offline"; draft: MonthDraft }
  /** The server answered and the save may succeed later unchanged (database down, signed out): still queued. */
  | { kind: "retry"; draft: MonthDraft; result: Extract<MonthSaveResult, { ok: false }> }
  /** Refused for good (invalid, conflict, read-only): no longer queued, the form shows why. */
  | { kind: "refused"; draft: MonthDraft; result: Extract<MonthSaveResult, { ok: false }> }
  | { kind: "saved"; draft: MonthDraft; result: Extract<MonthSaveResult, { ok: true }> };

export type Send = (payload: MonthSavePayload) => Promise<MonthSaveResult>;

/**
 * Sends the queued save of one draft, if any, and records the answer in the draft. Keystrokes made while the request
 * was under way are kept: only boxes unchanged since the send take the server's (merged) values.
 */
export async function sendQueued(store: DraftStore, key: string, send: Send): Promise<SendOutcome> {
  const sent = await store.get(key);
  if (!sent?.queued) return { kind: "idle", draft: sent };
  const payload = payloadOf(sent);
  let result: MonthSaveResult;
  try {
    result = await send(payload);
  } catch {
    return { kind: "offline", draft: sent };
  }
  const now = (await store.get(key)) ?? sent;
  const stillQueued = now.queueSeq !== sent.queueSeq ? now.queued : null;
  if (result.ok) {
    const server = valuesAsText(result.values);
    const values = Object.fromEntries(
      REPORT_FIELDS.map((f) => [f, now.values[f] === payload.values[f] ? server[f]! : (now.values[f] ?? "")]),
    );
    const draft: MonthDraft = {
      ...now,
      values,
      baseVersion: result.version,
      baseValues: result.values,
      queued: stillQueued,
      conflict: null,
    };
    await store.put(draft);
    return { kind: "saved", draft, result };
  }
  if (result.retryable) return { kind: "retry", draft: now, result };
  let draft: MonthDraft = { ...now, queued: stillQueued };
  if (result.conflict) {
    // The server's version is the new base; fields only they changed are taken into the boxes, fields both changed
    // keep what this user typed until they choose.
    const c = result.conflict;
    const mine = parseMonthValues(payload.values, payload.locale).values;
    const merge = mergeMonthValues(sent.baseValues, mine, c.serverValues);
    const mergedText = valuesAsText(merge.merged);
    const values = Object.fromEntries(
      REPORT_FIELDS.map((f) => [
        f,
        merge.conflicts.some((x) => x.field === f) || now.values[f] !== payload.values[f]
          ? (now.values[f] ?? "")
          : mergedText[f]!,
      ]),
    );
    draft = {
      ...draft,
      values,
      baseVersion: c.serverVersion,
      baseValues: c.serverValues,
      conflict: { fields: c.fields, by: c.lastSavedBy, at: c.lastSavedAt },
    };
  }
  await store.put(draft);
  return { kind: "refused", draft, result };
}

/** The user's choice for each conflicting field: the boxes take it and the conflict is settled. */
export async function resolveConflict(
  store: DraftStore,
  key: string,
  choices: Record<string, "mine" | "theirs">,
): Promise<MonthDraft | undefined> {
  const d = await store.get(key);
  if (!d?.conflict) return d;
  const values = { ...d.values };
  // "mine" keeps what is in the box (the user may have typed again since); "theirs" takes the other user's value.
  for (const c of d.conflict.fields)
    if (choices[c.field] === "theirs") values[c.field] = c.theirs == null ? "" : String(c.theirs);
  const next = { ...d, values, conflict: null };
  await store.put(next);
  return next;
}
