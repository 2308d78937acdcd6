/**
 * The province's decisions on one report (approve, return, reopen): a status change under the report's row lock, at
 * the version the reviewer saw when given, with its audit row and the notice to the commune, in one transaction.
 */
import type { Viewer } from "@/lib/auth/viewer";
import { noticeKindFor } from "@/lib/domain/notices";
import { canReview } from "@/lib/domain/permissions";
import { type ReportStatus, STATUS_LABEL_VI } from "@/lib/domain/report-status";
import { isRowInt } from "@/lib/domain/text";
import { DataError, forbidden } from "../errors";
import { type Changes, appendAudit } from "../values";
import { assertUnlocked, holdMonthLocks, transactionWithNotices } from "./report-transaction";

export interface TransitionResult {
  reportId: number;
  version: number;
  status: ReportStatus;
}

const CHANGED = { key: "reportChanged" };

export async function transitionReport(
  viewer: Viewer,
  input: { reportId: number; version?: number },
  step: { from: ReportStatus[]; to: ReportStatus; action: string },
  extra: { returnComment?: string | null; reason?: string | null; approve?: boolean },
  at: Date,
): Promise<TransitionResult> {
  if (!canReview(viewer)) throw forbidden();
  if (!isRowInt(input.reportId)) throw new DataError("NOT_FOUND", { key: "reportNotFound" });
  if (input.version !== undefined && !isRowInt(input.version, 0)) throw new DataError("INVALID", { key: "badVersion" });
  const { from, to, action } = step;
  return transactionWithNotices(async (tx, notify) => {
    await holdMonthLocks(tx);
    const [report] = await tx.$queryRaw<
      {
        id: number;
        org_unit_id: number;
        period: string;
        status: ReportStatus;
        version: number;
        return_comment: string | null;
      }[]
    >`
      SELECT id, org_unit_id, period, status::text AS status, version, return_comment
      FROM monthly_report WHERE id = ${input.reportId} FOR UPDATE`;
    if (!report) throw new DataError("NOT_FOUND", { key: "reportNotFound" });
    await assertUnlocked(tx, report.period);
    if (!from.includes(report.status)) {
      throw new DataError("READ_ONLY", { key: "wrongStatus", values: { status: STATUS_LABEL_VI[report.status] } });
    }
    if (input.version !== undefined && input.version !== report.version) throw new DataError("CONFLICT", CHANGED);
    const approving = extra.approve === true;
    const setComment = extra.returnComment !== undefined;
    const updated = await tx.$queryRaw<{ version: number }[]>`
      UPDATE monthly_report SET status = ${to}::"ReportStatus", version = version + 1, updated_at = ${at},
        approved_at = CASE WHEN ${approving} THEN ${at}::timestamptz ELSE approved_at END,
        approved_by_id = CASE WHEN ${approving} THEN ${viewer.id} ELSE approved_by_id END,
        return_comment = CASE WHEN ${setComment} THEN ${extra.returnComment ?? null} ELSE return_comment END
      WHERE id = ${report.id} AND version = ${report.version}
      RETURNING version`;
    if (updated.length === 0) throw new DataError("CONFLICT", CHANGED);
    const changes: Changes = { status: { old: report.status, new: to } };
    if (setComment && extra.returnComment !== report.return_comment)
      changes.returnComment = { old: report.return_comment, new: extra.returnComment };
    await appendAudit(tx, viewer, at, {
      action,
      entity: "monthly_report",
      entityId: String(report.id),
      orgUnitId: report.org_unit_id,
      period: report.period,
      changes,
      reason: extra.reason ?? null,
    });
    const kind = noticeKindFor(to);
    const comment = kind === "RETURNED" ? (extra.returnComment ?? null) : null;
    if (kind) await notify([{ kind, reportId: report.id, comment }], at);
    return { reportId: report.id, version: updated[0]!.version, status: to };
  });
}
