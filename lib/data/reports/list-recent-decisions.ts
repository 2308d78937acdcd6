import type { Viewer } from "@/lib/auth/viewer";
import { canReadReturnComment } from "@/lib/domain/permissions";
import { isRowInt } from "@/lib/domain/text";
import { db } from "../db";
import { forbidden } from "../errors";

/** The province's decisions on reports, as the audit log records them. */
export const DECISION_ACTIONS = ["report.approve", "report.return", "report.reopen"] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export interface Decision {
  /** The audit row's id. */
  id: string;
  at: Date;
  period: string;
  action: DecisionAction;
  /** The comment of a return, the reason of a reopening; null for an approval. */
  comment: string | null;
}

/**
 * The latest approvals, returns and reopenings of one commune's reports, newest first (the commune's home, /entry).
 * The commune's own staff, the province and admins: the comments are the return comments (canReadReturnComment).
 */
export async function recentDecisions(
  viewer: Viewer,
  input: { communeId?: number | null; limit?: number } = {},
): Promise<Decision[]> {
  const communeId = input.communeId ?? viewer.orgUnitId;
  if (communeId == null || !isRowInt(communeId) || !canReadReturnComment(viewer, communeId)) throw forbidden();
  const limit = isRowInt(input.limit) ? Math.min(input.limit, 20) : 5;
  const rows = await db().prisma.auditLog.findMany({
    where: { orgUnitId: communeId, entity: "monthly_report", action: { in: [...DECISION_ACTIONS] } },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, at: true, period: true, action: true, reason: true },
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    period: r.period ?? "",
    action: r.action as DecisionAction,
    comment: r.action === "report.approve" ? null : r.reason,
  }));
}
