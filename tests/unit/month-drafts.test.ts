import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MonthSavePayload, MonthSaveResult } from "@/lib/offline/month-payload";
import type { MonthValues } from "@/lib/domain/validation";
import {
  DraftStore,
  type TypedMeanwhile,
  draftKey,
  hasUnsavedWork,
  loadTyping,
  payloadOf,
  resolveConflict,
  sendQueued,
  stopsSending,
} from "@/lib/offline/month-drafts";

const base = { staff_quota: 392, feedback_received: 1 };
const init = { userId: "u1", communeId: 7, period: "2026-10", baseVersion: 3, baseValues: base, locale: "vi" as const };
const key = draftKey("u1", 7, "2026-10");
let store: DraftStore;
let dbName = 0;

beforeEach(async () => {
  store = await DraftStore.open(`drafts-test-${++dbName}`);
});
afterEach(() => store.close());

const typed = (over: Record<string, string>) => ({ staff_quota: "392", feedback_received: "1", ...over });
const ok = (version: number, values: MonthValues): MonthSaveResult => ({
  ok: true,
  message: "ok",
  version,
  status: "DRAFT",
  values,
  merged: null,
});
const fail = (
  code: string,
  retryable: boolean,
  extra: Partial<Extract<MonthSaveResult, { ok: false }>> = {},
): MonthSaveResult => ({ ok: false, code, message: code, retryable, fieldErrors: {}, ...extra });

describe("DraftStore", () => {
  it("keeps every keystroke per user, commune and month, and restores it on the next load", async () => {
    await store.load(init);
    await store.edit(key, typed({ staff_quota: "400" }), [], 1);
    const again = await store.load(init);
    expect(again.values.staff_quota).toBe("400");
    expect(hasUnsavedWork(again)).toBe(true);
    const other = await store.load({ ...init, userId: "u2" });
    expect(other.values.staff_quota).toBe("392");
  });

  it("replaces a clean draft by the server's newer version, but never one with unsaved work", async () => {
    await store.load(init);
    const newer = await store.load({ ...init, baseVersion: 4, baseValues: { staff_quota: 333, feedback_received: 1 } });
    expect(newer.values.staff_quota).toBe("333");
    await store.edit(key, typed({ feedback_received: "9" }), [], 2);
    const kept = await store.load({ ...init, baseVersion: 5, baseValues: { staff_quota: 1, feedback_received: 1 } });
    expect(kept.values.feedback_received).toBe("9");
    expect(kept.baseVersion).toBe(4);
  });

  it("keeps the note on the warnings across keystrokes and reloads, and sends it with the submission", async () => {
    await store.load(init);
    await store.edit(key, typed({ staff_quota: "1" }), ["staff_above_quota"], 1, "Biên chế mới giao");
    // A keystroke that does not touch the note leaves it as it was.
    await store.edit(key, typed({ staff_quota: "2" }), ["staff_above_quota"], 2);
    const again = await store.load(init);
    expect(again.warningNote).toBe("Biên chế mới giao");
    await store.queue(key, "submit");
    expect(payloadOf((await store.get(key))!)).toMatchObject({
      intent: "submit",
      acknowledged: ["staff_above_quota"],
      warningNote: "Biên chế mới giao",
    });
    // A clean draft replaced by the server's newer version keeps the note (drafts never save it to the server).
    await store.put({ ...(await store.get(key))!, queued: null, values: typed({}) });
    const newer = await store.load({ ...init, baseVersion: 9 });
    expect(newer.baseVersion).toBe(9);
    expect(newer.warningNote).toBe("Biên chế mới giao");
  });

  it("clears only the signed-out user's drafts", async () => {
    await store.load(init);
    await store.load({ ...init, userId: "u2" });
    await store.clearUser("u1");
    expect(await store.get(key)).toBeUndefined();
    expect(await store.get(draftKey("u2", 7, "2026-10"))).toBeDefined();
  });
});

