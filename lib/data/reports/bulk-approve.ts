import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { canReview } from "@/lib/domain/permissions";
import { DataError, forbidden } from "../errors";
import { appendAudit } from "../values";
import { approvalQueue } from "./approval-queue";
import { assertPeriod } from "./read-scope";
import { assertUnlocked, holdMonthLocks, transactionWithNotices } from "./report-transaction";

/** Approves, in one transaction, every submitted report of the month that has no warning and no error. */
export async function bulkApprove(
  viewer: Viewer,
  input: { period: string },
  at: Date = now(),
): Promise<{ approved: number[]; skipped: number[] }> {
  if (!canReview(viewer)) throw forbidden();
  assertPeriod(input.period);
  const queue = await approvalQueue(viewer, input);
  if (queue.locked) throw new DataError("LOCKED", { key: "reports.lockedNoApproval" });
  const submitted = queue.items.filter((i) => i.status === "SUBMITTED" && i.reportId !== null);
  const clean = submitted.filter((i) => i.warnings.length === 0 && i.errors.length === 0);
  const skipped = submitted.filter((i) => !clean.includes(i)).map((i) => i.reportId!);
  if (clean.length === 0) return { approved: [], skipped };
  return transactionWithNotices(async (tx, notify) => {
    await holdMonthLocks(tx);
    await assertUnlocked(tx, input.period);
    // Only reports still at the version that was checked: one changed meanwhile is left for a person to look at.
    const approved: number[] = [];
    for (const item of clean) {
      const rows = await tx.$queryRaw<{ id: number }[]>`
        UPDATE monthly_report
        SET status = 'APPROVED', version = version + 1, approved_at = ${at}, approved_by_id = ${viewer.id}, updated_at = ${at}
        WHERE id = ${item.reportId!} AND version = ${item.version} AND status = 'SUBMITTED'
        RETURNING id`;
      if (rows.length === 0) {
        skipped.push(item.reportId!);
        continue;
      }
      approved.push(item.reportId!);
      await appendAudit(tx, viewer, at, {
        action: "report.approve",
        entity: "monthly_report",
        entityId: String(item.reportId),
        orgUnitId: item.commune.id,
        period: input.period,
        changes: { status: { old: "SUBMITTED", new: "APPROVED" } },
        reason: "Duyệt hàng loạt (báo cáo không có cảnh báo)",
      });
    }
    await notify(
      approved.map((reportId) => ({ kind: "APPROVED", reportId, comment: null })),
      at,
    );
    return { approved, skipped };
  });
}
