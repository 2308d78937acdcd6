/**
 * The public view's cache (issue 26), used by scripts/server.ts in front of Next.js for /cong-khai, /robots.txt and
 * /sitemap.xml. Its own module and store, apart from the dashboards' page cache (lib/web/page-cache.ts), whose
 * helpers for keeping a page and replaying it with a fresh nonce it reuses.
 *
 * The public pages are the same for every reader: no session, no cookie, the language in the path. So the key is only
 * the public version (public_setting.version: moved by every publication, withdrawal and switch, in the same
 * transaction) and the URL with the parameters the pages read, in a fixed order. A save of a report changes nothing
 * here (public figures come from the snapshot), so the dashboards' saves never empty this cache, and a publication
 * shows at once: the next request reads the new version. Pure module: no Next.js, no database.
 */
import { createHash } from "node:crypto";
import { isPublicPath } from "@/lib/domain/public-route";
import { PUBLIC_CACHE_CONTROL } from "@/lib/domain/public-view";

export { PUBLIC_CACHE_CONTROL };

/** The parameters the public pages read; others do not change the page and are left out of the key. */
export const PUBLIC_PARAMS = ["period", "from", "to", "indicator"] as const;
const MAX_VALUE = 40;
const MAX_PARAMS = 50;

/** Paths served through this cache: the public pages and downloads, the robots rule and the sitemap. */
export function isPublicCachePath(pathname: string): boolean {
  return isPublicPath(pathname) || pathname === "/robots.txt" || pathname === "/sitemap.xml";
}

/**
 * The URL as a key part: the path and the known parameters in a fixed order; null (render, do not keep) when a known
 * parameter is repeated or long, or there are very many parameters. Those pages answer 404 anyway.
 */
export function publicCacheUrl(pathname: string, search: URLSearchParams): string | null {
  if (pathname.length > 200) return null;
  let count = 0;
  const kept: [string, string][] = [];
  for (const [k, v] of search) {
    if (++count > MAX_PARAMS) return null;
    if (!(PUBLIC_PARAMS as readonly string[]).includes(k)) continue;
    if (v.length > MAX_VALUE || kept.some(([seen]) => seen === k)) return null;
    kept.push([k, v]);
  }
  kept.sort((a, b) => PUBLIC_PARAMS.indexOf(a[0] as never) - PUBLIC_PARAMS.indexOf(b[0] as never));
  const query = new URLSearchParams(kept).toString();
  return query ? `${pathname}?${query}` : pathname;
}

export function publicCacheKey(version: string, url: string): string {
  return JSON.stringify(["public", version, url]);
}

/**
 * A weak validator of the page (its bytes differ only by the nonce): the server instance (a new build or start makes
 * new ones), the public version and the URL.
 */
export function publicETag(instance: string, version: string, url: string): string {
  return `W/"${instance}-${version}-${createHash("sha256").update(url).digest("base64url").slice(0, 16)}"`;
}

/** Whether a request's If-None-Match names this validator (weak comparison, RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}
