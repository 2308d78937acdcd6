/**
 * How many exports may stream at once: each holds a database connection for as long as its client reads, so without a
 * bound a few clients that stop reading could take the whole pool and every other page with it. Per app process;
 * the pool (lib/data/pool.ts) has 20 connections.
 */
import { DataError } from "./errors";

export const EXPORTS_PER_USER = 2;
export const EXPORTS_IN_TOTAL = 6;

/** All slots taken: a DataError with code BUSY, answered as 429 by the API like the other bounded work. */
export class ExportBusy extends DataError {
  constructor(readonly scope: "user" | "total") {
    super("BUSY", scope === "user"
      ? `Bạn đang tải ${EXPORTS_PER_USER} tệp xuất dữ liệu cùng lúc. Vui lòng đợi một tệp tải xong rồi thử lại.`
      : "Máy chủ đang xuất nhiều tệp dữ liệu cùng lúc. Vui lòng thử lại sau ít phút.");
  }
}

const state = globalThis as unknown as { __trackerExports?: Map<string, number> };

/** Takes a slot for `userId`, or throws ExportBusy; the returned function gives it back (once). */
export function takeExportSlot(userId: string): () => void {
  const running = (state.__trackerExports ??= new Map());
  const total = [...running.values()].reduce((a, n) => a + n, 0);
  if ((running.get(userId) ?? 0) >= EXPORTS_PER_USER) throw new ExportBusy("user");
  if (total >= EXPORTS_IN_TOTAL) throw new ExportBusy("total");
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
