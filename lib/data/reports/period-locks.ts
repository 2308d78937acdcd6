/** Month locks (period_lock): a locked month's reports and values cannot change (lib/domain/month-editability). */
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { isOpenMonth } from "@/lib/domain/period-window";
import { canLockPeriods } from "@/lib/domain/permissions";
import { db } from "../db";
import { DataError, forbidden } from "../errors";
import { optionalText } from "../text-input";
import { transaction } from "../transaction";
import { type AuditEntry, appendAudit } from "../values";
import { assertPeriod } from "./read-scope";

export async function listPeriodLocks(
  _viewer: Viewer,
): Promise<{ period: string; lockedAt: Date; reason: string | null }[]> {
  // Which months are locked is no secret: every signed-in role sees it (the form says why it is read-only).
  return db().prisma.periodLock.findMany({
    orderBy: { period: "desc" },
    select: { period: true, lockedAt: true, reason: true },
  });
}

/** The audit row of a lock's change: `period.lock` or `period.unlock`, locked old and new. */
function lockAudit(period: string, locked: boolean, reason: string | null): AuditEntry {
  return {
    action: locked ? "period.lock" : "period.unlock",
    entity: "period_lock",
    entityId: period,
    period,
    changes: { locked: { old: !locked, new: locked } },
    reason,
  };
}

export async function lockPeriod(
  viewer: Viewer,
  input: { period: string; reason?: string | null },
  at: Date = now(),
): Promise<{ locked: boolean }> {
  if (!canLockPeriods(viewer)) throw forbidden();
  assertPeriod(input.period);
  // Only months of the reporting window: a lock on 9999-12 would be a row no screen ever shows.
  if (!isOpenMonth(input.period, at)) throw new DataError("INVALID", { key: "reports.lockOutOfRange" });
  const reason = optionalText(input.reason);
  return transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ period: string }[]>`
      INSERT INTO period_lock (period, locked_by_id, reason, locked_at) VALUES (${input.period}, ${viewer.id}, ${reason}, ${at})
      ON CONFLICT (period) DO NOTHING RETURNING period`;
    if (rows.length === 0) return { locked: false };
    await appendAudit(tx, viewer, at, lockAudit(input.period, true, reason));
    return { locked: true };
  });
}

export async function unlockPeriod(
  viewer: Viewer,
  input: { period: string; reason?: string | null },
  at: Date = now(),
): Promise<{ unlocked: boolean }> {
  if (!canLockPeriods(viewer)) throw forbidden();
  assertPeriod(input.period);
  const reason = optionalText(input.reason);
  return transaction(async (tx) => {
    const { count } = await tx.periodLock.deleteMany({ where: { period: input.period } });
    if (count === 0) return { unlocked: false };
    await appendAudit(tx, viewer, at, lockAudit(input.period, false, reason));
    return { unlocked: true };
  });
}
