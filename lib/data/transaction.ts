import type { Prisma } from "@/generated/prisma/client";
import { db } from "./db";

/**
 * Prisma's interactive transaction with waits that suit 20 communes saving at once on a busy 2-core machine:
 * with the default 2 s to get a pooled connection, some saves failed under load instead of queueing.
 */
export function transaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  return db().prisma.$transaction(fn, { maxWait: 30_000, timeout: options.timeoutMs ?? 30_000 });
}
