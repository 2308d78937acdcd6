/**
 * The import history (issue 23, item 5): every commit of lib/data/import.ts is a batch (file name, SHA-256, who, when,
 * counts, every value with what it replaced, every report with the version it left), listed newest first, and a
 * province or administrator can undo a batch that no later change has touched: values go back through the form's
 * writer (./values.ts), audited.
 */
import type { Viewer } from "@/lib/auth/viewer";
import type { ReportStatus } from "@/lib/domain/report-status";
import { now } from "@/lib/clock";
import { db } from "./db";
import { DataError, forbidden, inVietnamese } from "./errors";
import { transaction } from "./transaction";
import { appendAudit, deleteValues, upsertValues } from "./values";

export interface ImportBatchView {
  id: number;
  fileName: string;
  sha256: string;
  username: string | null;
  at: Date;
  counts: {
    rows: number;
    new: number;
    changed: number;
    unchanged: number;
    reports_created: number;
    reports_updated: number;
    /** Reports the batch recorded as received and approved (loading history); absent before that existed. */
    reports_received?: number;
  };
  undoneAt: Date | null;
  undoneBy: string | null;
}

function assertMayUndo(viewer: Viewer): void {
  if (viewer.role !== "PROVINCE" && viewer.role !== "ADMIN") throw forbidden({ key: "importBatches.forbidden" });
}

/** The import history, newest first (a province or administrator sees every batch). */
export async function listImportBatches(viewer: Viewer, limit = 100): Promise<ImportBatchView[]> {
  assertMayUndo(viewer);
  const { rows } = await db().pool.query<{
    id: number;
    file_name: string;
    sha256: string;
    username: string | null;
    at: Date;
    counts: ImportBatchView["counts"];
    undone_at: Date | null;
    undone_by: string | null;
  }>(
    `SELECT id, file_name, sha256, username, at, counts, undone_at, undone_by FROM import_batch ORDER BY id DESC LIMIT $1`,
    [Math.max(1, Math.min(1000, limit))],
  );
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    sha256: r.sha256,
    username: r.username,
    at: r.at,
    counts: r.counts,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  }));
}

const UNDO_TOUCHED_TEXT = { key: "importBatches.undoTouched" };
export const UNDO_TOUCHED = inVietnamese(UNDO_TOUCHED_TEXT);

/**
 * Undoes a batch that no later change has touched: every value it wrote is still its value (same value, same instant,
 * same author) and every report it wrote still has the version it left. Values go back to what they replaced (or
 * away), reports it created are removed, the others return to their status with version + 1; audited.
 */
