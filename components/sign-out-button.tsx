"use client";

/**
 * Sign-out that first removes this user's month drafts and the cached entry pages from this device (a shared
 * computer keeps nothing of theirs), then ends the session. The offline module is loaded only when used.
 */
import { useEffect, useState } from "react";
import { logout } from "@/app/actions";

const ENTRY_CACHES = ["entry-pages", "entry-rsc"]; // app/sw.ts

async function forgetThisDevice(userId: string) {
  try {
    const { clearUserDrafts } = await import("@/lib/offline/draft-db");
    await clearUserDrafts(userId);
    if ("caches" in window) await Promise.all(ENTRY_CACHES.map((c) => caches.delete(c)));
  } catch (error) {
    console.warn("sign-out: could not clear local drafts", error);
  }
}

/**
 * The signed-in user's id: given, or (on a page the server kept for every reader of the same scope) read from the slot
 * the server filled for this reader (components/user-menu.tsx, lib/web/shared-page.ts).
 */
function signedInUserId(given: string): string {
  if (given) return given;
  return document.querySelector('[data-tracker-slot="user-id"]')?.textContent?.trim() ?? "";
}

export function SignOutButton({ userId, label }: { userId: string; label: string }) {
  // Every signed-in page says who is signed in: another user's cached entry pages and drafts leave this browser.
  useEffect(() => {
    const id = signedInUserId(userId);
    if (id) void import("@/lib/offline/signed-in-user").then((m) => m.announceSignedIn(id));
  }, [userId]);
  // The session could not be ended (the server's answer): the user is still signed in.
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <form
      action={async () => {
        setFailure(null);
        const id = signedInUserId(userId);
        if (id) await forgetThisDevice(id);
        const refused = await logout();
        if (refused) setFailure(refused.message);
      }}
    >
      <button type="submit" className="rounded border border-white/60 px-2 py-1 text-white hover:bg-white/10">
        {label}
      </button>
      {failure && (
        <p role="alert" data-testid="sign-out-failure" className="mt-1 max-w-xs text-sm text-amber-200">
          {failure}
        </p>
      )}
    </form>
  );
}
