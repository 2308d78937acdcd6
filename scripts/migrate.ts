// `npm run db:migrate`: applies pending prisma/migrations to DATABASE_URL (PostgreSQL or pglite-socket).
import { applyMigrations } from "../lib/migrations/apply";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set.");
    return 2;
  }
  const { applied } = await applyMigrations(url, (msg) => console.log(msg));
  console.log(applied.length === 0 ? "No pending migrations." : `Applied ${applied.length} migration(s).`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
