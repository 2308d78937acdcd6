/// <reference lib="webworker" />
/**
 * The service worker (built by @serwist/turbopack, served at /serwist/sw.js with scope "/"). Offline, only month entry
 * works: the entry pages a user has visited are kept (network first, so online they are always fresh), the app's
 * static files are precached, and every other page falls back to a short Vietnamese note that it needs a connection.
 * An entry page the server cannot render (a 5xx: the database unavailable, a server error) is answered from the device
 * too, marked so that the form says so (lib/offline/served-from-device.ts). Dashboards and the API are never cached:
 * they are per-user data with no use offline.
 */
import {
  CacheFirst,
  ExpirationPlugin,
  NetworkFirst,
  NetworkOnly,
  type PrecacheEntry,
  Serwist,
  type SerwistGlobalConfig,
  type SerwistPlugin,
} from "serwist";
import { markServedFromDevice } from "@/lib/offline/served-from-device";

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

/**
 * Entry pages are kept per user (issue 29): the signed-in pages tell this worker who is signed in
 * (components/sign-out-button.tsx, message SIGNED_IN); the worker records that user (in a cache of its own, so a
 * restart keeps it), keys every entry page it stores or serves by that user, and when another user signs in, deletes
 * the previous user's pages. An entry page is thus only ever served to the user recorded at the last signed-in page.
 */
const STATE = "sw-state";
const USER_RECORD = "/__sw/user";
let recorded: string | null | undefined;

async function recordedUser(): Promise<string | null> {
  if (recorded === undefined) {
    const stored = await (await caches.open(STATE)).match(USER_RECORD);
    recorded = stored ? await stored.text() : null;
  }
  return recorded;
}

async function signedIn(userId: string): Promise<boolean> {
  const previous = await recordedUser();
  if (previous === userId) return false;
  await Promise.all([caches.delete(ENTRY_PAGES), caches.delete(ENTRY_RSC)]);
  recorded = userId;
  await (await caches.open(STATE)).put(USER_RECORD, new Response(userId));
  return true;
}

self.addEventListener("message", (event) => {
  const data = event.data as { type?: string; userId?: unknown } | null;
  if (data?.type !== "SIGNED_IN" || typeof data.userId !== "string") return;
  event.waitUntil(signedIn(data.userId).then((changed) => event.ports[0]?.postMessage({ changed })));
});

/** The cache key of an entry page: its URL and the recorded user ("-" when none: nothing is ever stored under it). */
const perUser: SerwistPlugin = {
  cacheKeyWillBeUsed: async ({ request }) => {
    const url = new URL(request.url);
    url.searchParams.set("__user", (await recordedUser()) ?? "-");
    return url.href;
  },
  // Only a page as rendered (200): never an error page or a redirect to sign-in in place of the form.
  cacheWillUpdate: async ({ response }) => (response.status === 200 && (await recordedUser()) ? response : null),
};

/**
 * An entry page the server answers with a 5xx: the copy kept on this device instead, its HTML marked (the form then
 * says that the server is unavailable and the figures stay on the device); with no copy, the server's own page. The
 * answer counts as a failed fetch, so NetworkFirst falls back to its cache (the per-user key above); `state` is this
 * plugin's memory of one request.
 */
const serverUnavailable: SerwistPlugin = {
  fetchDidSucceed: async ({ response, state }) => {
    if (response.status < 500) return response;
    if (state) state.serverAnswer = response;
    throw new Error(`server answered ${response.status}`);
  },
  handlerDidError: async ({ state }) => (state?.serverAnswer as Response | undefined) ?? undefined,
  handlerWillRespond: async ({ response, state }) => {
    const serverAnswer = state?.serverAnswer as Response | undefined;
    if (!serverAnswer || response === serverAnswer) return response;
    if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) return response;
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(markServedFromDevice(await response.text()), { status: 200, headers });
  },
};

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
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.headers.get("RSC") === "1" && isEntry(url.pathname),
      handler: new NetworkFirst({
        cacheName: ENTRY_RSC,
        networkTimeoutSeconds: 8,
        plugins: [perUser, new ExpirationPlugin({ maxEntries: 40 })],
      }),
    },
    {
      // Navigations, and the page fetch the provider asks for after registering (CACHE_URLS, not a navigation).
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.method === "GET" && isEntry(url.pathname),
      handler: new NetworkFirst({
        cacheName: ENTRY_PAGES,
        networkTimeoutSeconds: 8,
        plugins: [perUser, serverUnavailable, new ExpirationPlugin({ maxEntries: 40 })],
      }),
    },
    { matcher: ({ request }) => request.mode === "navigate", handler: new NetworkOnly() },
  ],
  fallbacks: {
    entries: [{ url: "/offline.html", matcher: ({ request }) => request.destination === "document" }],
  },
});

serwist.addEventListeners();
