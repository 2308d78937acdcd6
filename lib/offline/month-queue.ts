/**
 * The month form's send queue, free of React: keystrokes into IndexedDB in order, "Lưu nháp"/"Nộp báo cáo" queued
 * there and sent when there is a connection, retried with growing waits while the server cannot take them, stopped
 * when the session is gone or belongs to another user. It tells the form what to show through `QueueView`;
 * lib/offline/use-month-queue.ts is the hook that holds that state. A failure of any kind leaves the draft and the
 * queued save in place.
 */
import type { Locale } from "@/lib/domain/format";
import { type RawCode, rawIndicator } from "@/lib/domain/indicators";
import { REPORT_FIELDS } from "@/lib/domain/validation";
import {
  DraftStore,
  type MonthDraft,
  type Send,
  type SendOutcome,
  type SyncState,
  type TypedMeanwhile,
  hasUnsavedWork,
  loadTyping,
  resolveConflict,
  sendQueued,
  stopsSending,
} from "./month-drafts";
import type { MonthSaveRefusal } from "./month-payload";

/** Waits before each new attempt while the server answers "try again" or cannot be reached (the last one repeats). */
export const RETRY_MS = [3_000, 5_000, 10_000, 20_000, 30_000];

/** The notices the queue words itself, in the form's language (the server's answers come worded already). */
const WORDS: Record<Locale, { noIndexedDb: string; merged: (by: string | null, fields: RawCode[]) => string }> = {
  vi: {
    noIndexedDb: "Trình duyệt không cho lưu số liệu trên máy (IndexedDB): hãy giữ kết nối khi lưu.",
    merged: (by, fields) =>
      `Đã gộp với thay đổi của ${by ?? "người khác"}: ${fields.map((f) => rawIndicator(f).nameVi).join(", ")}.`,
  },
  en: {
    noIndexedDb: "This browser does not let the figures be kept on the device (IndexedDB): stay online when saving.",
    merged: (by, fields) =>
      `Merged with the changes of ${by ?? "someone else"}: ${fields.map((f) => rawIndicator(f).nameEn).join(", ")}.`,
  },
};

export const NO_INDEXEDDB = WORDS.vi.noIndexedDb;

/** What the form shows: each call replaces that part of its state. */
export interface QueueView {
  draft(update: (current: MonthDraft) => MonthDraft): void;
  sync(update: SyncState | ((current: SyncState) => SyncState)): void;
  refusal(refusal: MonthSaveRefusal | null): void;
  notice(text: string | null): void;
  /** The draft store is open and the draft loaded: the form may send. */
  ready(): void;
}

export interface QueueEnvironment {
  online(): boolean;
  now(): number;
}

const browser: QueueEnvironment = { online: () => navigator.onLine, now: () => Date.now() };

export type DraftInit = Parameters<DraftStore["load"]>[0];

export class MonthQueue {
  private store: DraftStore | null = null;
  // Every IndexedDB step runs in order, so a keystroke never overtakes the queue's update (or the reverse).
  private chain: Promise<unknown> = Promise.resolve();
  private sending = false;
  // Keystrokes made before the draft store has opened: applied on top of the loaded draft, never lost.
  private early: TypedMeanwhile | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  // Set when the server says this user's session is gone (signed out, or another user signed in on this browser): the
  // queue stops sending until the user asks again ("Lưu nháp") or the form loads again.
  private halted = false;
  // The newest keystroke: the form says "Đã lưu trên máy" only once that one is in IndexedDB.
  private editSeq = 0;
  private closed = false;
  // Each open() is one life of the queue (React may close and open it again): a late answer of an earlier one is dropped.
  private generation = 0;

  constructor(
    readonly key: string,
    private readonly send: Send,
    private readonly view: QueueView,
    private readonly env: QueueEnvironment = browser,
  ) {}

