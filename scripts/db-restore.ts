/**
 * `npm run db:restore FILE`: restores a backup of `npm run db:backup` into an EMPTY database: DATABASE_URL, or the
 * embedded one of ./.data (stop `npm start` and move ./.data/pg away first; a new one is created). Refuses a database
 * that holds rows, a backup from a newer version of the app, and a backup that is cut short or damaged; all or nothing
 * (lib/data/backup.ts): on any failure the target is left as it was. Sessions are not in a backup: everyone signs in again.
 */
import path from "node:path";
import { restoreDatabase } from "../lib/data/backup";
import { readMigrations } from "../lib/migrations/apply";
import { FolderInUse, runningEmbeddedDatabaseUrl, withDatabase } from "../lib/embedded/instance";

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npm run db:restore FILE");
    process.exit(2);
  }
  if (!process.env.DATABASE_URL && runningEmbeddedDatabaseUrl()) {
    throw new Error(
      "npm start is serving ./.data: stop it, move ./.data/pg away, then restore into a new, empty database",
    );
  }
  const started = Date.now();
  const log = (m: string) => console.log(`[restore] ${m}`);
  const { header, loaded } = await withDatabase("npm run db:restore", log, (url) =>
    restoreDatabase(
      url,
      path.resolve(file),
      readMigrations().map((m) => m.name),
      log,
    ),
  );
  const rows = Object.values(loaded).reduce((a, n) => a + n, 0);
  log(
    `Restored ${rows} rows in ${Object.keys(loaded).length} tables from the backup of ${header.createdAt} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(
    `[restore] failed: ${error instanceof FolderInUse || error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
