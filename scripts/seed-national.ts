/**
 * `npm run db:seed:national`: loads the national-scale benchmark data set (34 provinces, 3,321 communes,
 * 36 months) into DATABASE_URL, replacing any reports and values there. Meant for a real PostgreSQL.
 */
import pg from "pg";
import { applyMigrations } from "../lib/migrations/apply";
import { loadDemoProvince, seedReferenceData, upsertProvince } from "../lib/data/seed";
import { nationalProvinces, syntheticProvinces } from "../lib/demo/national";
import { searchKey } from "../lib/domain/text";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const started = Date.now();
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("TRUNCATE data_value, monthly_report, notice");
    await seedReferenceData(client);
    const synthetic = new Map(syntheticProvinces().map((p) => [p.code, p]));
    let values = 0;
    let reports = 0;
    let communes = 0;
    for (const { info, data } of nationalProvinces()) {
      let ids: Map<string, number>;
      const s = synthetic.get(info.code);
      if (s) {
        ids = await upsertProvince(
          client,
          { code: s.code, name: s.name, fullName: s.name },
          s.communes.map((c) => ({
            code: c.code,
            name: c.name,
            fullName: c.name,
            kind: c.kind,
            formerDistricts: [],
            areaKm2: null,
            population: c.population,
            hqAddress: null,
            centroid: null,
            resolution: null,
            predecessors: [],
          })),
        );
      } else {
        ids = await seedReferenceData(client);
      }
      const counts = await loadDemoProvince(client, data, ids);
      values += counts.values;
      reports += counts.reports;
      communes += data.communes.length;
      process.stdout.write(
        `\r${info.code} ${searchKey(info.name)}: ${communes} communes, ${values.toLocaleString("en")} values`,
      );
    }
    // Statistics for the planner, and the visibility map that lets the covering indexes answer without the table
    // (autovacuum would get there too, some minutes after a bulk load).
    await client.query("VACUUM ANALYZE");
    console.log(
      `\nLoaded ${communes} communes, ${reports} reports, ${values} values in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await client.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
