import type { ReactNode } from "react";
import { headers } from "next/headers";
import { SHARED_RENDER_HEADER, SLOT_ATTRIBUTES, type SlotName } from "@/lib/web/shared-page";

/** Whether scripts/server.ts asked for a page kept for every reader of the same scope (lib/web/shared-page.ts). */
export async function isSharedRender(): Promise<boolean> {
  return (await headers()).get(SHARED_RENDER_HEADER) === "1";
}

/**
 * A personal part of the header (the name, the user's id, the bell's count). In a shared render it is empty, and the
 * server fills it in the HTML for each reader (lib/web/shared-page.ts emptySlot is this element as React renders it);
 * React then finds another text there when it hydrates, which `suppressHydrationWarning` lets stand (the element's
 * only child is a string, so React does not look inside). The React payload keeps it empty.
 */
export function Slot({ name, shared, children }: { name: SlotName; shared: boolean; children: ReactNode }) {
  const { className, testId } = SLOT_ATTRIBUTES[name];
  return (
    <span data-tracker-slot={name} className={className} data-testid={testId} suppressHydrationWarning>
      {shared ? "" : children}
    </span>
  );
}
