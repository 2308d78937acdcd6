/**
 * The process's PostgreSQL pools: one for writes and ordinary reads, one for dashboard aggregates that can point at a
 * read replica (DATABASE_READ_URL, falling back to DATABASE_URL). Kept on globalThis so that every copy of this
 * module in the process (Next.js bundles, the server in front of them) shares the same connections.
 */
import pg from "pg";

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

const globalForPools = globalThis as unknown as { __trackerPools?: Pools };

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
    const pool = new pg.Pool({ connectionString: databaseUrl(), ...options });
    const readUrl = process.env.DATABASE_READ_URL;
    globalForPools.__trackerPools = { pool, readPool: readUrl ? new pg.Pool({ connectionString: readUrl, ...options }) : pool };
    // An idle connection cut by the server (restart, pg_terminate_backend) is an 'error' event: unheard, it would
    // end the process. The pool drops that client; the next query opens a new one (issue 14).
    for (const p of new Set<pg.Pool>(Object.values(globalForPools.__trackerPools))) p.on("error", (e: Error) => console.warn("database pool:", e.message));
  }
  return globalForPools.__trackerPools;
}

export async function closePools(): Promise<void> {
  const p = globalForPools.__trackerPools;
  if (!p) return;
  globalForPools.__trackerPools = undefined;
  await p.pool.end();
  if (p.readPool !== p.pool) await p.readPool.end();
}
