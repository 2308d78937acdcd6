/**
 * `npm run db:backup [FILE]`: a consistent backup of the running database (DATABASE_URL, or the embedded one of
 * ./.data, started for the occasion if `npm start` is not running) to FILE (default backups/tracker-<time>.sql.gz).
 * See lib/data/backup.ts for the format; `npm run db:restore FILE` reads it back.
 */
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { backupDatabase } from "../lib/data/backup";
import { withDatabase } from "../lib/embedded/instance";
import { now } from "../lib/clock";

async function main() {
  const stamp = now().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const file = path.resolve(process.argv[2] ?? path.join("backups", `tracker-${stamp}.sql.gz`));
  mkdirSync(path.dirname(file), { recursive: true });
  const started = Date.now();
  const header = await withDatabase(
    "npm run db:backup",
    (m) => console.log(`[backup] ${m}`),
    (url) => backupDatabase(url, file),
  );
  const rows = header.tables.reduce((a, t) => a + t.rows, 0);
  console.log(
    `[backup] ${file}: ${header.tables.length} tables, ${rows} rows, PostgreSQL ${header.server}, ` +
      `${header.migrations.length} migrations, ${(statSync(file).size / 2 ** 20).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(`[backup] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
