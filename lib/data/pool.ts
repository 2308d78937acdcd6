/**
 * The process's PostgreSQL pools: one for writes and ordinary reads, one for dashboard aggregates that can point at a
 * read replica (DATABASE_READ_URL, falling back to DATABASE_URL). Kept on globalThis so that every copy of this
 * module in the process (Next.js bundles, the server in front of them) shares the same connections.
 *
 * Bounded waits (issue 30, item 3). A database that is stopped answers at once (connection refused or reset); one that
 * hangs (frozen, a dead network) answers nothing, and PostgreSQL's own statement_timeout cannot fire. So each pool has
 * a watchdog: when a connection has waited WATCHDOG_MS for an answer (a query or a new connection), it opens a fresh
 * connection and runs `SELECT 1` within PROBE_MS. If that gets an answer the database is only busy and nothing
 * happens (long exports stream on); if not, every waiting connection is cut, so its query fails with a connection
 * error (lib/data/unavailable.ts: the outage message, the API's 503) about 4 s after it was sent, and new connections
 * fail at once until a probe gets an answer again.
 */
import pg from "pg";
import { READ_MAX_LAG_MS, type ReplicaMonitor, primaryOrReplica, routedPool } from "./replica-routing";

// int8 (COUNT, SUM of integers) comes back as a string by default; our sums stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface Pools {
  pool: pg.Pool;
  readPool: pg.Pool;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  return url;
}

const WATCHDOG_MS = Number(process.env.DATABASE_WATCHDOG_MS ?? 2_000);
const PROBE_MS = Number(process.env.DATABASE_PROBE_MS ?? 1_500);

/** Whether a fresh connection to `url` gets an answer to `SELECT 1` within `timeoutMs`. An error the server sends (too
 * many connections, starting up) is an answer: the server is alive. */
export async function probeDatabase(
  url: string,
  timeoutMs = PROBE_MS,
): Promise<{ answered: boolean; ok: boolean; error?: string }> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    application_name: "probe",
  });
  client.on("error", () => {});
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs + 250);
  });
  try {
    await Promise.race([client.connect().then(() => client.query("SELECT 1")), deadline]);
    return { answered: true, ok: true };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const fromServer = typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith("08");
    return { answered: fromServer, ok: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
    const connection = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection;
    void client.end().catch(() => {});
    setTimeout(() => connection?.stream?.destroy(), 500).unref();
  }
}

/** What pg keeps on a client that the watchdog reads (pg 8.x internals). */
interface ClientInternals {
  _activeQuery?: unknown;
  _queryQueue?: unknown[];
  connection?: { stream?: { destroy(): void }; on(event: string, fn: () => void): void };
}

interface Watched {
  client: pg.Client;
  /** Last time bytes came from the server, or the client started waiting (query sent while idle, connect begun). */
  since: number;
  connecting: boolean;
}

/** An error that lib/data/unavailable.ts recognises: the outage message. */
function noAnswer(seconds: number): Error {
  return Object.assign(new Error(`Connection terminated: the database did not answer within ${seconds} s`), {
    code: "ETIMEDOUT",
  });
}

class Watchdog {
  readonly watched = new Set<Watched>();
  /** Since when the database has not answered a probe (null: it answers). */
  unresponsiveSince: number | null = null;
  private probing = false;
  private lastProbe = 0;
  private timer: NodeJS.Timeout;

  constructor(private readonly url: string) {
    this.timer = setInterval(() => void this.tick(), 250);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
  }

  private busy(w: Watched): boolean {
    const c = w.client as unknown as ClientInternals;
    return w.connecting || !!c._activeQuery || (c._queryQueue?.length ?? 0) > 0;
  }

  private async tick() {
    if (this.probing) return;
    const t = Date.now();
    const stalled = [...this.watched].some((w) => this.busy(w) && t - w.since >= WATCHDOG_MS);
    // While unresponsive, probe every second to find out when it answers again.
    if (!stalled && !(this.unresponsiveSince !== null && t - this.lastProbe >= 1_000)) return;
    if (stalled && this.unresponsiveSince === null && t - this.lastProbe < WATCHDOG_MS) return;
    this.probing = true;
    this.lastProbe = t;
    try {
      const probe = await probeDatabase(this.url);
      if (probe.answered) {
        if (this.unresponsiveSince !== null) console.warn("database: answering again");
        this.unresponsiveSince = null;
        return;
      }
      if (this.unresponsiveSince === null) {
        this.unresponsiveSince = Date.now();
        console.warn(`database: no answer (${probe.error}); failing the requests that wait for it`);
      }
      // Every connection goes, the idle ones too (the pool drops them): the next request fails at once instead of
      // waiting on a connection that cannot answer.
      for (const w of this.watched) (w.client as unknown as ClientInternals).connection?.stream?.destroy();
    } finally {
      this.probing = false;
    }
  }

