/**
 * Telling this browser who is signed in (issue 29): a session can end without the sign-out button (an expired or
 * disabled account), and the next user of the browser must not see the previous user's entry pages or drafts. Every
 * signed-in page calls this: the service worker (app/sw.ts) records the user and, when it changes, deletes the
 * previous user's cached entry pages; the drafts of every other user leave this browser's IndexedDB.
 */
const LAST_USER = "tracker-signed-in-user";

/** Resolves once the service worker (if any) has recorded `userId`. */
export async function announceSignedIn(userId: string): Promise<void> {
  try {
    if (localStorage.getItem(LAST_USER) !== userId) {
      const { clearOtherUsersDrafts } = await import("./draft-db");
      await clearOtherUsersDrafts(userId);
      localStorage.setItem(LAST_USER, userId);
    }
  } catch (error) {
    console.warn("could not clear another user's drafts", error);
  }
  if (!("serviceWorker" in navigator)) return;
  const worker =
    navigator.serviceWorker.controller ??
    (await Promise.race([
      navigator.serviceWorker.ready.then((r) => r.active),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000)),
    ]));
  if (!worker) return;
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    const done = setTimeout(resolve, 3_000);
    channel.port1.onmessage = () => {
      clearTimeout(done);
      resolve();
    };
    worker.postMessage({ type: "SIGNED_IN", userId }, [channel.port2]);
  });
}
