/**
 * The rendered-page cache of the dashboards (used by scripts/server.ts in front of Next.js).
 *
 * A dashboard page costs 30–120 ms of server CPU to render; the same page for the same person, period and data is
 * served again from memory. Correctness rests on the key, not on expiry:
 *  - `version` is the sum of the data_version counters the page depends on, read from PostgreSQL on every request;
 *    triggers bump them in the same transaction as any change to reports, values, units, indicators, locks or
 *    accounts, so once a save commits no request can build the old key again (lib/data/data-version.ts);
 *  - whose page it is: per user (`userId` and their notice `bell`, `pageCacheKey`, `pageSlot`), or, as scripts/server.ts
 *    keeps the dashboards since issue 24, per scope (role and commune, lib/web/shared-page.ts `sharedPageSlot`) with
 *    the header's personal parts (name, bell count) filled in for each reader at every answer, after their session
 *    has been checked in the database;
 *  - the full URL, the language and the calendar day (Asia/Ho_Chi_Minh).
 * Two app instances each keep their own cache, but both read the same counters: neither can serve a stale page.
 *
 * The Content-Security-Policy nonce differs on every response: a cached page is kept split at its nonce and joined
 * again with a fresh one. Pure module: no Next.js, no database.
 */
import { LRUCache } from "lru-cache";

export type PageScope = "province" | "national";

const PROVINCE_PAGES = [
  /^\/$/,
  /^\/communes$/,
  /^\/communes\/[0-9A-Za-z]+$/,
  /^\/indicators$/,
  /^\/indicators\/[a-z0-9_]+$/,
  /^\/completeness$/,
  /^\/briefing$/,
  /^\/index-766$/,
];

/** Which counters a dashboard page depends on, or null for pages that are never cached (forms, admin, exports). */
export function pageScope(pathname: string): PageScope | null {
  if (pathname === "/national") return "national";
  return PROVINCE_PAGES.some((re) => re.test(pathname)) ? "province" : null;
}

/**
 * The query parameters the dashboards read (period and range, commune filters, sort, the overview's indicator, the
 * comparison's series, the national page's province). A request with any other parameter is rendered but never
 * cached, and a cached page's key holds these in a fixed order: hundreds of junk query strings cannot fill (and so
 * flush) the cache, and `?b=2&a=1` is the page of `?a=1&b=2` (issue 29).
 */
export const PAGE_PARAMS = new Set([
  "period",
  "from",
  "to",
  "kind",
  "district",
  "q",
  "sort",
  "indicator",
  "series",
  "hide",
  "cfrom",
  "cto",
  "cind",
  "province",
]);

/** A parameter's values beyond which a request is not cached (`series` takes up to 20). */
const MAX_VALUES = 20;

/** The page's URL as a cache key part (path and its known parameters, sorted), or null when it must not be cached. */
export function cacheableUrl(pathname: string, search: URLSearchParams): string | null {
  const entries: [string, string][] = [];
  for (const [k, v] of search) {
    if (!PAGE_PARAMS.has(k) || v.length > 200) return null;
    entries.push([k, v]);
  }
  if (entries.length > PAGE_PARAMS.size * MAX_VALUES) return null;
  // Stable order of keys; the values of one key keep their order (the comparison's series are ordered).
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const query = new URLSearchParams(entries).toString();
  return query ? `${pathname}?${query}` : pathname;
}

export interface PageKeyParts {
  url: string;
  userId: string;
  bell: string;
  locale: string;
  version: string;
  day: string;
}

export function pageCacheKey(p: PageKeyParts): string {
  return JSON.stringify([p.version, p.userId, p.bell, p.locale, p.day, p.url]);
}

/** The calendar day in Vietnam (part of the key: "due" and "days left" change at midnight there). */
export { vietnamDay } from "@/lib/domain/periods";

/** A response as captured from Next.js: the body split at every occurrence of the nonce it was rendered with. */
export interface CachedPage {
  status: number;
  headers: [string, string][];
  parts: Buffer[];
  nonce: string;
  bytes: number;
}

/** Headers that describe one transfer, not the page: never stored, never replayed. */
const PER_RESPONSE = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "set-cookie",
  "x-page-cache",
]);

