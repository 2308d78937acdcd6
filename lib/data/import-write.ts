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

  // The batch first (its counts are known before anything is written): each report statement records its reports
  // in import_batch_report as it writes them, and the audit rows are built from there in SQL, so that no list of a
  // national year's 39,852 reports is kept, or sent as one statement, by the request thread (issue 23, item 8).
  const mark = file.markReceived;
  let creates = 0;
  for (const m of months) if (!m.reportId) creates++;
  const counts = {
    rows: summary.totalRows,
    new: summary.counts.new,
    changed: summary.counts.changed,
    unchanged: summary.counts.unchanged,
    reports_created: creates,
    reports_updated: months.length - creates,
    reports_received: mark ? months.length : 0,
  };
  const [batch] = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO import_batch (file_name, sha256, user_id, username, org_unit_id, at, counts)
    VALUES (${file.name}, ${file.sha256}, ${viewer.id}, ${viewer.username}, ${viewer.role === "COMMUNE" ? viewer.orgUnitId : null}, ${at}::timestamptz, ${JSON.stringify(counts)}::jsonb)
    RETURNING id`;
  const batchId = batch!.id;

  // Reports: create the missing ones as drafts, bump the version of the others. Marked as received, they are
  // approved now by the importer and never submitted (first_submitted_at stays empty: lib/domain/reporting-history.ts).
  // A slice of REPORT_SLICE months per statement: a national year's 39,852 reports as one statement's parameters
  // cost the server tens of MB at once (issue 23, item 8); in one transaction all the same. Each statement answers
  // only how many reports it wrote.
  for (const slice of slices(months.filter((m) => !m.reportId))) {
    const [created] = await tx.$queryRaw<{ n: number }[]>`
      WITH created AS (
        INSERT INTO monthly_report (org_unit_id, period, status, version, updated_at, approved_at, approved_by_id)
        SELECT t.org_unit_id, t.period, ${mark ? "APPROVED" : "DRAFT"}::"ReportStatus", 1, ${at}::timestamptz,
          ${mark ? at : null}::timestamptz, ${mark ? viewer.id : null}::text FROM unnest(${slice.map(idOf)}::int[], ${slice.map((m) => m.period)}::text[]) AS t(org_unit_id, period)
        ON CONFLICT (org_unit_id, period) DO NOTHING
        RETURNING id, version
      ), recorded AS (
        INSERT INTO import_batch_report (batch_id, report_id, created, old_status, version_after)
        SELECT ${batchId}, id, true, NULL, version FROM created
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM recorded`;
    if (created!.n !== slice.length) throw new DataError("CONFLICT", CHANGED_MEANWHILE);
  }
  // A commune editing a returned report takes it back to draft, as the form does; other statuses stay.
  const reopen = viewer.role === "COMMUNE";
  for (const slice of slices(months.filter((m) => m.reportId))) {
    const [updated] = await tx.$queryRaw<{ n: number }[]>`
      WITH updated AS (
        UPDATE monthly_report r SET version = r.version + 1, updated_at = ${at}::timestamptz,
          status = CASE WHEN ${mark}::boolean THEN 'APPROVED'::"ReportStatus"
            WHEN ${reopen}::boolean AND r.status = 'RETURNED' THEN 'DRAFT'::"ReportStatus" ELSE r.status END,
          approved_at = CASE WHEN ${mark}::boolean THEN ${at}::timestamptz ELSE r.approved_at END,
          approved_by_id = CASE WHEN ${mark}::boolean THEN ${viewer.id}::text ELSE r.approved_by_id END
        FROM unnest(${slice.map((m) => m.reportId!)}::int[], ${slice.map((m) => m.version)}::int[], ${slice.map((m) => m.status)}::text[]) AS t(id, version, old_status)
        WHERE r.id = t.id AND r.version = t.version AND r.status <> 'APPROVED'
        RETURNING r.id, t.old_status, r.version
      ), recorded AS (
        INSERT INTO import_batch_report (batch_id, report_id, created, old_status, version_after)
        SELECT ${batchId}, id, false, old_status::"ReportStatus", version FROM updated
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM recorded`;
    if (updated!.n !== slice.length) throw new DataError("CONFLICT", CHANGED_MEANWHILE);
  }
  // Written: the request thread no longer needs the months (the caller's list is emptied too).
  months.length = 0;

  // Values: the form's own path (lib/data/values.ts), in its staging-table mode.
  await upsertValuesFrom(tx, staging, { userId: viewer.id, at });
  stageDone(1);

  // The batch's values: what was written and what it replaced, so that it can be undone.
  await tx.$executeRawUnsafe(
    `INSERT INTO import_batch_value (batch_id, org_unit_id, period, indicator_code, old_value, new_value)
     SELECT $1, org_unit_id, period, indicator_code, old_value, new_value FROM ${staging.name}`,
    batchId,
  );

  stageDone(2);

  // Audit: one row per report written, its changes { field: { old, new } } (and its status when it changed) built
  // from the staging table and the batch's reports (created ones first, as they were written); and one for the
  // import (the form's writer, the same instant as the values).
  const reportReason = mark ? receivedReason(file.name, batchId) : reason;
  await appendAuditFrom(
    tx,
    viewer,
    at,
    sql`SELECT ${mark ? "report.import_received" : "report.import"}::text AS action, 'monthly_report'::text AS entity,
            b.report_id::text AS entity_id, r.org_unit_id, r.period,
            coalesce(v.changes, '{}'::jsonb) || CASE WHEN b.old_status IS DISTINCT FROM r.status
              THEN jsonb_build_object('status', jsonb_build_object('old', b.old_status::text, 'new', r.status::text)) ELSE '{}'::jsonb END AS changes,
            ${reportReason}::text AS reason
          FROM import_batch_report b
          JOIN monthly_report r ON r.id = b.report_id
          LEFT JOIN (
            SELECT org_unit_id, period, jsonb_object_agg(indicator_code, jsonb_build_object('old', old_value, 'new', new_value)) AS changes
            FROM ${raw(staging.name)} GROUP BY org_unit_id, period
          ) v ON v.org_unit_id = r.org_unit_id AND v.period = r.period
          WHERE b.batch_id = ${batchId}
          ORDER BY b.created DESC, b.report_id`,
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
      reports_created: { old: null, new: counts.reports_created },
      reports_updated: { old: null, new: counts.reports_updated },
      ...(mark ? { reports_received: { old: null, new: counts.reports_received } } : {}),
    },
    reason,
  });
  stageDone(3);
  return batchId;
}
