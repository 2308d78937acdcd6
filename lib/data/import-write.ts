/**
 * What a checked import's commit writes, inside its transaction (./import.ts): reports created as drafts (or approved,
 * loading history) or bumped, the values set-based from the staging table (./import-staging.ts) through the form's
 * writer (./values.ts upsertValuesFrom), the batch with every value and what it replaced (./import-batches.ts undoes
 * it), and the audit rows: one per report written, one for the import.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { PlanSummary } from "@/lib/domain/import/summary";
import type { MonthWrite } from "@/lib/domain/import/writes";
import type { ReportStatus } from "@/lib/domain/report-status";
import { now } from "@/lib/clock";
import { DataError } from "./errors";
import type { StagingTable } from "./import-staging";
import { raw, sql } from "./read-sql";
import { appendAudit, appendAuditFrom, upsertValuesFrom } from "./values";

type Tx = Prisma.TransactionClient;

export function importReason(fileName: string): string {
  return `Nhập từ tệp ${fileName}`;
}

/** The reason an imported month is approved without a submission: the batch that loaded it. */
export function receivedReason(fileName: string, batchId: number): string {
  return `Ghi nhận là đã duyệt: số liệu lịch sử nhập từ tệp ${fileName} (lần nhập số ${batchId})`;
}

const CHANGED_MEANWHILE = { key: "importWrite.changedMeanwhile" };

/** Months (reports) per statement of the commit. */
const REPORT_SLICE = 5_000;

function* slices<T>(list: readonly T[]): Generator<readonly T[]> {
  for (let i = 0; i < list.length; i += REPORT_SLICE) yield list.slice(i, i + REPORT_SLICE);
}

