/**
 * The login throttle's counters (lib/domain/login-throttle.ts is the model), kept in the database (table rate_limit) so
 * that they hold across app instances. An attempt counts only once it has failed: `attemptLogin` reads the counters,
 * lets the check run if the model allows, and records a failure after it. Attempts at one account, and from one address, are
 * checked one after another in this process, so a burst of parallel guesses cannot all pass the "not locked yet" check together.
 */
import { type Counter, type ThrottleDecision, LOCK_MS, decide } from "@/lib/domain/login-throttle";
import { db } from "./db";

export { LOCK_MS };

const norm = (username: string) => username.trim().toLowerCase();
export const accountKey = (username: string) => `login-account:${norm(username)}`;
export const pairKey = (username: string, address: string) => `login-pair:${norm(username)}|${address}`;
export const addressKey = (address: string) => `login-address:${address}`;

async function counters(
  username: string,
  address: string,
): Promise<{ pair?: Counter; account?: Counter; address?: Counter }> {
  const keys = [pairKey(username, address), accountKey(username), addressKey(address)];
  const rows = await db().prisma.rateLimit.findMany({
    where: { key: { in: keys } },
    select: { key: true, count: true, lastRequest: true },
  });
  const of = (key: string) => {
    const row = rows.find((r) => r.key === key);
    return row ? { count: row.count, last: Number(row.lastRequest) } : undefined;
  };
  return { pair: of(keys[0]!), account: of(keys[1]!), address: of(keys[2]!) };
}

/** Counts one failure on each key (a counter older than LOCK_MS starts again at one). */
async function recordFailure(username: string, address: string, now: number): Promise<number> {
  let accountCount = 0;
  for (const key of [pairKey(username, address), accountKey(username), addressKey(address)]) {
    const rows = await db().prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO rate_limit (id, key, count, last_request) VALUES (gen_random_uuid()::text, ${key}, 1, ${BigInt(now)})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN ${BigInt(now)} - rate_limit.last_request >= ${BigInt(LOCK_MS)} THEN 1 ELSE rate_limit.count + 1 END,
        last_request = ${BigInt(now)}
      RETURNING count`;
    if (key.startsWith("login-account:")) accountCount = rows[0]!.count;
  }
  return accountCount;
}

/** A success: the account's counters (from this address and overall) start again. */
async function recordSuccess(username: string, address: string): Promise<void> {
  await db().prisma.rateLimit.deleteMany({
    where: { key: { in: [pairKey(username, address), accountKey(username)] } },
  });
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier attempt with the same key (an account, an address) in this process has finished. */
function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

export type AttemptResult =
  { allowed: false; message: string; retryAfterMs: number } | { allowed: true; ok: boolean; accountFailures: number };

/**
 * One sign-in attempt (a password, an activation code or a second-factor code): refused by the throttle, or checked by
 * `check` (true when right) and counted as a failure when wrong.
 */
export function attemptLogin(
  username: string,
  address: string,
  now: () => number,
  check: () => Promise<boolean>,
): Promise<AttemptResult> {
  // Always the address first, then the account: no two attempts wait for each other in a circle.
  return oneAtATime(addressKey(address), () =>
    oneAtATime(accountKey(username), async () => {
      const decision: ThrottleDecision = decide(await counters(username, address), now());
      if (!decision.allowed) return decision;
      const ok = await check();
      if (ok) {
        await recordSuccess(username, address);
        return { allowed: true, ok, accountFailures: 0 };
      }
      return { allowed: true, ok, accountFailures: await recordFailure(username, address, now()) };
    }),
  );
}
