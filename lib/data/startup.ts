/**
 * What every start does to its database before serving (scripts/start.ts): pending migrations, the reference data,
 * the demo data where they belong (lib/data/demo-seed.ts). All under one advisory lock of the database, held by
 * this session until it is done: two servers started together on one empty database take turns (the second finds
 * everything done) instead of one dying with "deadlock detected".
 */
import pg from "pg";
import { applyMigrations } from "@/lib/migrations/apply";
import { seedDemoIfEmpty } from "./demo-seed";
import { seedReferenceData } from "./seed";
import { issueSetupToken } from "./setup";

/** The startup lock's key (the migrations' own lock, lib/migrations/apply.ts, is another). */
const STARTUP_LOCK = 72707370;

export async function prepareDatabase(
  databaseUrl: string,
  today: Date,
  log: (m: string) => void = () => {},
): Promise<{ applied: string[]; demo: Awaited<ReturnType<typeof seedDemoIfEmpty>>; setupToken: string | null }> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "startup" });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${STARTUP_LOCK}) AS ok`);
    if (!rows[0]!.ok) {
      log("Another server is preparing this database; waiting for it…");
      await client.query(`SELECT pg_advisory_lock(${STARTUP_LOCK})`);
    }
    const { applied } = await applyMigrations(databaseUrl, log);
    await seedReferenceData(client);
    const demo = await seedDemoIfEmpty(client, today, log);
    // Planner statistics for the freshly loaded tables: without them the first dashboards plan for empty tables.
    if (demo) await client.query("ANALYZE");
    // No administrator yet: the first-run setup address's token (lib/data/setup.ts).
    const setupToken = await issueSetupToken(client, today);
    return { applied, demo, setupToken };
  } finally {
    // Ending the session releases the lock too; unlock first in case a pooler keeps the session.
    await client.query(`SELECT pg_advisory_unlock_all()`).catch(() => {});
    await client.end();
  }
}