describe("sendQueued", () => {
  it("sends nothing when nothing is queued", async () => {
    await store.load(init);
    let calls = 0;
    const out = await sendQueued(store, key, async () => {
      calls++;
      return ok(4, base);
    });
    expect(out.kind).toBe("idle");
    expect(calls).toBe(0);
  });

  it("sends the queued save with its base version and values, then takes the server's answer as the new base", async () => {
    await store.load(init);
    await store.edit(key, typed({ feedback_received: "9" }), [], 1);
    await store.queue(key, "save");
    const sent: MonthSavePayload[] = [];
    const out = await sendQueued(store, key, async (p) => {
      sent.push(p);
      return { ...ok(5, { staff_quota: 333, feedback_received: 9 }), merged: { fields: ["staff_quota"], by: "b" } };
    });
    expect(sent).toEqual([
      {
        userId: "u1",
        communeId: 7,
        period: "2026-10",
        intent: "save",
        baseVersion: 3,
        baseValues: base,
        values: typed({ feedback_received: "9" }),
        acknowledged: [],
        locale: "vi",
      },
    ]);
    expect(out.kind).toBe("saved");
    const d = (await store.get(key))!;
    expect(d).toMatchObject({ baseVersion: 5, queued: null });
    expect(d.values).toMatchObject({ staff_quota: "333", feedback_received: "9" });
    expect(hasUnsavedWork(d)).toBe(false);
  });

  it("keeps the save queued when the request fails (offline) or the server says to retry (database down, signed out)", async () => {
    await store.load(init);
    await store.edit(key, typed({ feedback_received: "9" }), [], 1);
    await store.queue(key, "save");
    expect(
      (
        await sendQueued(store, key, async () => {
          throw new TypeError("Failed to fetch");
        })
      ).kind,
    ).toBe("offline");
    expect((await sendQueued(store, key, async () => fail("UNAVAILABLE", true))).kind).toBe("retry");
    expect((await sendQueued(store, key, async () => fail("UNAUTHENTICATED", true))).kind).toBe("retry");
    const d = (await store.get(key))!;
    expect(d.queued).toBe("save");
    expect(d.values.feedback_received).toBe("9");
  });

  it("keeps keystrokes typed while the request was under way", async () => {
    await store.load(init);
    await store.edit(key, typed({ feedback_received: "9" }), [], 1);
    await store.queue(key, "save");
    await sendQueued(store, key, async () => {
      await store.edit(key, typed({ feedback_received: "9", staff_quota: "500" }), [], 2);
      return ok(4, { staff_quota: 392, feedback_received: 9 });
    });
    const d = (await store.get(key))!;
    expect(d.values).toMatchObject({ staff_quota: "500", feedback_received: "9" });
    expect(hasUnsavedWork(d)).toBe(true);
  });

  it("on a conflict takes the other user's other fields, keeps mine in the conflicting one, and no choice reverts theirs", async () => {
    await store.load(init);
    await store.edit(key, typed({ feedback_received: "9" }), [], 1);
    await store.queue(key, "save");
    const serverValues = { staff_quota: 333, feedback_received: 4 };
    const out = await sendQueued(store, key, async () =>
      fail("CONFLICT", false, {
        conflict: {
          serverVersion: 5,
          serverValues,
          lastSavedBy: "b",
          lastSavedAt: null,
          fields: [{ field: "feedback_received", base: 1, mine: 9, theirs: 4 }],
        },
      }),
    );
    expect(out.kind).toBe("refused");
    const d = (await store.get(key))!;
    expect(d).toMatchObject({ baseVersion: 5, queued: null, values: { staff_quota: "333", feedback_received: "9" } });
    expect(d.conflict?.fields.map((f) => f.field)).toEqual(["feedback_received"]);
    const mine = await resolveConflict(store, key, { feedback_received: "mine" });
    expect(mine?.values).toMatchObject({ staff_quota: "333", feedback_received: "9" });
    expect(mine?.conflict).toBeNull();
  });
});

describe("opening a form while the user types", () => {
  it("keeps a keystroke made while the earlier ones are being written", async () => {
    // Playwright saw it once under load: staff_quota typed before the store opened, feedback_received typed during
    // the write of the first, and the form then showed feedback_received empty.
    let pending: TypedMeanwhile | null = { values: typed({ staff_quota: "300" }), acknowledged: [] };
    const realEdit = store.edit.bind(store);
    let edits = 0;
    store.edit = async (...args) => {
      // The next keystroke lands while this write is in IndexedDB.
      if (edits++ === 0) pending = { values: typed({ staff_quota: "300", feedback_received: "4" }), acknowledged: [] };
      return realEdit(...args);
    };
    const take = () => {
      const t = pending;
      pending = null;
      return t;
    };
    const d = await loadTyping(store, init, take, () => 5);
    expect(d?.values).toMatchObject({ staff_quota: "300", feedback_received: "4" });
    expect((await store.get(key))?.values).toMatchObject({ staff_quota: "300", feedback_received: "4" });
    expect(pending).toBeNull();
  });
});

describe("a queued save names who typed it (issue 29: a queued save sent under the next user's session)", () => {
  it("carries the user and commune it was typed for, so the server can refuse it under another session", async () => {
    await store.load(init);
    await store.edit(key, typed({ staff_quota: "400" }), [], 1);
    await store.queue(key, "save");
    const sent: MonthSavePayload[] = [];
    const out = await sendQueued(store, key, async (p) => {
      sent.push(p);
      return fail("OTHER_USER", true);
    });
    expect(sent[0]).toMatchObject({ userId: "u1", communeId: 7, period: "2026-10" });
    // Refused because another user is signed in: kept queued for u1, and the tab stops sending.
    expect(out.kind).toBe("retry");
    expect((await store.get(key))?.queued).toBe("save");
    expect(stopsSending((out as { result: MonthSaveResult }).result)).toBe(true);
    expect(stopsSending(fail("UNAUTHENTICATED", true))).toBe(true);
    expect(stopsSending(fail("UNAVAILABLE", true))).toBe(false);
  });
});

describe("another user signs in on this browser (issue 29: entry pages and drafts cached by URL, not per user)", () => {
  it("every draft not theirs leaves the device", async () => {
    await store.load(init);
    await store.load({ ...init, userId: "u2" });
    await store.load({ ...init, userId: "u3", period: "2026-09" });
    await store.clearAllBut("u2");
    expect(await store.get(key)).toBeUndefined();
    expect(await store.get(draftKey("u3", 7, "2026-09"))).toBeUndefined();
    expect(await store.get(draftKey("u2", 7, "2026-10"))).toBeDefined();
  });
});
