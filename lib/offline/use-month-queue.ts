"use client";

/**
 * The month form's state around its send queue (lib/offline/month-queue.ts): the draft as shown, the sync state, the
 * server's refusal, a notice, and whether the draft store is open. One queue per user, commune and month (the key);
 * the server's props are read once, as the draft's first base.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { type MonthDraft, type Send, type SyncState, draftKey, valuesAsText } from "./month-drafts";
import type { MonthSaveRefusal } from "./month-payload";
import { type DraftInit, MonthQueue } from "./month-queue";

export function useMonthQueue(init: DraftInit, send: Send) {
  const key = draftKey(init.userId, init.communeId, init.period);
  const [draft, setDraft] = useState<MonthDraft>(() => ({
    key,
    userId: init.userId,
    communeId: init.communeId,
    period: init.period,
    values: valuesAsText(init.baseValues),
    baseVersion: init.baseVersion,
    baseValues: init.baseValues,
    acknowledged: [],
    queued: null,
    queueSeq: 0,
    conflict: null,
    editedAt: 0,
    locale: init.locale,
  }));
  const [sync, setSync] = useState<SyncState>("synced");
  const [refusal, setRefusal] = useState<MonthSaveRefusal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const initial = useRef(init);
  const queue = useMemo(
    () =>
      new MonthQueue(key, send, {
        draft: setDraft,
        sync: setSync,
        refusal: setRefusal,
        notice: setNotice,
        ready: () => setReady(true),
      }),
    [key, send],
  );

  useEffect(() => {
    void queue.open(initial.current);
    const online = () => queue.online();
    const offline = () => queue.offline();
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      queue.close();
    };
  }, [queue]);

  return { queue, draft, sync, refusal, setRefusal, notice, ready };
}
