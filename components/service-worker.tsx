"use client";

/**
 * Registers the service worker (app/sw.ts, served by app/serwist/[path]) on the entry pages, and asks it to keep the
 * page just opened, so the month form opens with no network after one visit. No reload when the network returns:
 * the form's queue sends by itself.
 */
import { SerwistProvider } from "@serwist/turbopack/react";
import type { ReactNode } from "react";

export function ServiceWorker({ children }: { children: ReactNode }) {
  return (
    <SerwistProvider swUrl="/serwist/sw.js" reloadOnOnline={false} cacheOnNavigation options={{ scope: "/", type: "classic" }}>
      {children}
    </SerwistProvider>
  );
}
