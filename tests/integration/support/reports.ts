/** Fixtures for the report tests: the demo database, demo users as Viewers, and reports put into a known state by plain SQL. */
import pg from "pg";
import type { Viewer } from "@/lib/auth/viewer";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { resetDatabase, testDatabaseUrl, withClient } from "./db";
import type { MonthValues } from "@/lib/domain/validation";
import { REPORT_FIELDS } from "@/lib/domain/validation";

/** Empties the test database and loads the demo data as it stands at `today`. */
export async function loadDemo(today: Date): Promise<void> {
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, today);
  });
}

/** The demo database (loadDemo), with a pool of `max` connections on it. */
export async function demoDatabase(today: Date, max = 2): Promise<pg.Pool> {
  await loadDemo(today);
  return new pg.Pool({ connectionString: testDatabaseUrl(), max });
}

/** Several demo users as Viewers, in the order named. */
export function viewersOf<const N extends readonly string[]>(
  client: pg.Client | pg.Pool,
  ...usernames: N
): Promise<{ [K in keyof N]: Viewer }> {
  return Promise.all(usernames.map((u) => viewerOf(client, u))) as Promise<{ [K in keyof N]: Viewer }>;
}

export async function viewerOf(client: pg.Client | pg.Pool, username: string): Promise<Viewer> {
  const { rows } = await client.query(
    `SELECT u.id, u.username, u.name, u.role::text AS role, u.org_unit_id AS "orgUnitId", o.code AS "communeCode"
     FROM "user" u LEFT JOIN org_unit o ON o.id = u.org_unit_id WHERE u.username = $1`,
    [username],
  );
  if (!rows[0]) throw new Error(`no demo user ${username}`);
  return rows[0] as Viewer;
}

export async function communeId(client: pg.Client | pg.Pool, code: string): Promise<number> {
  const { rows } = await client.query<{ id: number }>(`SELECT id FROM org_unit WHERE code = $1`, [code]);
  return rows[0]!.id;
}

/** A complete month that passes every error rule after the commune's `previousPeriod` (warnings are possible). */
export async function validMonth(
  client: pg.Client | pg.Pool,
  orgUnitId: number,
  previousPeriod: string,
): Promise<MonthValues> {
  const { rows } = await client.query<{ code: string; value: number }>(
    `SELECT indicator_code AS code, value FROM data_value WHERE org_unit_id = $1 AND period = $2`,
    [orgUnitId, previousPeriod],
  );
  const prev = Object.fromEntries(rows.map((r) => [r.code, r.value])) as MonthValues;
  const received = prev.proc_received ?? 100;
  const pending = prev.proc_pending ?? 0;
  const early = prev.proc_resolved_early ?? 0;
  const onTime = prev.proc_resolved_on_time ?? 80;
  const late = prev.proc_resolved_late ?? 0;
  // The same month again, with resolved scaled down if the backlog would not allow it.
  const f = Math.min(1, (pending + received) / Math.max(1, early + onTime + late));
  const resolved = [Math.floor(early * f), Math.floor(onTime * f), Math.floor(late * f)] as const;
  return {
    ...Object.fromEntries(REPORT_FIELDS.map((c) => [c, prev[c] ?? 0])),
    proc_received: received,
    proc_received_online: Math.min(prev.proc_received_online ?? 0, received),
    proc_resolved_early: resolved[0],
    proc_resolved_on_time: resolved[1],
    proc_resolved_late: resolved[2],
    proc_pending: pending,
    dossiers_digitised: Math.min(prev.dossiers_digitised ?? 0, resolved[0] + resolved[1] + resolved[2] + pending),
    feedback_resolved: Math.min(prev.feedback_resolved ?? 0, prev.feedback_received ?? 0),
  };
}

/** Every warning key there can be: acknowledging keys that did not fire is harmless. */
export const ALL_WARNING_KEYS = [
  "staff_above_quota",
  ...REPORT_FIELDS.flatMap((f) => [`outlier_high:${f}`, `outlier_low:${f}`]),
];

/** Puts (commune, period) into `status` with `values` (or removes the report when status is null); returns its id. */
export async function setReport(
  client: pg.Client | pg.Pool,
  orgUnitId: number,
  period: string,
  status: "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED" | null,
  values: MonthValues = {},
): Promise<number | null> {
  await client.query(`DELETE FROM data_value WHERE org_unit_id = $1 AND period = $2`, [orgUnitId, period]);
  await client.query(`DELETE FROM monthly_report WHERE org_unit_id = $1 AND period = $2`, [orgUnitId, period]);
  if (status === null) return null;
  const submitted = status !== "DRAFT";
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO monthly_report (org_unit_id, period, status, version, submitted_at, first_submitted_at, return_comment, updated_at)
     VALUES ($1, $2, $3::"ReportStatus", 1, $4, $4, $5, now()) RETURNING id`,
    [orgUnitId, period, status, submitted ? new Date() : null, status === "RETURNED" ? "Đề nghị kiểm tra lại" : null],
  );
  const entries = Object.entries(values).filter(([, v]) => v != null);
  if (entries.length > 0) {
    await client.query(
      `INSERT INTO data_value (org_unit_id, period, indicator_code, value)
       SELECT $1, $2, c, v FROM unnest($3::text[], $4::float8[]) AS t(c, v)`,
      [orgUnitId, period, entries.map(([c]) => c), entries.map(([, v]) => v)],
    );
  }
  return rows[0]!.id;
}

export async function auditCount(client: pg.Client | pg.Pool): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
  return rows[0]!.n;
}
