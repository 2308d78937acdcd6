/**
 * `npm run test:integration` on its own: when no TEST_DATABASE_URL is given (scripts/test-all.sh gives one), start a
 * throwaway PostgreSQL cluster from the same embedded binaries as `npm start`, create a migrated empty database, and
 * point the test files at it; stop it and remove its files when the run ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startThrowawayCluster } from "../../../lib/embedded/postgres";
import { applyMigrations } from "../../../lib/migrations/apply";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-it-"));
  const cluster = await startThrowawayCluster(dir);
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  try {
    await admin.query("CREATE DATABASE tracker_it");
  } finally {
    await admin.end();
  }
  const url = cluster.url("tracker_it");
  await applyMigrations(url);
  process.env.TEST_ADMIN_DATABASE_URL = cluster.url("postgres");
  process.env.TEST_DATABASE_URL = url;
  process.env.DATABASE_URL = url;
  return async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
