/**
 * Appends to audit_log inside the caller's transaction, so a write and its audit row commit or fail together, at the
 * clock's instant. The row itself is written by lib/data/values.ts's appendAudit, the one audit writer (issue 27).
 */
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { type AuditEntry, appendAudit as writeAudit } from "./values";

export type { AuditEntry, Changes } from "./values";

export async function appendAudit(tx: Prisma.TransactionClient, viewer: Viewer, entry: AuditEntry): Promise<void> {
  await writeAudit(tx, viewer, now(), entry);
}
