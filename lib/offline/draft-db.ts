/**
 * The drafts' IndexedDB database and the two clean-ups every signed-in page may need (issue 29): a new user's first page
 * removes other users' drafts, sign-out removes the user's own. Apart from lib/offline/month-drafts.ts, which carries the
 * form's validation rules and with them the indicator catalogue: a page that only clears drafts loads `idb` alone, not
 * some 125 KB of script that a first page on a phone would run for a second and more (issue 24, item 5).
 */
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { MonthDraft } from "./month-drafts";

export const DRAFT_DB_NAME = "month-drafts";

export interface DraftDb extends DBSchema {
  drafts: { key: string; value: MonthDraft; indexes: { byUser: string } };
}

export function openDraftDb(name = DRAFT_DB_NAME): Promise<IDBPDatabase<DraftDb>> {
  return openDB<DraftDb>(name, 1, {
    upgrade(d) {
      d.createObjectStore("drafts", { keyPath: "key" }).createIndex("byUser", "userId");
    },
  });
}

/** Every draft of `userId` leaves this browser. */
export async function deleteDraftsOf(db: IDBPDatabase<DraftDb>, userId: string): Promise<void> {
  const tx = db.transaction("drafts", "readwrite");
  for (const key of await tx.store.index("byUser").getAllKeys(userId)) await tx.store.delete(key);
  await tx.done;
}

/** Another user signed in on this browser: every draft not theirs leaves it. */
export async function deleteDraftsNotOf(db: IDBPDatabase<DraftDb>, userId: string): Promise<void> {
  const tx = db.transaction("drafts", "readwrite");
  for (const draft of await tx.store.getAll()) if (draft.userId !== userId) await tx.store.delete(draft.key);
  await tx.done;
}

async function withDraftDb(clear: (db: IDBPDatabase<DraftDb>) => Promise<void>): Promise<void> {
  const db = await openDraftDb();
  try {
    await clear(db);
  } finally {
    db.close();
  }
}

/** For sign-out (loaded on demand so other pages do not carry this module). */
export function clearUserDrafts(userId: string): Promise<void> {
  return withDraftDb((db) => deleteDraftsOf(db, userId));
}

/** For the first page of a newly signed-in user (lib/offline/signed-in-user.ts): other users' drafts leave this device. */
export function clearOtherUsersDrafts(userId: string): Promise<void> {
  return withDraftDb((db) => deleteDraftsNotOf(db, userId));
}
