/**
 * The one way values and audit rows are written (issue 27): the month form (lib/data/reports.ts), the import
 * (lib/data/import.ts) and its undo write data_value through upsertValues / deleteValues and audit_log through
 * appendAudit, inside the caller's transaction (lib/data/transaction.ts), with the caller's instant (lib/clock), so a
 * write and its audit rows commit or fail together and carry the same time.
 *
 * Rows go in as arrays through unnest(), a statement per VALUE_BATCH rows, never a statement per row; or, for an
 * import's commit, set-based from its staging table (./import-staging.ts): upsertValuesFrom, appendAuditFrom.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { StagingTable } from "./import-staging";

type Tx = Prisma.TransactionClient;

export interface ValueRow {
  orgUnitId: number;
  period: string;
  indicatorCode: string;
  value: number;
}

/** Rows per statement: few statements for a national file, each well within PostgreSQL's message size. */
const VALUE_BATCH = 50_000;

function* batches<T>(rows: readonly T[], size = VALUE_BATCH): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Inserts or updates values (one row per commune, month and indicator), stamped with who and when. */
export async function upsertValues(tx: Tx, by: { userId: string; at: Date }, rows: readonly ValueRow[]): Promise<void> {
  for (const batch of batches(rows)) {
    await tx.$executeRaw`
      INSERT INTO data_value (org_unit_id, period, indicator_code, value, updated_at, updated_by_id)
      SELECT t.org_unit_id, t.period, t.indicator_code, t.value, ${by.at}::timestamptz, ${by.userId}
      FROM unnest(${batch.map((r) => r.orgUnitId)}::int[], ${batch.map((r) => r.period)}::text[],
        ${batch.map((r) => r.indicatorCode)}::text[], ${batch.map((r) => r.value)}::float8[]) AS t(org_unit_id, period, indicator_code, value)
      ON CONFLICT (org_unit_id, period, indicator_code)
      DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by_id = EXCLUDED.updated_by_id`;
  }
}

/**
 * upsertValues from a staging table (./import-staging.ts): each of its rows' new_value is written, stamped as
 * upsertValues stamps. Returns the number of values written.
 *
 * Two statements instead of one `INSERT … ON CONFLICT DO UPDATE`: the rows with no old value are plain inserts (the
 * import found none stored, under the locks its commit holds), the others updates where the value differs. On a
 * national year of new values ON CONFLICT's speculative insertion cost about a sixth of the merge's CPU and a
 * quarter of its buffer reads (bench/results-import.md). A value stored meanwhile makes the insert fail (unique key),
 * which rolls the whole import back.
 */
export async function upsertValuesFrom(
  tx: Tx,
  staging: StagingTable,
  by: { userId: string; at: Date },
): Promise<number> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO data_value (org_unit_id, period, indicator_code, value, updated_at, updated_by_id)
     SELECT s.org_unit_id, s.period, s.indicator_code, s.new_value, $1::timestamptz, $2 FROM ${staging.name} s
     WHERE s.old_value IS NULL`,
    by.at,
    by.userId,
  );
  const updated = await tx.$executeRawUnsafe(
    `UPDATE data_value v SET value = s.new_value, updated_at = $1::timestamptz, updated_by_id = $2
     FROM ${staging.name} s
     WHERE s.old_value IS NOT NULL AND v.org_unit_id = s.org_unit_id AND v.period = s.period
       AND v.indicator_code = s.indicator_code AND v.value IS DISTINCT FROM s.new_value`,
    by.at,
    by.userId,
  );
  return inserted + updated;
}

/** Removes values (a field the form emptied, a value an undone import had added). */
export async function deleteValues(tx: Tx, rows: readonly Omit<ValueRow, "value">[]): Promise<void> {
  for (const batch of batches(rows)) {
    await tx.$executeRaw`
      DELETE FROM data_value v
      USING unnest(${batch.map((r) => r.orgUnitId)}::int[], ${batch.map((r) => r.period)}::text[], ${batch.map((r) => r.indicatorCode)}::text[])
        AS t(org_unit_id, period, indicator_code)
      WHERE v.org_unit_id = t.org_unit_id AND v.period = t.period AND v.indicator_code = t.indicator_code`;
  }
}

export type Changes = Record<string, { old: unknown; new: unknown }>;

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  orgUnitId?: number | null;
  period?: string | null;
  changes?: Changes | null;
  reason?: string | null;
}

export interface AuditActor {
  id: string;
  username: string;
}

/**
 * appendAudit for rows a query gives (an import's audit rows by report, built from its staging table): `select`
 * returns the columns action, entity, entity_id, org_unit_id, period, changes (jsonb), reason.
 */
export async function appendAuditFrom(tx: Tx, actor: AuditActor | null, at: Date, select: Prisma.Sql): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, org_unit_id, period, changes, reason)
    SELECT ${at}::timestamptz, ${actor?.id ?? null}::text, ${actor?.username ?? null}::text,
      t.action, t.entity, t.entity_id, t.org_unit_id, t.period, t.changes, t.reason
    FROM (${select}) AS t`;
}

/** Appends one audit row or many, all at `at`, by `actor` (null for the system). */
export async function appendAudit(
  tx: Tx,
  actor: AuditActor | null,
  at: Date,
  entries: AuditEntry | readonly AuditEntry[],
): Promise<void> {
  const list = Array.isArray(entries) ? (entries as readonly AuditEntry[]) : [entries as AuditEntry];
  for (const batch of batches(list, 10_000)) {
    await tx.$executeRaw`
      INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, org_unit_id, period, changes, reason)
      SELECT ${at}::timestamptz, ${actor?.id ?? null}, ${actor?.username ?? null}, t.action, t.entity, t.entity_id, t.org_unit_id, t.period,
        t.changes::jsonb, t.reason
      FROM unnest(${batch.map((e) => e.action)}::text[], ${batch.map((e) => e.entity)}::text[], ${batch.map((e) => e.entityId ?? null)}::text[],
        ${batch.map((e) => e.orgUnitId ?? null)}::int[], ${batch.map((e) => e.period ?? null)}::text[],
        ${batch.map((e) => (e.changes ? JSON.stringify(e.changes) : null))}::text[], ${batch.map((e) => e.reason ?? null)}::text[])
        AS t(action, entity, entity_id, org_unit_id, period, changes, reason)`;
  }
}
