/// <reference lib="webworker" />
/**
 * The service worker (built by @serwist/turbopack, served at /serwist/sw.js with scope "/"). Offline, only month entry
 * works: the entry pages a user has visited are kept (network first, so online they are always fresh), the app's
 * static files are precached, and every other page falls back to a short Vietnamese note that it needs a connection.
 * Dashboards and the API are never cached: they are per-user data with no use offline.
 */
import { CacheFirst, ExpirationPlugin, NetworkFirst, NetworkOnly, type PrecacheEntry, Serwist, type SerwistGlobalConfig } from "serwist";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

/** Cache names that sign-out empties (components/sign-out-button).  */
const ENTRY_PAGES = "entry-pages";
const ENTRY_RSC = "entry-rsc";

const isEntry = (pathname: string) => pathname === "/entry" || pathname.startsWith("/entry/");

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "next-static", plugins: [new ExpirationPlugin({ maxEntries: 400 })] }),
    },
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.headers.get("RSC") === "1" && isEntry(url.pathname),
      handler: new NetworkFirst({ cacheName: ENTRY_RSC, networkTimeoutSeconds: 8, plugins: [new ExpirationPlugin({ maxEntries: 40 })] }),
    },
    {
      // Navigations, and the page fetch the provider asks for after registering (CACHE_URLS, not a navigation).
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.method === "GET" && isEntry(url.pathname),
      handler: new NetworkFirst({ cacheName: ENTRY_PAGES, networkTimeoutSeconds: 8, plugins: [new ExpirationPlugin({ maxEntries: 40 })] }),
    },
    { matcher: ({ request }) => request.mode === "navigate", handler: new NetworkOnly() },
  ],
  fallbacks: {
    entries: [{ url: "/offline.html", matcher: ({ request }) => request.destination === "document" }],
  },
});

serwist.addEventListeners();
