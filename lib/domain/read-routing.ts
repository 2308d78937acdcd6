/**
 * Which database answers a read (issue 25, item 4): the read replica (DATABASE_READ_URL) or the primary.
 *
 * Each app server samples, every half second, the primary's WAL position (pg_current_wal_lsn) and the replica's
 * replay position (pg_last_wal_replay_lsn). The replica "has caught up to" the time of the latest sample whose primary
 * position it has replayed: everything committed on the primary before that moment is on the replica. Then:
 *  - a replica that has caught up to no moment within `maxLagMs` (lagging, replay paused) or does not answer is
 *    skipped: every reader gets at most `maxLagMs` of staleness;
 *  - a user who saved at `wroteAt` (a cookie the server sets on the response to every write) reads the primary until
 *    the replica has caught up past that moment plus `clockMarginMs` (app servers' clocks may differ by that much):
 *    they see their own change on the next page, however far behind the replica is.
 */

/** A WAL position ("16/B374D848") as a number. */
export function lsnValue(lsn: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  if (!m) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

export interface LsnSample {
  /** When the primary's position was read (ms since the epoch). */
  at: number;
  primaryLsn: string;
}

/** The latest moment up to which the replica has replayed everything, from samples in time order; null if none. */
export function caughtUpTo(samples: readonly LsnSample[], replayLsn: string | null): number | null {
  if (replayLsn === null) return null;
  const replay = lsnValue(replayLsn);
  for (let i = samples.length - 1; i >= 0; i--) {
    if (lsnValue(samples[i]!.primaryLsn) <= replay) return samples[i]!.at;
  }
  return null;
}

export interface ReadChoice {
  use: "replica" | "primary";
  /** Why the primary, for the log. */
  reason?: "unreachable" | "lagging" | "own-write";
}

export function chooseReader(input: {
  now: number;
  /** Whether the primary answered its last sample: with the primary gone, a replica that answers serves the reads,
   * however old (the pages that write say saving is paused). */
  primaryAnswers?: boolean;
  /** The replica's catch-up moment (caughtUpTo); null when it does not answer or has no sample yet. */
  replicaCaughtUpTo: number | null;
  /** When this user last saved (ms), or null. */
  wroteAt: number | null;
  maxLagMs: number;
  clockMarginMs: number;
}): ReadChoice {
  const { now, replicaCaughtUpTo: upTo, wroteAt, maxLagMs, clockMarginMs } = input;
  if (upTo === null) return { use: "primary", reason: "unreachable" };
  if (input.primaryAnswers === false) return { use: "replica" };
  if (now - upTo > maxLagMs) return { use: "primary", reason: "lagging" };
  if (wroteAt !== null && upTo < wroteAt + clockMarginMs) return { use: "primary", reason: "own-write" };
  return { use: "replica" };
}

/** The cookie that carries the moment of a user's last save (ms since the epoch), and how long it matters. */
export const WROTE_COOKIE = "tracker-wrote";
export const WROTE_COOKIE_MAX_AGE_S = 120;

/** The cookie's value as a moment, or null when absent or not a plausible number. */
export function parseWroteAt(value: string | undefined | null): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}
