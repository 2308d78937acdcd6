/**
 * Which monthly reports a viewer may read, and the checks every use case of lib/data/reports starts with.
 *
 * Workflow (SPEC §3): DRAFT → SUBMITTED → APPROVED; SUBMITTED → RETURNED (comment) → DRAFT when the commune
 * edits it again; PROVINCE/ADMIN may reopen an APPROVED report with a reason (→ DRAFT or RETURNED).
 */
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { REFORM_START, currentPeriod, isPeriod } from "@/lib/domain/periods";
import type { ReportStatus } from "@/lib/domain/report-status";
import { DataError } from "../errors";

export type Tx = Prisma.TransactionClient;

/** Received reports: what analysts may read and what the dashboards count. */
export const RECEIVED: readonly ReportStatus[] = ["SUBMITTED", "APPROVED"];

/** The latest month a commune may report: the current month (a report can be prepared before the month ends). */
export function latestOpenPeriod(at: Date = now()): string {
  return currentPeriod(at);
}

export function assertPeriod(period: unknown): asserts period is string {
  if (!isPeriod(period) || period < REFORM_START) throw new DataError("INVALID", { key: "reports.badPeriod" });
}

/**
 * The where-clause that limits monthly_report rows to what the viewer may read: everything for the province and
 * admins, the own commune for commune staff, received reports only for analysts.
 */
export function readableReports(viewer: Viewer): Prisma.MonthlyReportWhereInput {
  switch (viewer.role) {
    case "ADMIN":
    case "PROVINCE":
      return {};
    case "COMMUNE":
      return { orgUnitId: viewer.orgUnitId ?? -1 };
    default:
      return { status: { in: [...RECEIVED] } };
  }
}

export async function communeOf(tx: Tx, orgUnitId: number) {
  const unit = await tx.orgUnit.findFirst({
    where: { id: orgUnitId, level: "COMMUNE" },
    select: { id: true, code: true, name: true, fullName: true },
  });
  if (!unit) throw new DataError("NOT_FOUND", { key: "reports.communeNotFound" });
  return unit;
}
