/**
 * Per-username login throttling, kept in the database (rate_limit table) so it holds across app instances.
 * better-auth's own limiter keys on the client address; this one stops guessing one account's password from
 * many addresses: after MAX_FAILURES wrong passwords in a row, every attempt is refused for LOCK_MS,
 * even with the right password.
 */
import type { PrismaClient } from "@/generated/prisma/client";

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;

type Db = InstanceType<typeof PrismaClient>;

const keyFor = (username: string) => `login-failures:${username.trim().toLowerCase()}`;

export async function isLockedOut(prisma: Db, username: string, now = Date.now()): Promise<boolean> {
  const row = await prisma.rateLimit.findUnique({ where: { key: keyFor(username) } });
  return !!row && row.count >= MAX_FAILURES && now - Number(row.lastRequest) < LOCK_MS;
}

export async function recordFailure(prisma: Db, username: string, now = Date.now()): Promise<void> {
  const key = keyFor(username);
  // A failure after the lock has expired starts a new count.
  await prisma.$executeRaw`
    INSERT INTO rate_limit (id, key, count, last_request) VALUES (${key}, ${key}, 1, ${BigInt(now)})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN ${BigInt(now)} - rate_limit.last_request >= ${BigInt(LOCK_MS)} THEN 1 ELSE rate_limit.count + 1 END,
      last_request = ${BigInt(now)}`;
}

export async function clearFailures(prisma: Db, username: string): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key: keyFor(username) } });
}
