/**
 * The SQL of publishing (./publication.ts): the month's state and approved values, the published copies, the
 * snapshots rebuilt from them, the public cache's version; over a Prisma transaction or a plain pg client (`Sql`).
 */
import type pg from "pg";
import type { Prisma } from "@/generated/prisma/client";
import { now as clockNow } from "@/lib/clock";
import type { Observation } from "@/lib/domain/aggregate";
import { type RawCode, RAW_INDICATORS } from "@/lib/domain/indicators";
import { type Period } from "@/lib/domain/periods";
import { type PublicUnit, buildSnapshot, periodPublishedAt, publicPeriods } from "@/lib/domain/publication";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { DataError } from "./errors";

export type Tx = Prisma.TransactionClient;

/** A query runner over a Prisma transaction or a plain pg client (the demo seed publishes inside its own transaction). */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
export const txSql =
  (tx: Tx): Sql =>
  (text, params = []) =>
    tx.$queryRawUnsafe(text, ...params);
export const pgSql =
  (client: pg.Client | pg.PoolClient): Sql =>
  async <T>(text: string, params: unknown[] = []) =>
    (await client.query(text, params)).rows as T[];

export const COMMUNE_RAW_CODES: RawCode[] = RAW_INDICATORS.filter((i) => i.entryLevel === "COMMUNE").map((i) => i.code);
/** One publication or withdrawal at a time (they recompute the same snapshots). */
export const PUBLICATION_LOCK = 2026_26;

export async function provinceId(sql: Sql, code = HOME_PROVINCE): Promise<number> {
  const rows = await sql<{ id: number }>(`SELECT id FROM org_unit WHERE code = $1 AND level = 'PROVINCE'`, [code]);
  if (!rows[0]) throw new DataError("NOT_FOUND", { key: "publication.provinceNotFound" });
  return rows[0].id;
}

export async function monthState(
  sql: Sql,
  pid: number,
  period: string,
): Promise<{ published: boolean; approved: number; awaiting: number }> {
  const [row] = await sql<{ approved: number; awaiting: number; published: boolean }>(
    `
    SELECT count(*) FILTER (WHERE r.status = 'APPROVED')::int AS approved,
      count(*) FILTER (WHERE r.status = 'SUBMITTED')::int AS awaiting,
      EXISTS (SELECT 1 FROM publication p WHERE p.province_id = $1 AND p.period = $2) AS published
    FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
    WHERE u.parent_id = $1 AND u.level = 'COMMUNE' AND r.period = $2`,
    [pid, period],
  );
  return row ?? { published: false, approved: 0, awaiting: 0 };
}

export async function publicUnits(sql: Sql, pid: number): Promise<PublicUnit[]> {
  return sql<PublicUnit>(
    `
    SELECT code, name AS "nameVi", kind::text AS kind FROM org_unit
    WHERE parent_id = $1 AND level = 'COMMUNE' ORDER BY search_name, code`,
    [pid],
  );
}

/** The approved values and reports of one month as they stand in the reports (what publishing it would copy). */
export async function approvedMonth(sql: Sql, pid: number, period: string) {
  // One after the other: a pg client runs one query at a time anyway.
  const values = await sql<{ unit: string; code: RawCode; value: number }>(
    `
      SELECT u.code AS unit, dv.indicator_code AS code, dv.value::float8 AS value
      FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
      JOIN data_value dv ON dv.org_unit_id = r.org_unit_id AND dv.period = r.period
      WHERE u.parent_id = $1 AND u.level = 'COMMUNE' AND r.period = $2 AND r.status = 'APPROVED'
        AND dv.indicator_code = ANY($3::text[])`,
    [pid, period, COMMUNE_RAW_CODES],
  );
  const reports = await sql<{ unit: string; firstSubmittedAt: Date | null }>(
    `
      SELECT u.code AS unit, r.first_submitted_at AS "firstSubmittedAt"
      FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
      WHERE u.parent_id = $1 AND u.level = 'COMMUNE' AND r.period = $2 AND r.status = 'APPROVED'`,
    [pid, period],
  );
  return {
    observations: values.map((v): Observation => ({ unit: v.unit, period, code: v.code, value: v.value })),
    reports: reports.map((r) => ({ unit: r.unit, period, firstSubmittedAt: r.firstSubmittedAt })),
  };
}