  /** A client class for pg.Pool whose connections this watchdog follows. */
  clientClass(): typeof pg.Client {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const dog = this;
    return class WatchedClient extends pg.Client {
      constructor(config?: string | pg.ClientConfig) {
        super(config);
        const w: Watched = { client: this, since: Date.now(), connecting: false };
        const internals = this as unknown as ClientInternals;
        const connect = this.connect.bind(this) as (cb?: (error?: Error) => void) => Promise<void> | void;
        const query = this.query.bind(this) as (...args: unknown[]) => unknown;
        (this as unknown as { connect: typeof connect }).connect = (callback) => {
          if (dog.unresponsiveSince !== null) {
            const error = noAnswer(Math.round((Date.now() - dog.unresponsiveSince) / 1000) + WATCHDOG_MS / 1000);
            if (callback) {
              process.nextTick(() => callback(error));
              return;
            }
            return Promise.reject(error);
          }
          dog.watched.add(w);
          w.connecting = true;
          w.since = Date.now();
          const settle = () => {
            w.connecting = false;
            w.since = Date.now();
            // Each message parsed from the server (not the socket's 'data': pg-copy-streams wants to be its only listener).
            internals.connection?.on("message", () => {
              w.since = Date.now();
            });
          };
          if (callback)
            return connect((error) => {
              settle();
              callback(error);
            });
          return (connect() as Promise<void>).finally(settle);
        };
        (this as unknown as { query: typeof query }).query = (...args: unknown[]) => {
          if (!internals._activeQuery && (internals._queryQueue?.length ?? 0) === 0) w.since = Date.now();
          return query(...args);
        };
        this.once("end", () => dog.watched.delete(w));
      }
    } as typeof pg.Client;
  }
}

/** A pool on `url` whose waits are bounded (see above). */
export function watchedPool(url: string, options: pg.PoolConfig = {}): pg.Pool {
  const dog = new Watchdog(url);
  const pool = new pg.Pool({ connectionString: url, ...options, Client: dog.clientClass() });
  const end = pool.end.bind(pool) as (...args: unknown[]) => unknown;
  pool.end = ((...args: unknown[]) => {
    dog.stop();
    return end(...args);
  }) as typeof pool.end;
  return pool;
}

const globalForPools = globalThis as unknown as { __trackerPools?: Pools; __trackerReplicaMonitor?: ReplicaMonitor };

export function pools(): Pools {
  if (!globalForPools.__trackerPools) {
    // One pool for the page cache's checks, rendering, the API and exports together. Every statement has a time limit,
    // so no request can hold a connection for long (an export raises its own limit on a connection it then discards).
    const options: pg.PoolConfig = {
      max: Number(process.env.DATABASE_POOL_MAX ?? 20),
      statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 30_000),
      idle_in_transaction_session_timeout: 60_000,
      connectionTimeoutMillis: 10_000,
    };
    const primary = watchedPool(databaseUrl(), options);
    const readUrl = process.env.DATABASE_READ_URL;
    let pool = primary;
    let readPool = primary;
    if (readUrl) {
      const replica = watchedPool(readUrl, options);
      const routed = routedPool(primary, replica);
      readPool = routed.pool;
      pool = primaryOrReplica(primary, replica, routed.monitor);
      globalForPools.__trackerReplicaMonitor = routed.monitor;
    }
    globalForPools.__trackerPools = { pool, readPool };
    // An idle connection cut by the server (restart, pg_terminate_backend) is an 'error' event: unheard, it would
    // end the process. The pool drops that client; the next query opens a new one (issue 14).
    for (const p of new Set<pg.Pool>(Object.values(globalForPools.__trackerPools)))
      p.on("error", (e: Error) => console.warn("database pool:", e.message));
  }
  return globalForPools.__trackerPools;
}

export async function closePools(): Promise<void> {
  const p = globalForPools.__trackerPools;
  if (!p) return;
  globalForPools.__trackerPools = undefined;
  globalForPools.__trackerReplicaMonitor?.stop();
  globalForPools.__trackerReplicaMonitor = undefined;
  await p.pool.end();
  if (p.readPool !== p.pool) await p.readPool.end();
}

/** Whether saving is paused: the primary does not answer and reads are served by the replica (pages say so). */
export function savingPaused(): boolean {
  return globalForPools.__trackerReplicaMonitor?.primaryDown() ?? false;
}

/** The replica's lag as this server's reads see it: null without a replica (or before its first sample). */
export function replicaBehindMs(): number | null {
  return globalForPools.__trackerReplicaMonitor?.behindMs() ?? null;
}

export { READ_MAX_LAG_MS };
