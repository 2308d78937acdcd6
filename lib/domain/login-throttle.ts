/**
 * The login throttle's one model (passwords, activation codes and second-factor codes alike). Only attempts that
 * failed count; three counters, each reset LOCK_MS after its last failure:
 *  - the account from one address (strict): after PAIR_MAX failures that address may not try that account for LOCK_MS;
 *  - the account from anywhere (soft): after ACCOUNT_FREE failures each further attempt waits a delay that doubles with
 *    every failure, up to ACCOUNT_MAX_DELAY_MS: guessing from many addresses slows to a crawl, but nobody can lock
 *    the owner out for long by typing wrong passwords at their username;
 *  - the address (whatever the accounts): after ADDRESS_MAX failures refused for LOCK_MS (one password tried on many
 *    accounts).
 * An administrator can clear an account's counters (lib/data/accounts.ts unlockAccount). Pure: lib/data/login-throttle.ts
 * keeps the counters.
 */
export const PAIR_MAX = 5;
export const ACCOUNT_FREE = 10;
export const ACCOUNT_MAX_DELAY_MS = 60_000;
export const ADDRESS_MAX = 20;
export const LOCK_MS = 15 * 60 * 1000;

export interface Counter {
  count: number;
  /** When the last failure was counted (ms). */
  last: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; message: string; retryAfterMs: number };

export const PAIR_MESSAGE =
  "Tài khoản tạm khoá đăng nhập từ thiết bị này do nhập sai nhiều lần. Vui lòng thử lại sau 15 phút hoặc nhờ quản trị viên mở khoá.";
export const ADDRESS_MESSAGE = "Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau 15 phút.";
export const accountDelayMessage = (seconds: number) =>
  `Tài khoản này vừa bị nhập sai nhiều lần. Vui lòng chờ ${seconds} giây rồi thử lại.`;

/** A counter as it stands at `now`: zero once LOCK_MS have passed since its last failure. */
export function current(counter: Counter | undefined, now: number): number {
  if (!counter || now - counter.last >= LOCK_MS) return 0;
  return counter.count;
}

/** How long the account waits after its `failures`-th failure in a row. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE) return 0;
  return Math.min(ACCOUNT_MAX_DELAY_MS, 1000 * 2 ** (failures - ACCOUNT_FREE));
}

export function decide(c: { pair?: Counter; account?: Counter; address?: Counter }, now: number): ThrottleDecision {
  if (current(c.address, now) >= ADDRESS_MAX)
    return { allowed: false, message: ADDRESS_MESSAGE, retryAfterMs: c.address!.last + LOCK_MS - now };
  if (current(c.pair, now) >= PAIR_MAX)
    return { allowed: false, message: PAIR_MESSAGE, retryAfterMs: c.pair!.last + LOCK_MS - now };
  const wait = accountDelayMs(current(c.account, now)) - (now - (c.account?.last ?? now));
  if (wait > 0) return { allowed: false, message: accountDelayMessage(Math.ceil(wait / 1000)), retryAfterMs: wait };
  return { allowed: true };
}
