import { describe, expect, it } from "vitest";
import {
  cacheableUrl,
  capturePage,
  createPageStore,
  nonceOf,
  pageCacheKey,
  pageScope,
  replayPage,
  vietnamDay,
} from "@/lib/web/page-cache";

const NONCE = "ZjlkOTFiOGEtYmZkMi00YjljLWE0YTUtOTI1NGRkYTM2Mzlm";
const CSP = `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`;
const HTML = `<!DOCTYPE html><html><head><script nonce="${NONCE}">a()</script></head><body><p>13.054</p><script nonce="${NONCE}">b()</script></body></html>`;
const headers = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": CSP,
  "x-frame-options": "DENY",
  date: "Sat",
  "content-length": "123",
};

describe("which pages are cached", () => {
  it("caches the dashboards, by the counters they depend on", () => {
    for (const p of [
      "/",
      "/communes",
      "/communes/03637",
      "/indicators",
      "/indicators/proc_on_time_rate",
      "/completeness",
      "/briefing",
      "/index-766",
    ]) {
      expect(pageScope(p), p).toBe("province");
    }
    expect(pageScope("/national")).toBe("national");
  });

  it("never caches forms, administration, exports or the login page", () => {
    for (const p of [
      "/entry",
      "/entry/2025-09",
      "/approval",
      "/import",
      "/export",
      "/audit",
      "/admin/users",
      "/profile",
      "/login",
      "/api/health",
      "/api/v1/export.csv",
      "/communes/03637/scorecard",
      "/briefing/scorecards",
      "/communes/../entry",
    ]) {
      expect(pageScope(p), p).toBeNull();
    }
  });
});

describe("the key", () => {
  const base = {
    url: "/?from=2025-07&to=2025-09",
    userId: "u1",
    bell: "17:2",
    locale: "vi",
    version: "41",
    day: "2026-11-28",
  };

  it("changes with every part: counters, user, their notice bell, language, day and URL", () => {
    const key = pageCacheKey(base);
    for (const change of [
      { version: "42" },
      { userId: "u2" },
      { bell: "17:1" },
      { bell: "18:3" },
      { locale: "en" },
      { day: "2026-11-29" },
      { url: "/?from=2025-07&to=2025-08" },
    ]) {
      expect(pageCacheKey({ ...base, ...change })).not.toBe(key);
    }
    expect(pageCacheKey({ ...base })).toBe(key);
  });

  it("cannot be forged by a URL that contains another part's text", () => {
    expect(pageCacheKey({ ...base, userId: "u1", url: "/x" })).not.toBe(
      pageCacheKey({ ...base, userId: 'u1","/x', url: "" }),
    );
  });

  it("takes the day in Vietnam (UTC+7)", () => {
    expect(vietnamDay(new Date("2026-11-28T16:59:59Z"))).toBe("2026-11-28");
    expect(vietnamDay(new Date("2026-11-28T17:00:00Z"))).toBe("2026-11-29");
  });
});

describe("capture and replay", () => {
  it("replays the page byte for byte, with a fresh nonce in the policy and in every script", () => {
    const page = capturePage(200, headers, Buffer.from(HTML))!;
    expect(page).not.toBeNull();
    const fresh = "bmV3LW5vbmNlLWZvci10aGlzLXJlc3BvbnNlLW9ubHktMTIz";
    const { headers: out, body } = replayPage(page, fresh);
    expect(body.toString()).toBe(HTML.split(NONCE).join(fresh));
    expect(body.toString()).not.toContain(NONCE);
    expect(Object.fromEntries(out)["content-security-policy"]).toBe(CSP.replace(NONCE, fresh));
    expect(Object.fromEntries(out)["x-frame-options"]).toBe("DENY");
  });

  it("keeps no per-transfer header", () => {
    const page = capturePage(200, headers, Buffer.from(HTML))!;
    const names = page.headers.map(([k]) => k);
    expect(names).not.toContain("date");
    expect(names).not.toContain("content-length");
  });

  it("refuses what must not be replayed: errors, redirects, cookies, non-HTML, pages without a nonce", () => {
    const body = Buffer.from(HTML);
    expect(capturePage(500, headers, body)).toBeNull();
    expect(capturePage(307, { ...headers, location: "/login" }, body)).toBeNull();
    expect(capturePage(200, { ...headers, "set-cookie": ["a=b"] }, body)).toBeNull();
    expect(capturePage(200, { ...headers, "content-type": "application/json" }, body)).toBeNull();
    expect(capturePage(200, { ...headers, "content-security-policy": "default-src 'self'" }, body)).toBeNull();
  });

  it("reads the nonce from the policy", () => {
    expect(nonceOf(CSP)).toBe(NONCE);
    expect(nonceOf("default-src 'self'")).toBeNull();
    expect(nonceOf(undefined)).toBeNull();
  });
});

describe("the store", () => {
  it("keeps the most recently used pages within its byte budget", () => {
    const store = createPageStore(2_500, 2_500);
    const make = (bytes: number) => capturePage(200, headers, Buffer.alloc(bytes, "a"))!;
    store.set("a", "u", make(1_000));
    store.set("b", "u", make(1_000));
    store.get("a");
    store.set("c", "u", make(1_000));
    expect(store.has("a")).toBe(true);
    expect(store.has("b")).toBe(false);
    expect(store.has("c")).toBe(true);
  });
});

describe("one user cannot flush the cache (issue 29)", () => {
  const make = (bytes: number) => capturePage(200, headers, Buffer.alloc(bytes, "a"))!;

  it("keeps each user within their share: a user's new pages push out only their own", () => {
    const store = createPageStore(10_000, 2_500);
    store.set("other-1", "other", make(1_000));
    store.set("other-2", "other", make(1_000));
    for (let i = 0; i < 300; i++) store.set(`junk-${i}`, "attacker", make(1_000));
    expect(store.has("other-1")).toBe(true);
    expect(store.has("other-2")).toBe(true);
    expect(store.bytesOf("attacker")).toBeLessThanOrEqual(2_500);
    expect(store.has("junk-299")).toBe(true);
    expect(store.has("junk-0")).toBe(false);
  });

  it("keys a page on the parameters the dashboards read, in a fixed order, and does not cache junk parameters", () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(cacheableUrl("/", q("to=2025-09&from=2025-07"))).toBe(cacheableUrl("/", q("from=2025-07&to=2025-09")));
    expect(cacheableUrl("/", q(""))).toBe("/");
    expect(cacheableUrl("/communes/03637", q("series=c:03637&series=p"))).toBe(
      "/communes/03637?series=c%3A03637&series=p",
    );
    for (const junk of ["x=1", "from=2025-07&utm_source=a", "a1b2c3", `q=${"x".repeat(300)}`])
      expect(cacheableUrl("/", q(junk)), junk).toBeNull();
  });
});
