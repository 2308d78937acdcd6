import type { ReactNode } from "react";
import { ServiceWorker } from "@/components/service-worker";

/** Month entry works offline: the service worker is registered from these pages only. */
export default function EntryLayout({ children }: { children: ReactNode }) {
  return <ServiceWorker>{children}</ServiceWorker>;
}