export async function undoImportBatch(viewer: Viewer, batchId: number): Promise<{ values: number; reports: number }> {
  assertMayUndo(viewer);
  if (!Number.isInteger(batchId) || batchId <= 0) throw new DataError("INVALID", { key: "importBatches.badId" });
  return transaction(async (tx) => {
    await tx.$executeRawUnsafe("LOCK TABLE period_lock IN SHARE MODE");
    const [batch] = await tx.$queryRaw<
      { id: number; file_name: string; at: Date; user_id: string | null; undone_at: Date | null; received: boolean }[]
    >`
      SELECT id, file_name, at, user_id, undone_at, coalesce((counts->>'reports_received')::int, 0) > 0 AS received
      FROM import_batch WHERE id = ${batchId} FOR UPDATE`;
    if (!batch) throw new DataError("NOT_FOUND", { key: "importBatches.notFound" });
    if (batch.undone_at) throw new DataError("CONFLICT", { key: "importBatches.alreadyUndone" });
    await tx.$queryRaw`SELECT id FROM monthly_report WHERE id IN (SELECT report_id FROM import_batch_report WHERE batch_id = ${batchId}) ORDER BY id FOR UPDATE`;
    const reports = await tx.$queryRaw<
      {
        report_id: number;
        created: boolean;
        old_status: ReportStatus | null;
        version_after: number;
        version: number | null;
        period: string | null;
        org_unit_id: number | null;
        status: ReportStatus | null;
      }[]
    >`
      SELECT b.report_id, b.created, b.old_status::text AS old_status, b.version_after, r.version, r.period, r.org_unit_id, r.status::text AS status
      FROM import_batch_report b LEFT JOIN monthly_report r ON r.id = b.report_id
      WHERE b.batch_id = ${batchId} ORDER BY b.report_id`;
    // Touched: a value that is not what the batch wrote, or was written since by anything but the undo of a later
    // batch; a report whose version moved by more than later batches and their undos (+2 each); a later batch still
    // standing on the same cells or reports (undo the later one first).
    const [touched] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM import_batch_value b
      LEFT JOIN data_value v ON v.org_unit_id = b.org_unit_id AND v.period = b.period AND v.indicator_code = b.indicator_code
      WHERE b.batch_id = ${batchId} AND (
        v.value IS DISTINCT FROM b.new_value
        OR NOT (v.updated_at = ${batch.at}::timestamptz OR v.updated_at IN (
          SELECT l.undone_at FROM import_batch l JOIN import_batch_value lv ON lv.batch_id = l.id
          WHERE l.id > b.batch_id AND l.undone_at IS NOT NULL AND lv.org_unit_id = b.org_unit_id AND lv.period = b.period AND lv.indicator_code = b.indicator_code))
        OR EXISTS (
          SELECT 1 FROM import_batch l JOIN import_batch_value lv ON lv.batch_id = l.id
          WHERE l.id > b.batch_id AND l.undone_at IS NULL AND lv.org_unit_id = b.org_unit_id AND lv.period = b.period AND lv.indicator_code = b.indicator_code))`;
    const later = await tx.$queryRaw<{ report_id: number; undone: number; standing: number }[]>`
      SELECT lr.report_id, count(*) FILTER (WHERE l.undone_at IS NOT NULL)::int AS undone, count(*) FILTER (WHERE l.undone_at IS NULL)::int AS standing
      FROM import_batch l JOIN import_batch_report lr ON lr.batch_id = l.id
      WHERE l.id > ${batchId} AND lr.report_id IN (SELECT report_id FROM import_batch_report WHERE batch_id = ${batchId})
      GROUP BY lr.report_id`;
    const laterOf = new Map(later.map((l) => [l.report_id, l]));
    const reportTouched = (r: (typeof reports)[number]) => {
      const l = laterOf.get(r.report_id);
      return (l?.standing ?? 0) > 0 || r.version !== r.version_after + 2 * (l?.undone ?? 0);
    };
    if (touched!.n > 0 || reports.some(reportTouched)) throw new DataError("CONFLICT", UNDO_TOUCHED_TEXT);
    const locked = await tx.$queryRaw<{ period: string }[]>`
      SELECT DISTINCT l.period FROM period_lock l JOIN import_batch_value b ON b.period = l.period WHERE b.batch_id = ${batchId}`;
    if (locked.length > 0)
      throw new DataError("LOCKED", {
        key: "importBatches.monthsLocked",
        values: { months: locked.map((l) => `${l.period.slice(5)}/${l.period.slice(0, 4)}`).join(", ") },
      });

    const at = now();
    const values = await tx.$queryRaw<
      { org_unit_id: number; period: string; indicator_code: string; old_value: number | null; new_value: number }[]
    >`
      SELECT org_unit_id, period, indicator_code, old_value, new_value FROM import_batch_value WHERE batch_id = ${batchId}`;
    await upsertValues(
      tx,
      { userId: viewer.id, at },
      values
        .filter((v) => v.old_value !== null)
        .map((v) => ({
          orgUnitId: v.org_unit_id,
          period: v.period,
          indicatorCode: v.indicator_code,
          value: v.old_value!,
        })),
    );
    await deleteValues(
      tx,
      values
        .filter((v) => v.old_value === null)
        .map((v) => ({ orgUnitId: v.org_unit_id, period: v.period, indicatorCode: v.indicator_code })),
    );
    const created = reports.filter((r) => r.created).map((r) => r.report_id);
    const kept = reports.filter((r) => !r.created);
    // A report the import created goes only if no value is left in its month (a value can be there without one);
    // one it created as approved (loading history) goes in any case: before it, the month had no report.
    if (created.length > 0) {
      await tx.$executeRaw`
        DELETE FROM monthly_report r WHERE r.id = ANY(${created}::int[])
          AND (${batch.received}::boolean OR NOT EXISTS (SELECT 1 FROM data_value v WHERE v.org_unit_id = r.org_unit_id AND v.period = r.period))`;
    }
    // Reports it approved return to their status, and lose the approval it gave them (they were not approved before).
    if (kept.length > 0) {
      await tx.$executeRaw`
        UPDATE monthly_report r SET version = r.version + 1, updated_at = ${at}::timestamptz, status = t.status::"ReportStatus",
          approved_at = CASE WHEN ${batch.received}::boolean THEN NULL ELSE r.approved_at END,
          approved_by_id = CASE WHEN ${batch.received}::boolean THEN NULL ELSE r.approved_by_id END
        FROM unnest(${kept.map((r) => r.report_id)}::int[], ${kept.map((r) => r.old_status ?? r.status)}::text[]) AS t(id, status)
        WHERE r.id = t.id`;
    }
    await tx.$executeRaw`UPDATE import_batch SET undone_at = ${at}::timestamptz, undone_by = ${viewer.username} WHERE id = ${batchId}`;
    const reason = `Hoàn tác lần nhập số ${batchId} (tệp ${batch.file_name})`;
    const byMonth = new Map<
      string,
      { orgUnitId: number; period: string; changes: Record<string, { old: unknown; new: unknown }> }
    >();
    for (const v of values) {
      const key = `${v.org_unit_id}|${v.period}`;
      const m = byMonth.get(key) ?? { orgUnitId: v.org_unit_id, period: v.period, changes: {} };
      m.changes[v.indicator_code] = { old: v.new_value, new: v.old_value };
      byMonth.set(key, m);
    }
    if (batch.received) {
      for (const r of reports) {
        if (r.org_unit_id === null || r.period === null) continue;
        const key = `${r.org_unit_id}|${r.period}`;
        const m = byMonth.get(key) ?? { orgUnitId: r.org_unit_id, period: r.period, changes: {} };
        m.changes.status = { old: "APPROVED", new: r.created ? null : r.old_status };
        byMonth.set(key, m);
      }
    }
    const reportOf = new Map(reports.map((r) => [`${r.org_unit_id}|${r.period}`, r.report_id]));
    await appendAudit(
      tx,
      viewer,
      at,
      [...byMonth.entries()].map(([key, m]) => ({
        action: "report.import_undo",
        entity: "monthly_report",
        entityId: reportOf.has(key) ? String(reportOf.get(key)) : null,
        orgUnitId: m.orgUnitId,
        period: m.period,
        changes: m.changes,
        reason,
      })),
    );
    await appendAudit(tx, viewer, at, {
      action: "import.undo",
      entity: "import",
      entityId: String(batchId),
      changes: { undone: { old: false, new: true } },
      reason,
    });
    return { values: values.length, reports: reports.length };
  });
}
