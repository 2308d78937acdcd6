/**
 * Reads routed to a read replica (DATABASE_READ_URL) for ./pool.ts: ReplicaMonitor follows the primary's WAL position
 * and the replica's replay position (lib/domain/read-routing.ts), routedPool sends each request's dashboard reads to
 * the replica or the primary, primaryOrReplica lets read-only requests go on from the replica while the primary is down.
 */
import type pg from "pg";
import { type LsnSample, caughtUpTo, chooseReader } from "@/lib/domain/read-routing";
import { readContext } from "./read-context";

/** How far behind the primary the replica may be before it is skipped (the product's freshness bound is 5 s). */
export const READ_MAX_LAG_MS = Number(process.env.DATABASE_READ_MAX_LAG_S ?? 3) * 1000;
/** How far app servers' clocks may differ (the tracker-wrote cookie is set by one and read by another). */
const CLOCK_MARGIN_MS = 1_000;
const SAMPLE_MS = 500;

/**
 * Follows the primary's WAL position and the replica's replay position (lib/domain/read-routing.ts) and says which
 * pool a read goes to; logs a line when the replica is skipped or taken back.
 */
export class ReplicaMonitor {
  private samples: LsnSample[] = [];
  private replay: string | null = null;
  private primaryAnswers = true;
  private skipped: string | null = null;
  private timer: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly primary: pg.Pool,
    private readonly replica: pg.Pool,
  ) {
    this.timer = setInterval(() => void this.sample(), SAMPLE_MS);
    this.timer.unref();
    void this.sample();
  }

  stop() {
    clearInterval(this.timer);
  }

  private async sample() {
    if (this.busy) return;
    this.busy = true;
    try {
      const at = Date.now();
      const [primary, replica] = await Promise.allSettled([
        this.primary.query<{ lsn: string }>({
          text: "SELECT pg_current_wal_lsn()::text AS lsn",
          query_timeout: 2_000,
        } as pg.QueryConfig),
        // A DATABASE_READ_URL that is not in recovery (the primary itself, or a promoted replica) is never behind.
        this.replica.query<{ lsn: string | null }>({
          text: "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn",
          query_timeout: 2_000,
        } as pg.QueryConfig),
      ]);
      this.primaryAnswers = primary.status === "fulfilled";
      if (primary.status === "fulfilled" && primary.value.rows[0]) {
        this.samples.push({ at, primaryLsn: primary.value.rows[0].lsn });
        // Enough history to tell how far behind a replica is, well past the bound.
        while (this.samples.length > 2 && this.samples[0]!.at < at - 5 * 60_000) this.samples.shift();
      }
      this.replay = replica.status === "fulfilled" ? (replica.value.rows[0]?.lsn ?? null) : null;
    } finally {
      this.busy = false;
    }
  }

  /**
   * The primary does not answer and the replica does (issue 25, item 4): requests that only read are served by the
   * replica whole, session and bell included, and the pages say that saving is paused.
   */
  primaryDown(): boolean {
    return !this.primaryAnswers && this.replay !== null;
  }

  /** A read found the replica gone: skip it until the next sample says otherwise. */
  lost() {
    this.replay = null;
  }

  /** How far behind the primary the replica is (ms), or null when it does not answer or has no sample yet. */
  behindMs(): number | null {
    const upTo = caughtUpTo(this.samples, this.replay);
    return upTo === null ? null : Math.max(0, Date.now() - upTo);
  }

  choose(wroteAt: number | null): pg.Pool {
    const choice = chooseReader({
      now: Date.now(),
      primaryAnswers: this.primaryAnswers,
      replicaCaughtUpTo: caughtUpTo(this.samples, this.replay),
      wroteAt,
      maxLagMs: READ_MAX_LAG_MS,
      clockMarginMs: CLOCK_MARGIN_MS,
    });
    // One line per change of the replica's state (not per user who just saved).
    const state = choice.reason === "unreachable" || choice.reason === "lagging" ? choice.reason : null;
    if (state !== this.skipped) {
      if (state)
        console.warn(
          `database: read replica skipped (${state === "lagging" ? `more than ${READ_MAX_LAG_MS / 1000} s behind` : "no answer"}); reading the primary`,
        );
      else console.warn("database: read replica in use again");
      this.skipped = state;
    }
    return choice.use === "replica" ? this.replica : this.primary;
  }
}

/**
 * The pool for dashboards, exports and the API when there is a replica: each request's reads go to the replica or to
 * the primary as ReplicaMonitor decides, the same one for the whole request (./read-context.ts).
 */
export function routedPool(primary: pg.Pool, replica: pg.Pool): { pool: pg.Pool; monitor: ReplicaMonitor } {
  const monitor = new ReplicaMonitor(primary, replica);
  const pick = (): pg.Pool => {
    const context = readContext();
    if (context?.primaryOnly) return primary;
    if (context?.chosen) return context.chosen;
    const chosen = monitor.choose(context?.wroteAt ?? null);
    if (context) context.chosen = chosen;
    return chosen;
  };
  // A replica that went away between two samples: the read is answered by the primary, not by an error page.
  const lost = (error: unknown) => {
    const e = error as { code?: string; message?: string };
    return (
      e.code === "ECONNREFUSED" ||
      e.code === "ECONNRESET" ||
      e.code === "ETIMEDOUT" ||
      e.code === "57P01" ||
      e.code === "57P03" ||
      /Connection terminated/.test(e.message ?? "")
    );
  };
  const withFallback =
    (method: "query" | "connect") =>
    (...args: unknown[]) => {
      const chosen = pick();
      const call = (p: pg.Pool) => (p[method] as (...a: unknown[]) => unknown).apply(p, args);
      const result = call(chosen);
      if (chosen !== replica || !(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        if (!lost(error)) throw error;
        monitor.lost();
        const context = readContext();
        if (context) context.chosen = primary;
        return call(primary);
      });
    };
  const pool = new Proxy(replica, {
    get(target, prop) {
      if (prop === "query") return withFallback("query");
      if (prop === "connect") return withFallback("connect");
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { pool, monitor };
}

/**
 * The primary's pool as requests see it when there is a replica: with the primary gone and the replica answering, a
 * request that only reads (a GET, ./read-context.ts) is answered by the replica, its session check and its notice bell
 * too; anything that writes, and work outside a request (scheduled jobs), keeps the primary and fails as an outage.
 * A write that a read-only request attempts on the replica fails with SQLSTATE 25006, which lib/data/unavailable.ts
 * counts as an outage.
 */
export function primaryOrReplica(primary: pg.Pool, replica: pg.Pool, monitor: ReplicaMonitor): pg.Pool {
  const pick = (): pg.Pool => {
    const context = readContext();
    return context && !context.primaryOnly && monitor.primaryDown() ? replica : primary;
  };
  return new Proxy(primary, {
    get(target, prop) {
      if (prop === "query" || prop === "connect") {
        return (...args: unknown[]) => {
          const chosen = pick();
          return (chosen[prop] as (...a: unknown[]) => unknown).apply(chosen, args);
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
