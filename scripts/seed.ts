/** `npm run db:seed`: reference data into DATABASE_URL, and the demo data if the database has no reports. */
import pg from "pg";
import { seedDemoIfEmpty } from "../lib/data/demo-seed";
import { seedReferenceData } from "../lib/data/seed";
import { now } from "../lib/clock";

async function main() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await seedReferenceData(client);
    const demo = await seedDemoIfEmpty(client, now(), console.log);
    console.log(
      demo
        ? `Loaded ${demo.reports} reports and ${demo.values} values up to ${demo.until}`
        : "Reference data loaded; demo data already present or disabled",
    );
  } finally {
    await client.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
