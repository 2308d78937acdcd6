/** Appends to audit_log inside the caller's transaction, so a write and its audit row commit or fail together. */
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";

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

export async function appendAudit(tx: Prisma.TransactionClient, viewer: Viewer, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      at: now(),
      userId: viewer.id,
      username: viewer.username,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      orgUnitId: entry.orgUnitId ?? null,
      period: entry.period ?? null,
      changes: (entry.changes ?? undefined) as Prisma.InputJsonValue | undefined,
      reason: entry.reason ?? null,
    },
  });
}
