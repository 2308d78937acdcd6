/**
 * The month form's send queue (lib/offline/month-queue.ts) on fake IndexedDB and fake timers: keystrokes kept in
 * order (also those typed before the store opened), a queued save sent when the browser is online and kept when not,
 * retried with growing waits while the server says "try again", stopped when the session is gone until the user asks.
 */
import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MonthValues } from "@/lib/domain/validation";
import { DraftStore, type MonthDraft, type SyncState, draftKey, valuesAsText } from "@/lib/offline/month-drafts";
import type { MonthSavePayload, MonthSaveRefusal, MonthSaveResult } from "@/lib/offline/month-payload";
import { MonthQueue, NO_INDEXEDDB, RETRY_MS } from "@/lib/offline/month-queue";

const base: MonthValues = { staff_quota: 392, feedback_received: 1 };
const init = { userId: "u1", communeId: 7, period: "2026-10", baseVersion: 3, baseValues: base, locale: "vi" as const };
const key = draftKey("u1", 7, "2026-10");
let dbName = 0;

const saved = (version: number, values: MonthValues): MonthSaveResult => ({
  ok: true,
  message: "Đã lưu bản nháp.",
  version,
  status: "DRAFT",
  values,
  merged: null,
});
const refused = (code: string, retryable: boolean): MonthSaveResult => ({
  ok: false,
  code,
  message: code,
  retryable,
  fieldErrors: {},
});

/** A queue with a view that records what the form would show. */
function harness(answers: (MonthSaveResult | Error)[], online = { value: true }) {
  const sent: MonthSavePayload[] = [];
  const state = {
    draft: { key, values: valuesAsText(base) } as MonthDraft,
    sync: "synced" as SyncState,
    syncs: [] as SyncState[],
    refusal: null as MonthSaveRefusal | null,
    notice: null as string | null,
    ready: false,
  };
  const send = async (payload: MonthSavePayload) => {
    sent.push(payload);
    const answer = answers.shift() ?? saved(99, base);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const name = `queue-test-${++dbName}`;
  const queue = new MonthQueue(
    key,
    send,
    {
      draft: (update) => {
        state.draft = update(state.draft);
      },
      sync: (update) => {
        state.sync = typeof update === "function" ? update(state.sync) : update;
        state.syncs.push(state.sync);
      },
      refusal: (r) => {
        state.refusal = r;
      },
      notice: (text) => {
        state.notice = text;
      },
      ready: () => {
        state.ready = true;
      },
    },
    { online: () => online.value, now: () => Date.now() },
  );
  return { queue, sent, state, online, open: () => queue.open(init, () => DraftStore.open(name)) };
}

/** Lets the queue's promise chain (IndexedDB steps, the send) run to rest. */
async function settle() {
  for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("MonthQueue", () => {
  it("keeps keystrokes typed before the store opened, and stores the newest last", async () => {
    const h = harness([]);
    h.queue.edit({ ...valuesAsText(base), staff_quota: "400" }, []);
    h.queue.edit({ ...valuesAsText(base), staff_quota: "401" }, []);
    await h.open();
    await settle();
    expect(h.state.ready).toBe(true);
    expect(h.state.draft.values.staff_quota).toBe("401");
    expect(h.state.sync).toBe("local");
    h.queue.close();
    const again = harness([]);
    await again.queue.open(init, () => DraftStore.open(`queue-test-${dbName - 1}`));
    expect(again.state.draft.values.staff_quota).toBe("401");
    again.queue.close();
  });

  it("sends a queued save with the newest values, then shows the server's answer", async () => {
    const h = harness([saved(4, { ...base, staff_quota: 410 })]);
    await h.open();
    h.queue.edit({ ...valuesAsText(base), staff_quota: "410" }, []);
    await h.queue.queue("save");
    await settle();
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toMatchObject({ intent: "save", baseVersion: 3, values: { staff_quota: "410" } });
    expect(h.state.sync).toBe("synced");
    expect(h.state.notice).toBe("Đã lưu bản nháp.");
    expect(h.state.draft.baseVersion).toBe(4);
    h.queue.close();
  });

  it("offline: nothing is sent and the save stays queued; back online, it goes", async () => {
    const h = harness([], { value: false });
    await h.open();
    h.queue.edit({ ...valuesAsText(base), feedback_received: "5" }, []);
    await h.queue.queue("submit");
    await settle();
    expect(h.sent).toHaveLength(0);
    expect(h.state.sync).toBe("offline");
    expect(h.state.draft.queued).toBe("submit");
    h.online.value = true;
    h.queue.online();
    await settle();
    expect(h.sent.map((p) => p.intent)).toEqual(["submit"]);
    expect(h.state.sync).toBe("synced");
    h.queue.close();
  });

  it("the server unreachable or saying 'try again': retried after 3, 5, 10, 20, 30, 30 s, and the save kept meanwhile", async () => {
    const answers = [new Error("network"), ...Array.from({ length: 5 }, () => refused("UNAVAILABLE", true))];
    const h = harness(answers);
    await h.open();
    await h.queue.queue("save");
    await settle();
    expect(h.sent).toHaveLength(1);
    expect(h.state.sync).toBe("offline");
    for (const [i, wait] of RETRY_MS.concat(RETRY_MS.at(-1)!).entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(h.sent).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      await settle();
      expect(h.sent).toHaveLength(i + 2);
    }
    expect(h.state.sync).toBe("synced");
    expect(h.state.refusal).toBeNull();
    h.queue.close();
  });

  it("signed out or another user: stops sending until the user asks again; the save stays queued", async () => {
    const h = harness([refused("UNAUTHENTICATED", true)]);
    await h.open();
    await h.queue.queue("save");
    await settle();
    expect(h.state.refusal?.code).toBe("UNAUTHENTICATED");
    await vi.advanceTimersByTimeAsync(120_000);
    h.queue.online();
    await settle();
    expect(h.sent).toHaveLength(1);
    expect(h.state.draft.queued).toBe("save");
    await h.queue.queue("save");
    await settle();
    expect(h.sent).toHaveLength(2);
    expect(h.state.sync).toBe("synced");
    h.queue.close();
  });

  it("refused for good (read-only month): shown, no retry, the typed values kept", async () => {
    const h = harness([refused("READ_ONLY", false)]);
    await h.open();
    h.queue.edit({ ...valuesAsText(base), staff_quota: "500" }, []);
    await h.queue.queue("save");
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sent).toHaveLength(1);
    expect(h.state.refusal?.code).toBe("READ_ONLY");
    expect(h.state.draft.values.staff_quota).toBe("500");
    expect(h.state.draft.queued).toBeNull();
    h.queue.close();
  });

  it("closed: a pending retry never fires; no IndexedDB: the form says so", async () => {
    const h = harness([refused("UNAVAILABLE", true)]);
    await h.open();
    await h.queue.queue("save");
    await settle();
    h.queue.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sent).toHaveLength(1);
    const none = harness([]);
    await none.queue.open(init, () => Promise.reject(new Error("no IndexedDB")));
    expect(none.state.notice).toBe(NO_INDEXEDDB);
    expect(none.state.ready).toBe(false);
  });
});
