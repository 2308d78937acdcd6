/**
 * How many exports may stream at once: each holds a database connection for as long as its client reads, so without a
 * bound a few clients that stop reading could take the whole pool and every other page with it. The total is per app
 * process (each has its own pool of 20 connections, lib/data/pool.ts); a user's own bound holds across app servers too
 * (issue 25): each export also takes one of the user's EXPORTS_PER_USER advisory locks on its own connection, which
 * ends with it (lockUserExport).
 */
import type pg from "pg";
import { DataError } from "./errors";

export const EXPORTS_PER_USER = 2;
export const EXPORTS_IN_TOTAL = 6;

/** All slots taken: the DataError BUSY, answered as 429 by the API like the other bounded work. */
export function exportBusy(scope: "user" | "total"): DataError {
  return new DataError(
    "BUSY",
    scope === "user" ? { key: "export.userBusy", values: { n: EXPORTS_PER_USER } } : { key: "export.serverBusy" },
  );
}

const state = globalThis as unknown as { __trackerExports?: Map<string, number> };

/** Takes a slot for `userId`, or throws exportBusy's DataError; the returned function gives it back (once). */
export function takeExportSlot(userId: string): () => void {
  const running = (state.__trackerExports ??= new Map());
  const total = [...running.values()].reduce((a, n) => a + n, 0);
  if ((running.get(userId) ?? 0) >= EXPORTS_PER_USER) throw exportBusy("user");
  if (total >= EXPORTS_IN_TOTAL) throw exportBusy("total");
  running.set(userId, (running.get(userId) ?? 0) + 1);
  let given = false;
  return () => {
    if (given) return;
    given = true;
    const n = (running.get(userId) ?? 1) - 1;
    if (n <= 0) running.delete(userId);
    else running.set(userId, n);
  };
}

/** The first key of the user's export locks (one per slot: EXPORT_LOCK_KEY + slot, hashtext(user id)). */
const EXPORT_LOCK_KEY = 0x45585054; // "EXPT"

/**
 * Takes one of the user's export locks on the export's own connection (session-level: it ends when the connection is
 * discarded at the end of the export), or says that every one is held, by this app server or another.
 */
export async function lockUserExport(client: pg.ClientBase, userId: string): Promise<boolean> {
  const { rows } = await client.query<{ slot: number }>(
    `SELECT k AS slot FROM generate_series(0, $2::int - 1) k
     WHERE pg_try_advisory_lock(${EXPORT_LOCK_KEY} + k, hashtext($1)) LIMIT 1`,
    [userId, EXPORTS_PER_USER],
  );
  return rows.length === 1;
}
