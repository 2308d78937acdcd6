/**
 * The request a read belongs to, for the routing of reads between the primary and the replica (./pool.ts,
 * lib/domain/read-routing.ts): scripts/server.ts runs each request inside a context that says when its user last
 * saved and whether the request itself writes. One AsyncLocalStorage for the whole process (on globalThis: the server
 * and the Next.js bundles each have their own copy of this module).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";

export interface ReadContext {
  /** When this user last saved (the tracker-wrote cookie), ms since the epoch. */
  wroteAt: number | null;
  /** A request that writes (anything but GET and HEAD) reads only the primary. */
  primaryOnly: boolean;
  /** The pool chosen at the request's first read: one request reads one database, so that figures and the page
   * cache's counters agree. */
  chosen?: pg.Pool;
  /** The answers of this request's reads (lib/data/read-sql.ts readRows), by statement and values: a page whose
   * sections read the same thing (the province's communes, its reporting counts) asks the database once. Only for a
   * request that does not write: a write in between would make a kept answer stale. */
  answers?: Map<string, Promise<unknown[]>>;
}

const g = globalThis as unknown as { __trackerReadContext?: AsyncLocalStorage<ReadContext> };
const storage = (g.__trackerReadContext ??= new AsyncLocalStorage<ReadContext>());

export function withReadContext<T>(context: ReadContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function readContext(): ReadContext | undefined {
  return storage.getStore();
}
