/**
 * The one transaction primitive of lib/data, in its two forms: Prisma's interactive transaction for the app's writes,
 * and the same BEGIN / COMMIT / ROLLBACK on one pg connection for the code that must hold a client of its own (the
 * start-up work before Prisma, backups and restores that stream COPY). No other module writes BEGIN or COMMIT
 * (lib/data/import*.ts, which streams its staging COPY, is being moved onto it separately).
 */
import type pg from "pg";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "./db";

/**
 * Prisma's interactive transaction with waits that suit 20 communes saving at once on a busy 2-core machine:
 * with the default 2 s to get a pooled connection, some saves failed under load instead of queueing.
 */
export function transaction<T>(
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  return db().prisma.$transaction(fn, { maxWait: 30_000, timeout: options.timeoutMs ?? 30_000 });
}

/**
 * `fn` inside one transaction on `client`: committed when it returns, rolled back when it throws (the error is
 * passed on). `begin` names the isolation and access mode when the default will not do (a backup's one snapshot).
 * `abandonOnError`: no ROLLBACK, the caller ends the connection instead. A COPY ... TO STDOUT cut off mid-stream (the
 * backup's disk full) leaves the connection busy, and a ROLLBACK queued behind it would wait for ever.
 */
export async function clientTransaction<T>(
  client: pg.ClientBase,
  fn: () => Promise<T>,
  options: { begin?: "BEGIN" | "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"; abandonOnError?: boolean } = {},
): Promise<T> {
  await client.query(options.begin ?? "BEGIN");
  try {
    const result = await fn();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    if (!options.abandonOnError) await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
