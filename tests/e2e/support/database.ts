/**
 * The e2e tests' hand on the app's database (E2E_DATABASE_URL, a superuser in the harness): read what a save wrote,
 * and make the database unreachable for a while. "Down" here is the database refusing every connection
 * (ALLOW_CONNECTIONS false) after its open connections were cut (pg_terminate_backend): to the app exactly what a
 * stopped or restarting server looks like (connections dropped, new ones refused), without stopping a server that
 * other suites share.
 */
import pg from "pg";

function url(): string {
  const u = process.env.E2E_DATABASE_URL;
  if (!u) throw new Error("E2E_DATABASE_URL is not set");
  return u;
}

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  // Connected to the maintenance database, so refusing connections to the app's database does not refuse ours.
  const admin = new URL(url());
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function appDatabase(): string {
  return decodeURIComponent(new URL(url()).pathname.slice(1));
}

export async function stopDatabase(): Promise<void> {
  await withAdmin(async (c) => {
    const name = appDatabase();
    await c.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS false`);
    await c.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [name],
    );
  });
}

export async function startDatabase(): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`ALTER DATABASE ${pg.escapeIdentifier(appDatabase())} ALLOW_CONNECTIONS true`);
  });
}

export async function query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url() });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** The stored report (version, status) and values of one commune's month. */
export async function storedReport(username: string, period: string) {
  const [report] = await query<{ version: number; status: string }>(
    `SELECT r.version, r.status::text AS status FROM monthly_report r JOIN "user" u ON u.org_unit_id = r.org_unit_id
     WHERE u.username = $1 AND r.period = $2`,
    [username, period],
  );
  const values = await query<{ code: string; value: number }>(
    `SELECT d.indicator_code AS code, d.value FROM data_value d JOIN "user" u ON u.org_unit_id = d.org_unit_id
     WHERE u.username = $1 AND d.period = $2`,
    [username, period],
  );
  return { report, values: Object.fromEntries(values.map((v) => [v.code, v.value])) };
}
