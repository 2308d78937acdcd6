import type { ReactNode } from "react";
import { ServiceWorker } from "@/components/service-worker";
import { getViewer } from "@/lib/auth/viewer";

/**
 * Month entry works offline: the service worker is registered from these pages only, and told who is signed in
 * (it keeps entry pages per user).
 */
export default async function EntryLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return <ServiceWorker userId={viewer?.id ?? null}>{children}</ServiceWorker>;
}
