/** Session lifetimes (SPEC §8), shared by better-auth's configuration and the page cache's session check. */
/** A session ends after this long without use… */
export const IDLE_SECONDS = 8 * 60 * 60;
/** …and in any case this long after sign-in. */
export const ABSOLUTE_SECONDS = 24 * 60 * 60;
/** better-auth renews a used session's expiry at most this often. */
export const UPDATE_AGE_SECONDS = 5 * 60;

/** Whether a session created at `createdAt` has outlived ABSOLUTE_SECONDS, however recently it was used. */
export function pastAbsoluteLifetime(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() > ABSOLUTE_SECONDS * 1000;
}
