/** Reading the audit log (ADMIN and PROVINCE). Rows are written by lib/data/audit-write.ts inside each write's transaction. */
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { canReadAudit } from "@/lib/domain/permissions";
import { isPeriod } from "@/lib/domain/periods";
import { hasNul, isRowInt } from "@/lib/domain/text";
import { db } from "./db";

const MAX_INT8 = 2n ** 63n - 1n;
import { forbidden } from "./errors";

export interface AuditFilter {
  communeId?: number | null;
  period?: string | null;
  userId?: string | null;
  /** Rows with a smaller id than this (paging backwards, newest first). */
  beforeId?: string | null;
  limit?: number;
}

export interface AuditRow {
  id: string;
  at: Date;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  commune: string | null;
  period: string | null;
  changes: Record<string, { old: unknown; new: unknown }> | null;
  reason: string | null;
}

export async function readAuditLog(viewer: Viewer, filter: AuditFilter = {}): Promise<AuditRow[]> {
  if (!canReadAudit(viewer)) throw forbidden();
  const where: Prisma.AuditLogWhereInput = {};
  // A filter no row can match (an id beyond PostgreSQL's integer, a NUL byte) matches nothing, rather than reaching
  // the database as an error.
  if (filter.communeId != null && Number.isInteger(filter.communeId))
    where.orgUnitId = isRowInt(filter.communeId) ? filter.communeId : -1;
  if (filter.period && isPeriod(filter.period)) where.period = filter.period;
  if (filter.userId) where.userId = filter.userId.length <= 100 && !hasNul(filter.userId) ? filter.userId : "";
  if (filter.beforeId && /^\d{1,30}$/.test(filter.beforeId)) {
    const before = BigInt(filter.beforeId);
    if (before <= MAX_INT8) where.id = { lt: before };
  }
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
  const prisma = db().prisma;
  const rows = await prisma.auditLog.findMany({ where, orderBy: { id: "desc" }, take: limit });
  const unitIds = [...new Set(rows.map((r) => r.orgUnitId).filter((x): x is number => x !== null))];
  const units = await prisma.orgUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } });
  const names = new Map(units.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    commune: r.orgUnitId !== null ? (names.get(r.orgUnitId) ?? String(r.orgUnitId)) : null,
    period: r.period,
    changes: (r.changes as AuditRow["changes"]) ?? null,
    reason: r.reason,
  }));
}

/** Usernames for the audit log's "who" filter (the same readers as the log). */
export async function auditUserOptions(viewer: Viewer): Promise<{ id: string; username: string | null }[]> {
  if (!canReadAudit(viewer)) throw forbidden();
  return db().prisma.user.findMany({ select: { id: true, username: true }, orderBy: { username: "asc" } });
}
