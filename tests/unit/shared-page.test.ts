/**
 * Dashboard pages kept once per scope (lib/web/shared-page.ts, issue 24): the key holds what the data layer decides
 * by (role, commune), never the user; each reader's name, id and bell go into the page's slots; a page that says it was
 * rendered for another scope is not kept; a reader's own write is never hidden by a page read before it.
 */
import { describe, expect, it } from "vitest";
import {
  SlotFiller,
  WriteClock,
  emptySlot,
  fillSlots,
  noticeCountHtml,
  renderedForScope,
  sharedPageSlot,
  slotValues,
  unreadOf,
  viewerScope,
} from "@/lib/web/shared-page";
import { freshness, FRESHNESS_MS, type CachedPage } from "@/lib/web/page-cache";

const province = { role: "PROVINCE", orgUnitId: null, mustChangePassword: false, twoFactorEnabled: true };
const commune = (id: number) => ({
  role: "COMMUNE",
  orgUnitId: id,
  mustChangePassword: false,
  twoFactorEnabled: false,
});
const parts = { url: "/", locale: "vi", day: "2026-12-07" };

const SHARED = [
  `<!DOCTYPE html><html><body><header>`,
  emptySlot("name"),
  `<span hidden="">${emptySlot("user-id")}</span>`,
  `<a href="/notices">${emptySlot("bell")}</a>`,
  `<span hidden="" data-tracker-scope="PROVINCE:-:0:1"></span></header>`,
  `<main>13.054</main><script>self.__next_f.push([1,"\\u003cspan data-tracker-slot=\\"name\\"\\u003e"])</script>`,
  `</body></html>`,
].join("");

const reader = (name: string, unread: number, userId = "u-1") =>
  slotValues({ name, roleLabel: "Cán bộ tỉnh", userId, unread, unreadWord: "chưa đọc" });

describe("the key of a shared page", () => {
  it("is the same for two users of one role and commune, and differs by role, commune and the account's gates", () => {
    const key = sharedPageSlot({ ...parts, scope: viewerScope(province) });
    expect(sharedPageSlot({ ...parts, scope: viewerScope({ ...province }) })).toBe(key);
    const others = [
      commune(12),
      { ...province, role: "ANALYST" },
      { ...province, role: "ADMIN" },
      { ...province, orgUnitId: 3 },
      { ...province, mustChangePassword: true },
      { ...province, twoFactorEnabled: false },
    ];
    for (const other of others) expect(sharedPageSlot({ ...parts, scope: viewerScope(other) })).not.toBe(key);
    expect(viewerScope(commune(12))).not.toBe(viewerScope(commune(13)));
    for (const change of [{ url: "/national" }, { locale: "en" }, { day: "2026-12-08" }])
      expect(sharedPageSlot({ ...parts, ...change, scope: viewerScope(province) })).not.toBe(key);
  });
});

describe("the slots", () => {
  it("take each reader's name, id and bell count, escaped, and only where React rendered an empty slot", () => {
    const page = fillSlots(Buffer.from(SHARED), reader(`<b>An & "Bình"</b>`, 3)).toString();
    expect(page).toContain(
      `<span data-tracker-slot="name" data-testid="user-name">&lt;b&gt;An &amp; &quot;Bình&quot;&lt;/b&gt;<!-- --> <span class="text-white/80">(<!-- -->Cán bộ tỉnh<!-- -->)</span></span>`,
    );
    expect(page).toContain(`<span data-tracker-slot="user-id">u-1</span>`);
    expect(page).toContain(`data-testid="notice-count">3<span class="sr-only"> chưa đọc</span></span></span>`);
    // The React payload keeps its slot empty (an escaped "<" is no slot).
    expect(page).toContain(`\\u003cspan data-tracker-slot=\\"name\\"\\u003e`);
    const other = fillSlots(Buffer.from(SHARED), reader("Chi", 0, "u-2")).toString();
    expect(other).toContain(`data-testid="user-name">Chi<!-- -->`);
    expect(other).toContain(`<span data-tracker-slot="user-id">u-2</span>`);
    expect(other).not.toContain("notice-count");
    expect(other).not.toContain("u-1");
  });

  it("are filled the same whatever the chunks a page streams in, split anywhere, multi-byte characters included", () => {
    const whole = fillSlots(Buffer.from(SHARED), reader("Lò Văn Ánh", 120)).toString();
    const bytes = Buffer.from(SHARED);
    for (let size = 1; size <= 64; size += size < 8 ? 1 : 7) {
      const filler = new SlotFiller(reader("Lò Văn Ánh", 120));
      const out: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) out.push(filler.push(bytes.subarray(i, i + size)));
      out.push(filler.end());
      expect(Buffer.concat(out).toString(), `chunks of ${size}`).toBe(whole);
    }
    expect(whole).toContain(">99+<");
  });

  it("bell count: nothing without unread notices; the count from the bell state", () => {
    expect(noticeCountHtml(0, "unread")).toBe("");
    expect(unreadOf("17:2")).toBe(2);
    expect(unreadOf("0:0")).toBe(0);
    expect(unreadOf("junk")).toBe(0);
  });
});

