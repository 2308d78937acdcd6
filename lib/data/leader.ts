/**
 * Scheduled work that must run once across all app servers (issue 25, item 2): each server takes part in an election
 * on one PostgreSQL advisory lock, held by a session of its own on the primary. The server whose session holds the
 * lock is the leader and runs the jobs; the others only try again every `pollMs`. When the leader stops, crashes or
 * loses its connection, PostgreSQL ends its session and releases the lock, and another server takes over at its next
 * try. A session-level lock needs a real session: point DATABASE_URL at PostgreSQL itself or at a pooler in session
 * mode, never at a transaction-mode pooler.
 *
 * A job that fails is logged and tried again at its next turn; a job never overlaps itself (they run one after the
 * other on the leader's connection).
 */
import pg from "pg";

/** The election's lock key (the migrations' and the startup's locks are 72707369 and 72707370). */
export const LEADER_LOCK = 72707371;

export interface ScheduledJob {
  name: string;
  everyMs: number;
  /** Runs on the leader's own connection; returns a line for the log, or nothing. */
  run: (client: pg.Client, at: Date) => Promise<string | void>;
}

export interface Election {
  isLeader(): boolean;
  /** Ends the session (which releases the lock) and the timer. */
  stop(): Promise<void>;
  /** Resolves after the next try (tests). */
  tick(): Promise<void>;
}

export function startElection(
  databaseUrl: string,
  jobs: readonly ScheduledJob[],
  opts: { pollMs?: number; now?: () => Date; log?: (m: string) => void; name?: string } = {},
): Election {
  const pollMs = opts.pollMs ?? 15_000;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((m: string) => console.log(`[leader] ${m}`));
  let client: pg.Client | null = null;
  let leader = false;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const lastRun = new Map<string, number>();

  const drop = (why: string) => {
    if (leader) log(`no longer the leader (${why})`);
    leader = false;
    const c = client;
    client = null;
    c?.end().catch(() => {});
  };

  const once = async () => {
    if (stopped) return;
    try {
      if (!client) {
        const c = new pg.Client({
          connectionString: databaseUrl,
          application_name: `leader ${opts.name ?? process.pid}`,
          connectionTimeoutMillis: 5_000,
          // A database that hangs must not hang the election: the try fails, the session is dropped (its lock with it).
          query_timeout: 60_000,
        });
        c.on("error", (e: Error) => drop(e.message));
        await c.connect();
        client = c;
      }
      if (!leader) {
        const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LEADER_LOCK}) AS ok`);
        leader = rows[0]!.ok;
        if (leader) log("this server runs the scheduled work");
      }
      if (!leader) return;
      for (const job of jobs) {
        const t = now();
        const last = lastRun.get(job.name);
        if (last !== undefined && t.getTime() - last < job.everyMs) continue;
        lastRun.set(job.name, t.getTime());
        try {
          const line = await job.run(client, t);
          if (line) log(`${job.name}: ${line}`);
        } catch (error) {
          log(`${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } catch (error) {
      drop(error instanceof Error ? error.message : String(error));
    }
  };

  const tick = () => (running = running.then(once));
  void tick();
  const timer = setInterval(() => void tick(), pollMs);
  timer.unref();

  return {
    isLeader: () => leader,
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      leader = false;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/** The scheduled work of every installation: expired sessions and sign-in verifications go (a day after expiry). */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  {
    name: "expired sessions",
    everyMs: 60 * 60_000,
    async run(client, at) {
      const before = new Date(at.getTime() - 24 * 3_600_000);
      const sessions = await client.query(`DELETE FROM session WHERE expires_at < $1`, [before]);
      const verifications = await client.query(`DELETE FROM verification WHERE expires_at < $1`, [before]);
      const n = (sessions.rowCount ?? 0) + (verifications.rowCount ?? 0);
      return n > 0 ? `${sessions.rowCount} session(s), ${verifications.rowCount} verification(s) removed` : undefined;
    },
  },
];
