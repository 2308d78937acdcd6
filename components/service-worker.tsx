"use client";

/**
 * Registers the service worker (app/sw.ts, served by app/serwist/[path]) on the entry pages, and asks it to keep the
 * page just opened (the provider only does so on later navigations), so the month form opens with no network after
 * one visit. No reload when the network returns: the form's queue sends by itself.
 */
import { SerwistProvider } from "@serwist/turbopack/react";
import { type ReactNode, useEffect } from "react";
import { announceSignedIn } from "@/lib/offline/signed-in-user";

function KeepThisPage({ userId }: { userId: string | null }) {
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !navigator.onLine || !userId) return;
    // The worker first records who is signed in (it keeps entry pages per user), then keeps this page for them.
    void announceSignedIn(userId)
      .then(() => navigator.serviceWorker.ready)
      .then((registration) =>
        registration.active?.postMessage({
          type: "CACHE_URLS",
          payload: { urlsToCache: [window.location.pathname, "/entry"] },
        }),
      );
  }, [userId]);
  return null;
}

export function ServiceWorker({ userId, children }: { userId: string | null; children: ReactNode }) {
  return (
    <SerwistProvider
      swUrl="/serwist/sw.js"
      reloadOnOnline={false}
      cacheOnNavigation
      options={{ scope: "/", type: "classic" }}
    >
      <KeepThisPage userId={userId} />
      {children}
    </SerwistProvider>
  );
}
