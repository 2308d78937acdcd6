/**
 * Login limits, kept in the database (table rate_limit) so they hold across app instances and parallel requests.
 *
 * Every sign-in first reserves an attempt, in one `INSERT … ON CONFLICT … RETURNING count` per key, and only then is
 * the password checked: two parallel guesses can never both read "not locked yet". A reserved attempt counts as a
 * failure until the sign-in succeeds, which gives it back. Two keys:
 *  - the account: after ACCOUNT_MAX failures in a row, every attempt is refused for LOCK_MS, even with the right
 *    password (guessing one password from many addresses);
 *  - the client address (lib/web/client-address.ts): after ADDRESS_MAX failures, whatever the account, refused for
 *    LOCK_MS (trying one password on many accounts).
 * An address that is already refused does not count against the account, so a blocked attacker cannot keep a lock on.
 */
import { db } from "./db";

export const ACCOUNT_MAX = 5;
export const ADDRESS_MAX = 20;
export const LOCK_MS = 15 * 60 * 1000;

export const LOCKED_MESSAGE = "Tài khoản tạm khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.";
export const ADDRESS_MESSAGE = "Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau 15 phút.";

const accountKey = (username: string) => `login-account:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `login-address:${address}`;

/**
 * Counts one attempt on `key` and returns the count including it. Failures in a row are counted while each comes
 * within LOCK_MS of the previous; once the count reaches `max` the time stops moving, so the lock ends LOCK_MS after
 * the failure that set it, however often it is tried meanwhile.
 */
async function reserve(key: string, max: number, now: number): Promise<number> {
  // The row's id is not the key: ON CONFLICT arbitrates on `key` only, so two first attempts racing to insert the same
  // id would collide on the primary key and fail instead of one counting after the other (seen in parallel bursts).
  const rows = await db().prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit (id, key, count, last_request) VALUES (gen_random_uuid()::text, ${key}, 1, ${BigInt(now)})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN ${BigInt(now)} - rate_limit.last_request >= ${BigInt(LOCK_MS)} THEN 1 ELSE rate_limit.count + 1 END,
      last_request = CASE
        WHEN ${BigInt(now)} - rate_limit.last_request >= ${BigInt(LOCK_MS)} OR rate_limit.count < ${max} THEN ${BigInt(now)}
        ELSE rate_limit.last_request END
    RETURNING count`;
  return rows[0]!.count;
}

export type Reservation = { allowed: true } | { allowed: false; message: string };

/** Reserves one sign-in attempt for this account from this address; refused when either is over its limit. */
export async function reserveLoginAttempt(username: string, address: string, now: number): Promise<Reservation> {
  if ((await reserve(addressKey(address), ADDRESS_MAX, now)) > ADDRESS_MAX) return { allowed: false, message: ADDRESS_MESSAGE };
  if ((await reserve(accountKey(username), ACCOUNT_MAX, now)) > ACCOUNT_MAX) return { allowed: false, message: LOCKED_MESSAGE };
  return { allowed: true };
}

/** A successful sign-in: the account's count starts again, and the address gets its attempt back. */
export async function loginSucceeded(username: string, address: string): Promise<void> {
  const prisma = db().prisma;
  await prisma.rateLimit.deleteMany({ where: { key: accountKey(username) } });
  await prisma.$executeRaw`UPDATE rate_limit SET count = GREATEST(count - 1, 0) WHERE key = ${addressKey(address)}`;
}