/** What the public view holds (copied values and reports of published months). */
export async function publishedData(sql: Sql, pid: number) {
  const values = await sql<{ unit: string; period: string; code: RawCode; value: number }>(
    `SELECT unit_code AS unit, period, indicator_code AS code, value FROM public_value WHERE province_id = $1`,
    [pid],
  );
  const reports = await sql<{ unit: string; period: string; firstSubmittedAt: Date | null }>(
    `SELECT unit_code AS unit, period, first_submitted_at AS "firstSubmittedAt" FROM public_report WHERE province_id = $1`,
    [pid],
  );
  const pubs = await sql<{ period: string; publishedAt: Date }>(
    `SELECT period, published_at AS "publishedAt" FROM publication WHERE province_id = $1`,
    [pid],
  );
  return {
    observations: values as Observation[],
    reports,
    publications: new Map(pubs.map((p) => [p.period, p.publishedAt])),
  };
}

/** Rebuilds the snapshots of every public period ending in `from` or later, and drops those no longer public. */
export async function rebuildSnapshots(sql: Sql, pid: number, from: Period): Promise<number> {
  const units = await publicUnits(sql, pid);
  const data = await publishedData(sql, pid);
  const periods = publicPeriods(data.publications.keys());
  await sql(`DELETE FROM public_snapshot WHERE province_id = $1 AND to_period >= $2`, [pid, from]);
  // Periods no longer made only of published months (a withdrawal) are gone whatever their end.
  const keys = periods.map((p) => p.key);
  await sql(`DELETE FROM public_snapshot WHERE province_id = $1 AND NOT (period_key = ANY($2::text[]))`, [pid, keys]);
  let written = 0;
  for (const p of periods) {
    if (p.to < from) continue;
    const payload = buildSnapshot(p, units, data.observations, data.reports);
    await sql(
      `INSERT INTO public_snapshot (province_id, period_key, from_period, to_period, published_at, payload) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [pid, p.key, p.from, p.to, periodPublishedAt(p, data.publications), JSON.stringify(payload)],
    );
    written++;
  }
  return written;
}

export async function bumpVersion(sql: Sql): Promise<void> {
  await sql(
    `INSERT INTO public_setting (id, enabled, version, changed_at) VALUES (1, false, 1, $1)
    ON CONFLICT (id) DO UPDATE SET version = public_setting.version + 1, changed_at = excluded.changed_at`,
    [clockNow()],
  );
}

/** Copies the month's approved values and reports, records the publication and rebuilds what it changes. */
export async function publishCore(
  sql: Sql,
  pid: number,
  period: Period,
  at: Date,
  byId: string | null,
): Promise<{ reports: number; snapshots: number }> {
  const month = await approvedMonth(sql, pid, period);
  if (month.observations.length) {
    await sql(
      `INSERT INTO public_value (province_id, period, unit_code, indicator_code, value)
       SELECT $1, $2, u, c, v FROM unnest($3::text[], $4::text[], $5::float8[]) AS t(u, c, v)`,
      [
        pid,
        period,
        month.observations.map((o) => o.unit),
        month.observations.map((o) => o.code),
        month.observations.map((o) => o.value),
      ],
    );
  }
  if (month.reports.length) {
    await sql(
      `INSERT INTO public_report (province_id, period, unit_code, first_submitted_at)
       SELECT $1, $2, u, s FROM unnest($3::text[], $4::timestamptz[]) AS t(u, s)`,
      [pid, period, month.reports.map((r) => r.unit), month.reports.map((r) => r.firstSubmittedAt)],
    );
  }
  await sql(`INSERT INTO publication (province_id, period, published_at, published_by_id) VALUES ($1, $2, $3, $4)`, [
    pid,
    period,
    at,
    byId,
  ]);
  const snapshots = await rebuildSnapshots(sql, pid, period);
  await bumpVersion(sql);
  return { reports: month.reports.length, snapshots };
}