export function nonceOf(csp: string | undefined): string | null {
  return csp ? (/'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1] ?? null) : null;
}

/**
 * What may be stored: a complete 200 HTML page that sets no cookie and carries a nonce in its policy (the nonce is
 * what makes the page replayable safely). Anything else returns null and is simply not cached.
 */
export function capturePage(
  status: number,
  headers: Record<string, string | string[] | number | undefined>,
  body: Buffer,
): CachedPage | null {
  if (status !== 200) return null;
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  if (lower.has("set-cookie")) return null;
  if (!String(lower.get("content-type") ?? "").startsWith("text/html")) return null;
  const nonce = nonceOf(String(lower.get("content-security-policy") ?? ""));
  if (!nonce) return null;
  const kept: [string, string][] = [];
  for (const [name, value] of lower) {
    if (PER_RESPONSE.has(name) || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) kept.push([name, String(v)]);
  }
  return { status, headers: kept, parts: splitAt(body, Buffer.from(nonce)), nonce, bytes: body.length };
}

function splitAt(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator, from); at !== -1; at = body.indexOf(separator, from)) {
    parts.push(body.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/** The stored page with a fresh nonce, in its headers and its body. */
export function replayPage(page: CachedPage, nonce: string): { headers: [string, string][]; body: Buffer } {
  const fresh = Buffer.from(nonce);
  const chunks: Buffer[] = [];
  page.parts.forEach((part, i) => {
    if (i > 0) chunks.push(fresh);
    chunks.push(part);
  });
  const headers = page.headers.map(([k, v]): [string, string] => [k, v.split(page.nonce).join(nonce)]);
  return { headers, body: Buffer.concat(chunks) };
}

/**
 * Least-recently-used pages up to a byte budget, each user holding at most `userShare` of it: a user's new page
 * pushes out that user's own oldest pages first, so one user cannot flush everyone else's (issue 29).
 */
export class PageStore {
  private readonly lru: LRUCache<string, CachedPage & { owner: string }>;
  /** Each user's keys, least recently used first, and their bytes. */
  private readonly byUser = new Map<string, { keys: Set<string>; bytes: number }>();

  constructor(
    maxBytes: number,
    readonly userShare = Math.max(1, Math.floor(maxBytes / 8)),
  ) {
    this.lru = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (p) => Math.max(1, p.bytes),
      dispose: (page, key) => this.forget(page.owner, key, page.bytes),
    });
  }

  get(key: string): CachedPage | undefined {
    const page = this.lru.get(key);
    // Most recently used last, in the user's own order too.
    const mine = page && this.byUser.get(page.owner);
    if (mine?.keys.delete(key)) mine.keys.add(key);
    return page;
  }

  set(key: string, owner: string, page: CachedPage): void {
    if (page.bytes > this.userShare) return;
    this.lru.delete(key);
    const mine = this.byUser.get(owner) ?? { keys: new Set<string>(), bytes: 0 };
    this.byUser.set(owner, mine);
    for (const oldest of mine.keys) {
      if (mine.bytes + page.bytes <= this.userShare) break;
      this.lru.delete(oldest); // dispose → forget
    }
    mine.keys.add(key);
    mine.bytes += page.bytes;
    this.lru.set(key, { ...page, owner });
  }

  has(key: string): boolean {
    return this.lru.has(key);
  }

  /** Bytes held for `owner`. */
  bytesOf(owner: string): number {
    return this.byUser.get(owner)?.bytes ?? 0;
  }

  get size(): number {
    return this.lru.size;
  }

  /** Bytes of the pages held (their bodies; what PAGE_CACHE_MB bounds). */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  private forget(owner: string, key: string, bytes: number): void {
    const mine = this.byUser.get(owner);
    if (!mine?.keys.delete(key)) return;
    mine.bytes -= bytes;
    if (mine.keys.size === 0) this.byUser.delete(owner);
  }
}

/** Least-recently-used pages up to a byte budget, with a share per user (PageStore). */
export function createPageStore(maxBytes: number, userShare?: number): PageStore {
  return new PageStore(maxBytes, userShare);
}

/**
 * The one freshness bound of cached pages (SPEC §10, issue 24): the user who saved sees their change at once; everyone
 * else sees it within FRESHNESS_MS. Between a change and that bound, a reader who did not write may be served the
 * last page rendered for them while one render refreshes it (stale-while-revalidate); the page says when its figures
 * were read ("Số liệu lúc 10:31:05").
 */
export const FRESHNESS_MS = 5000;

/**
 * The request header by which the server tells the page when its figures were read (ms since the epoch): set by
 * scripts/server.ts on a render it keeps, shown by components/data-as-of.tsx. A client's own value is deleted.
 */
