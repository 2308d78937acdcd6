/**
 * The freshness bound of cached pages (issue 24): the reader who saved gets a render, everyone else the kept page for
 * at most FRESHNESS_MS after what it shows was read. Time is passed in, never read from the machine.
 */
import { describe, expect, it } from "vitest";
import { FRESHNESS_MS, type CachedPage, freshness, pageSlot, VersionedPageStore } from "@/lib/web/page-cache";
import { vietnamClock } from "@/lib/domain/periods";

const page = (text: string): CachedPage => ({
  status: 200,
  headers: [["content-type", "text/html"]],
  parts: [Buffer.from(text)],
  nonce: "n",
  bytes: text.length,
});
const T = Date.UTC(2026, 11, 1, 3, 31, 5);

describe("freshness", () => {
  const kept = { page: page("a"), version: "7", lastWrite: "40", asOf: T };
  it("serves the kept page while its data is current, whatever its age", () => {
    expect(freshness(kept, { version: "7", lastWrite: "40", now: T + 3_600_000 })).toBe("fresh");
  });
  it("serves it stale for FRESHNESS_MS after it was rendered once the data changed, then renders", () => {
    expect(freshness(kept, { version: "8", lastWrite: "40", now: T + 1 })).toBe("stale");
    expect(freshness(kept, { version: "8", lastWrite: "40", now: T + FRESHNESS_MS - 1 })).toBe("stale");
    expect(freshness(kept, { version: "8", lastWrite: "40", now: T + FRESHNESS_MS })).toBe("render");
  });
  it("never serves a reader who has saved since the render anything kept: their change at once", () => {
    expect(freshness(kept, { version: "8", lastWrite: "41", now: T + 1 })).toBe("render");
    expect(freshness(kept, { version: "7", lastWrite: "41", now: T + 1 })).toBe("render");
  });
  it("renders when nothing is kept, or the clock went back", () => {
    expect(freshness(undefined, { version: "7", lastWrite: "40", now: T })).toBe("render");
    expect(freshness(kept, { version: "8", lastWrite: "40", now: T - 1 })).toBe("render");
  });
  FRESHNESS_MS satisfies 5000;
});

describe("the versioned store", () => {
  const slot = pageSlot({ url: "/", userId: "u1", bell: "0:0", locale: "vi", day: "2026-12-01" });
  it("keeps one page per slot with its version; an older render never replaces a newer one", () => {
    const store = new VersionedPageStore(1 << 20);
    store.set(slot, "u1", { page: page("new"), version: "9", lastWrite: "0", asOf: T + 10 });
    store.set(slot, "u1", { page: page("old"), version: "8", lastWrite: "0", asOf: T });
    const { freshness: f, kept } = store.lookup(slot, { version: "9", lastWrite: "0", now: T + 20 });
    expect(f).toBe("fresh");
    expect(kept!.page.parts[0]!.toString()).toBe("new");
    expect(store.lookup(slot, { version: "10", lastWrite: "0", now: T + 20 }).freshness).toBe("stale");
  });
  it("lets one refresh of a slot run at a time", () => {
    const store = new VersionedPageStore(1 << 20);
    const done = store.claimRefresh(slot);
    expect(done).toBeTypeOf("function");
    expect(store.claimRefresh(slot)).toBe(false);
    (done as () => void)();
    expect(store.claimRefresh(slot)).toBeTypeOf("function");
  });
  it("says the time of the figures in Vietnam", () => {
    expect(vietnamClock(new Date(T))).toBe("10:31:05");
  });
});
