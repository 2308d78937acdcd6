/** Shared set-up for integration tests: the real PostgreSQL of scripts/test-all.sh (DATABASE_URL), migrated. */
import pg from "pg";

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url)
    throw new Error("Integration tests need TEST_DATABASE_URL (npm test starts a PostgreSQL cluster and sets it)");
  return url;
}

/** Empties every application table (the audit log's append-only trigger is bypassed by TRUNCATE ... only for tests). */
export async function resetDatabase(client: pg.Client | pg.PoolClient): Promise<void> {
  await client.query(`SET session_replication_role = replica`);
  await client.query(`TRUNCATE setup_token, two_factor, notice, data_value, monthly_report, province_month_value, former_unit, period_lock, api_token, session, account, verification,
    rate_limit, "user", indicator, org_unit, installation_mark, publication, public_value, public_report, public_snapshot,
    import_batch, import_batch_value, import_batch_report, reminder_sent RESTART IDENTITY CASCADE`);
  await client.query(`DELETE FROM public_setting`);
  await client.query(`DELETE FROM audit_log`);
  await client.query(`SET session_replication_role = DEFAULT`);
}

/** Runs `fn` on a new connection to `url` (another database of the test cluster), closed afterwards. */
export async function withClientAt<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClientAt(testDatabaseUrl(), fn);
}