export const AS_OF_HEADER = "x-tracker-as-of";

/** A page kept under its key without the data version (see `pageSlot`), with what it was rendered from. */
export interface VersionedPage {
  page: CachedPage;
  /** The data_version sum the page was rendered under. */
  version: string;
  /** The user's last write (newest audit id) when the page was rendered: another value means they have saved since. */
  lastWrite: string;
  /** When the render began (lib/clock): the page shows every change committed before it, maybe some after. */
  asOf: number;
  /**
   * Kept for every reader of a scope (lib/web/shared-page.ts): the server's sequence number (WriteClock tick) taken
   * with `asOf`, before the render read anything. Orders the render against when readers' writes were first seen.
   */
  order?: number;
}

/** The key of a page's slot: the same parts as pageCacheKey but the data version, which the slot's page carries. */
export function pageSlot(p: Omit<PageKeyParts, "version">): string {
  return JSON.stringify([p.userId, p.bell, p.locale, p.day, p.url]);
}

export type Freshness = "fresh" | "stale" | "render";

/**
 * What to do with a request, given the page in its slot: serve it as is (its version is the current one), serve it
 * stale (the data changed, but what it misses is younger than FRESHNESS_MS and the reader has not written since it was
 * rendered), or render (nothing usable: no page, too old, or the reader wrote).
 *
 * Why `now - asOf` bounds the staleness: the render read the data after `asOf`, so every change it misses committed
 * after `asOf`, at most `now - asOf` ago.
 */
export function freshness(
  kept: VersionedPage | undefined,
  current: { version: string; lastWrite: string; now: number; writeSeen?: number },
): Freshness {
  if (!kept) return "render";
  if (kept.lastWrite !== current.lastWrite) return "render";
  // A page kept for every reader of a scope (lib/web/shared-page.ts) was rendered at another reader's request: this
  // reader's own last write (first seen at tick `writeSeen`) must have been seen before its figures were read.
  if (current.writeSeen !== undefined && !(kept.order !== undefined && kept.order >= current.writeSeen))
    return "render";
  if (kept.version === current.version) return "fresh";
  const age = current.now - kept.asOf;
  return age >= 0 && age < FRESHNESS_MS ? "stale" : "render";
}

/**
 * Pages by slot with their versions (PageStore underneath: byte budget, share per user): `lookup` says what to serve,
 * `refreshing` makes sure one render at a time refreshes a stale slot.
 */
export class VersionedPageStore {
  private readonly store: PageStore;
  private readonly refreshes = new Set<string>();

  constructor(maxBytes: number, userShare?: number) {
    this.store = new PageStore(maxBytes, userShare);
  }

  lookup(
    slot: string,
    current: { version: string; lastWrite: string; now: number; writeSeen?: number },
  ): { freshness: Freshness; kept?: VersionedPage } {
    const kept = this.peek(slot);
    return { freshness: freshness(kept, current), kept };
  }

  /** Keeps a page rendered from `version` (read before the render began at `asOf`); an older render never replaces a newer one. */
  set(slot: string, owner: string, kept: VersionedPage): void {
    const before = this.peek(slot);
    if (before && before.asOf > kept.asOf) return;
    // The page's own fields travel with it in the store (evicted together).
    const entry: CachedPage & Omit<VersionedPage, "page"> = {
      ...kept.page,
      version: kept.version,
      lastWrite: kept.lastWrite,
      asOf: kept.asOf,
      order: kept.order,
    };
    this.store.set(slot, owner, entry);
  }

  /** Claims the slot's one background refresh: false when one is already running. The function returned releases it. */
  claimRefresh(slot: string): false | (() => void) {
    if (this.refreshes.has(slot)) return false;
    this.refreshes.add(slot);
    return () => void this.refreshes.delete(slot);
  }

  get size(): number {
    return this.store.size;
  }

  get bytes(): number {
    return this.store.bytes;
  }

  private peek(slot: string): VersionedPage | undefined {
    const entry = this.store.get(slot) as (CachedPage & Partial<Omit<VersionedPage, "page">>) | undefined;
    if (!entry || entry.version === undefined || entry.lastWrite === undefined || entry.asOf === undefined)
      return undefined;
    const { version, lastWrite, asOf, order, ...page } = entry;
    return { page: page as CachedPage, version, lastWrite, asOf, ...(order === undefined ? {} : { order }) };
  }
}