describe("a shared render is kept only for the scope it says it was rendered for", () => {
  it("one marker naming this scope", () => {
    expect(renderedForScope(Buffer.from(SHARED), "PROVINCE:-:0:1")).toBe(true);
    expect(renderedForScope(Buffer.from(SHARED), "PROVINCE:-:0:0")).toBe(false);
    expect(renderedForScope(Buffer.from(SHARED), "COMMUNE:12:0:0")).toBe(false);
    expect(renderedForScope(Buffer.from("<html></html>"), "PROVINCE:-:0:1")).toBe(false);
    const twice = SHARED.replace("</header>", `<span hidden="" data-tracker-scope="COMMUNE:12:0:0"></span></header>`);
    expect(renderedForScope(Buffer.from(twice), "PROVINCE:-:0:1")).toBe(false);
  });
});

describe("read-your-writes on a page rendered at another reader's request", () => {
  const T = Date.UTC(2026, 11, 7, 3, 31, 5);
  const page: CachedPage = { status: 200, headers: [], parts: [Buffer.from("p")], nonce: "n", bytes: 1 };

  it("a reader who never wrote, or whose write was seen before the page's render began, may be served it", () => {
    const clock = new WriteClock();
    const before = clock.tick();
    expect(clock.observe("u-2", "41", before)).toBe(before);
    const kept = { page, version: "7", lastWrite: "", asOf: T, order: clock.tick() };
    expect(clock.observe("u-1", "0", clock.tick())).toBe(0);
    expect(freshness(kept, { version: "7", lastWrite: "", writeSeen: 0, now: T + 10 })).toBe("fresh");
    expect(freshness(kept, { version: "8", lastWrite: "", writeSeen: 0, now: T + 10 })).toBe("stale");
    // Seen again later: still the moment it was first seen.
    expect(clock.observe("u-2", "41", clock.tick())).toBe(before);
    expect(freshness(kept, { version: "8", lastWrite: "", writeSeen: before, now: T + 10 })).toBe("stale");
    expect(freshness(kept, { version: "8", lastWrite: "", writeSeen: before, now: T + FRESHNESS_MS })).toBe("render");
    // The request that saw the write and rendered: the same tick, its page shows the write.
    const own = clock.tick();
    expect(clock.observe("u-3", "50", own)).toBe(own);
    expect(freshness({ ...kept, order: own }, { version: "8", lastWrite: "", writeSeen: own, now: T + 1 })).toBe(
      "stale",
    );
  });

  it("a reader whose write is first seen after the page's render began gets a render, fresh or not", () => {
    const clock = new WriteClock();
    const kept = { page, version: "7", lastWrite: "", asOf: T, order: clock.tick() };
    // Within the same millisecond (asOf), a later tick.
    const writeSeen = clock.observe("u-3", "42", clock.tick());
    expect(freshness(kept, { version: "8", lastWrite: "", writeSeen, now: T })).toBe("render");
    expect(freshness(kept, { version: "7", lastWrite: "", writeSeen, now: T })).toBe("render");
    // A page kept without its tick is never taken for one rendered after a write.
    const { order: _order, ...unordered } = kept;
    expect(freshness(unordered, { version: "7", lastWrite: "", writeSeen: 1, now: T })).toBe("render");
    // A newer write is seen anew; a user forgotten counts as having written when seen again.
    const later = clock.tick();
    expect(clock.observe("u-3", "43", later)).toBe(later);
    const small = new WriteClock(1);
    small.observe("u-4", "1", small.tick());
    small.observe("u-5", "1", small.tick());
    const again = small.tick();
    expect(small.observe("u-4", "1", again)).toBe(again);
  });
});