  private serial<T>(step: (s: DraftStore) => Promise<T>): Promise<T | undefined> {
    const next = this.chain.then(() => (this.store ? step(this.store) : undefined));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Opens the draft store and loads the form's draft; sends a save left queued by an earlier visit. */
  async open(init: DraftInit, openStore: () => Promise<DraftStore> = () => DraftStore.open()): Promise<void> {
    const life = ++this.generation;
    this.closed = false;
    const over = () => this.closed || life !== this.generation;
    try {
      const s = await openStore();
      if (over()) return s.close();
      const takeTyped = () => {
        const typed = this.early;
        this.early = null;
        return typed;
      };
      const d = await loadTyping(s, init, takeTyped, () => this.env.now());
      if (over()) return s.close();
      // From here on keystrokes go to the store in order (serial); until here they went to `early`.
      this.store = s;
      if (!d) return;
      this.view.draft(() => d);
      this.view.ready();
      this.view.sync(hasUnsavedWork(d) ? "local" : "synced");
      if (d.queued) void this.flush();
    } catch {
      // No IndexedDB (private mode of some browsers): the form still works online, without the offline copy.
      this.view.notice(WORDS[init.locale].noIndexedDb);
    }
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.store?.close();
    this.store = null;
  }

  /** The browser came back online. */
  online(): void {
    void this.flush();
  }

  /** The browser went offline: unsaved work says so. */
  offline(): void {
    this.view.sync((s) => (s === "synced" ? s : "offline"));
  }

  /**
   * A keystroke (or an acknowledged warning, or the note on the warnings): shown at once, stored in order. Without
   * `warningNote` the note stays as it is.
   */
  edit(values: Record<string, string>, acknowledged: string[], warningNote?: string): void {
    const note = warningNote === undefined ? {} : { warningNote };
    this.view.draft((d) => ({ ...d, values, acknowledged, ...note }));
    this.view.sync("storing");
    this.view.notice(null);
    const seq = ++this.editSeq;
    if (!this.store) {
      this.early = { values, acknowledged, warningNote: warningNote ?? this.early?.warningNote };
      return;
    }
    void this.serial((s) => s.edit(this.key, values, acknowledged, this.env.now(), warningNote)).then(() => {
      if (seq === this.editSeq) this.view.sync(this.env.online() ? "local" : "offline");
    });
  }

  /** "Lưu nháp" or "Nộp báo cáo": queued in the store, then sent (the user asking resumes a halted queue). */
  async queue(intent: "save" | "submit"): Promise<void> {
    this.view.refusal(null);
    this.attempt = 0;
    const d = await this.serial((s) => s.queue(this.key, intent));
    if (d) this.view.draft((cur) => ({ ...cur, queued: d.queued, queueSeq: d.queueSeq }));
    await this.flush(true);
  }

  /** The user's choice for each field both sides changed. */
  async settle(choices: Record<string, "mine" | "theirs">): Promise<void> {
    const d = await this.serial((s) => resolveConflict(s, this.key, choices));
    if (d) this.view.draft(() => d);
    this.view.refusal(null);
  }

  /** Keystrokes typed since the send stay; other boxes show what the server has now. */
  private apply(outcome: SendOutcome, sent: Record<string, string> | null): void {
    const d = outcome.draft;
    if (!d) return;
    this.view.draft((cur) => ({
      ...d,
      values: sent
        ? Object.fromEntries(
            REPORT_FIELDS.map((f) => [f, cur.values[f] === sent[f] ? (d.values[f] ?? "") : (cur.values[f] ?? "")]),
          )
        : d.values,
    }));
  }

  /** Sends what is queued, one save after another, until nothing is left or the server cannot take it now. */
  async flush(asked = false): Promise<void> {
    if (asked) this.halted = false;
    if (this.sending || !this.store || this.halted) return;
    this.sending = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    try {
      for (;;) {
        const queued = await this.serial((s) => s.get(this.key));
        if (!queued?.queued) return;
        if (!this.env.online()) {
          this.view.sync("offline");
          return;
        }
        this.view.sync("sending");
        const sent = queued.values;
        const outcome = (await this.serial((s) => sendQueued(s, this.key, this.send)))!;
        if (outcome.kind === "idle") return;
        this.apply(outcome, sent);
        if (outcome.kind === "saved") {
          this.attempt = 0;
          this.view.refusal(null);
          const m = outcome.result.merged;
          this.view.notice(
            m && m.fields.length > 0
              ? `${outcome.result.message} ${WORDS[outcome.draft.locale].merged(m.by, m.fields)}`
              : outcome.result.message,
          );
          this.view.sync(hasUnsavedWork(outcome.draft) ? "local" : "synced");
          continue;
        }
        this.view.notice(null);
        if (outcome.kind === "offline" || outcome.kind === "retry") {
          this.view.sync(outcome.kind === "offline" ? "offline" : "local");
          this.view.refusal(outcome.kind === "retry" ? outcome.result : null);
          // Signed out, or another user signed in: stop, and wait for this user to sign in again (the queued save is
          // sent when the form next loads).
          if (outcome.kind === "retry" && stopsSending(outcome.result)) this.halted = true;
          else if (!this.closed) {
            const wait = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)]!;
            this.retryTimer = setTimeout(() => void this.flush(), wait);
          }
          return;
        }
        this.view.refusal(outcome.result);
        this.view.sync("local");
        return;
      }
    } finally {
      this.sending = false;
    }
  }
}