export async function write(
  tx: Tx,
  viewer: Viewer,
  file: { name: string; sha256: string; markReceived: boolean },
  summary: PlanSummary,
  months: MonthWrite[],
  ids: Map<string, number>,
  staging: StagingTable,
  /** Stages done after the staging table (1: values merged, 2: batch recorded, 3: audit rows written). */
  stageDone: (stage: number) => void = () => undefined,
): Promise<number> {
  const reason = importReason(file.name);
  const at = now();
  const idOf = (m: MonthWrite) => {
    const id = ids.get(m.communeCode);
    if (id === undefined)
      throw new DataError("NOT_FOUND", { key: "importWrite.communeNotFound", values: { code: m.communeCode } });
    return id;
  };

  // Reports: create the missing ones as drafts, bump the version of the others. Marked as received, they are
  // approved now by the importer and never submitted (first_submitted_at stays empty: lib/domain/reporting-history.ts).
  const mark = file.markReceived;
  const toCreate = months.filter((m) => !m.reportId);
  const reportIds = new Map<
    MonthWrite,
    { id: number; oldStatus: ReportStatus | null; newStatus: ReportStatus; version: number }
  >();
  // A slice of REPORT_SLICE months per statement: a national year's 39,852 reports as one statement's parameters and
  // returned rows cost the server tens of MB at once (issue 23, item 8); in one transaction all the same.
  for (const slice of slices(toCreate)) {
    const created = await tx.$queryRaw<{ id: number; org_unit_id: number; period: string }[]>`
      INSERT INTO monthly_report (org_unit_id, period, status, version, updated_at, approved_at, approved_by_id)
      SELECT t.org_unit_id, t.period, ${mark ? "APPROVED" : "DRAFT"}::"ReportStatus", 1, ${at}::timestamptz,
        ${mark ? at : null}::timestamptz, ${mark ? viewer.id : null}::text FROM unnest(${slice.map(idOf)}::int[], ${slice.map((m) => m.period)}::text[]) AS t(org_unit_id, period)
      ON CONFLICT (org_unit_id, period) DO NOTHING
      RETURNING id, org_unit_id, period`;
    if (created.length !== slice.length) throw new DataError("CONFLICT", CHANGED_MEANWHILE);
    const byKey = new Map(created.map((r) => [`${r.org_unit_id}|${r.period}`, r.id]));
    for (const m of slice)
      reportIds.set(m, {
        id: byKey.get(`${idOf(m)}|${m.period}`)!,
        oldStatus: null,
        newStatus: mark ? "APPROVED" : "DRAFT",
        version: 1,
      });
  }
  const toUpdate = months.filter((m) => m.reportId);
  for (const slice of slices(toUpdate)) {
    // A commune editing a returned report takes it back to draft, as the form does; other statuses stay.
    const reopen = viewer.role === "COMMUNE";
    const updated = await tx.$queryRaw<{ id: number; status: ReportStatus; version: number }[]>`
      UPDATE monthly_report r SET version = r.version + 1, updated_at = ${at}::timestamptz,
        status = CASE WHEN ${mark}::boolean THEN 'APPROVED'::"ReportStatus"
          WHEN ${reopen}::boolean AND r.status = 'RETURNED' THEN 'DRAFT'::"ReportStatus" ELSE r.status END,
        approved_at = CASE WHEN ${mark}::boolean THEN ${at}::timestamptz ELSE r.approved_at END,
        approved_by_id = CASE WHEN ${mark}::boolean THEN ${viewer.id}::text ELSE r.approved_by_id END
      FROM unnest(${slice.map((m) => m.reportId!)}::int[], ${slice.map((m) => m.version)}::int[]) AS t(id, version)
      WHERE r.id = t.id AND r.version = t.version AND r.status <> 'APPROVED'
      RETURNING r.id, r.status::text AS status, r.version`;
    if (updated.length !== slice.length) throw new DataError("CONFLICT", CHANGED_MEANWHILE);
    const after = new Map(updated.map((r) => [r.id, r]));
    for (const m of slice) {
      const r = after.get(m.reportId!)!;
      reportIds.set(m, { id: r.id, oldStatus: m.status, newStatus: r.status, version: r.version });
    }
  }

  // Values: the form's own path (lib/data/values.ts), in its staging-table mode.
  await upsertValuesFrom(tx, staging, { userId: viewer.id, at });
  stageDone(1);

  // The batch: what was written and what it replaced, so that it can be undone.
  const counts = {
    rows: summary.totalRows,
    new: summary.counts.new,
    changed: summary.counts.changed,
    unchanged: summary.counts.unchanged,
    reports_created: toCreate.length,
    reports_updated: toUpdate.length,
    reports_received: mark ? months.length : 0,
  };
  const [batch] = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO import_batch (file_name, sha256, user_id, username, org_unit_id, at, counts)
    VALUES (${file.name}, ${file.sha256}, ${viewer.id}, ${viewer.username}, ${viewer.role === "COMMUNE" ? viewer.orgUnitId : null}, ${at}::timestamptz, ${JSON.stringify(counts)}::jsonb)
    RETURNING id`;
  const batchId = batch!.id;
  await tx.$executeRawUnsafe(
    `INSERT INTO import_batch_value (batch_id, org_unit_id, period, indicator_code, old_value, new_value)
     SELECT $1, org_unit_id, period, indicator_code, old_value, new_value FROM ${staging.name}`,
    batchId,
  );
  const reports = [...reportIds.entries()];
  for (const slice of slices(reports)) {
    await tx.$executeRaw`
      INSERT INTO import_batch_report (batch_id, report_id, created, old_status, version_after)
      SELECT ${batchId}, t.id, t.created, t.old_status::"ReportStatus", t.version
      FROM unnest(${slice.map(([, r]) => r.id)}::int[], ${slice.map(([, r]) => r.oldStatus === null)}::boolean[],
        ${slice.map(([, r]) => r.oldStatus)}::text[], ${slice.map(([, r]) => r.version)}::int[]) AS t(id, created, old_status, version)`;
  }

  stageDone(2);

  // Audit: one row per report written, its changes { field: { old, new } } (and its status when it changed) built
  // from the staging table; and one for the import (the form's writer, the same instant as the values).
  const reportReason = mark ? receivedReason(file.name, batchId) : reason;
  await appendAuditFrom(
    tx,
    viewer,
    at,
    sql`SELECT ${mark ? "report.import_received" : "report.import"}::text AS action, 'monthly_report'::text AS entity,
            m.report_id::text AS entity_id, m.org_unit_id, m.period,
            coalesce(v.changes, '{}'::jsonb) || CASE WHEN m.old_status IS DISTINCT FROM m.new_status
              THEN jsonb_build_object('status', jsonb_build_object('old', m.old_status, 'new', m.new_status)) ELSE '{}'::jsonb END AS changes,
            ${reportReason}::text AS reason
          FROM unnest(${reports.map(([, r]) => r.id)}::int[], ${reports.map(([m]) => idOf(m))}::int[],
            ${reports.map(([m]) => m.period)}::text[], ${reports.map(([, r]) => r.oldStatus)}::text[],
            ${reports.map(([, r]) => r.newStatus)}::text[]) WITH ORDINALITY
            AS m(report_id, org_unit_id, period, old_status, new_status, ord)
          LEFT JOIN (
            SELECT org_unit_id, period, jsonb_object_agg(indicator_code, jsonb_build_object('old', old_value, 'new', new_value)) AS changes
            FROM ${raw(staging.name)} GROUP BY org_unit_id, period
          ) v ON v.org_unit_id = m.org_unit_id AND v.period = m.period
          ORDER BY m.ord`,
  );
  await appendAudit(tx, viewer, at, {
    action: "import.commit",
    entity: "import",
    entityId: file.name,
    orgUnitId: viewer.role === "COMMUNE" ? viewer.orgUnitId : null,
    changes: {
      batch: { old: null, new: batchId },
      sha256: { old: null, new: file.sha256 },
      rows: { old: null, new: summary.totalRows },
      values_new: { old: null, new: summary.counts.new },
      values_changed: { old: null, new: summary.counts.changed },
      values_unchanged: { old: null, new: summary.counts.unchanged },
      reports_created: { old: null, new: toCreate.length },
      reports_updated: { old: null, new: toUpdate.length },
      ...(mark ? { reports_received: { old: null, new: months.length } } : {}),
    },
    reason,
  });
  stageDone(3);
  return batchId;
}
