"use client";

/**
 * Registers the service worker (app/sw.ts, served by app/serwist/[path]) on the entry pages, and asks it to keep the
 * page just opened (the provider only does so on later navigations), so the month form opens with no network after
 * one visit. No reload when the network returns: the form's queue sends by itself.
 */
import { SerwistProvider } from "@serwist/turbopack/react";
import { type ReactNode, useEffect } from "react";

function KeepThisPage() {
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !navigator.onLine) return;
    void navigator.serviceWorker.ready.then((registration) =>
      registration.active?.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: [window.location.pathname, "/entry"] } }));
  }, []);
  return null;
}

export function ServiceWorker({ children }: { children: ReactNode }) {
  return (
    <SerwistProvider swUrl="/serwist/sw.js" reloadOnOnline={false} cacheOnNavigation options={{ scope: "/", type: "classic" }}>
      <KeepThisPage />
      {children}
    </SerwistProvider>
  );
}
