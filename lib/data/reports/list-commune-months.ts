import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { REFORM_START, isOnTime, periodsInRange, reportDeadline } from "@/lib/domain/periods";
import { canReadReport } from "@/lib/domain/permissions";
import type { ReportStatus } from "@/lib/domain/report-status";
import { db } from "../db";
import { forbidden } from "../errors";
import { communeOf, latestOpenPeriod, readableReports } from "./read-scope";

export interface MonthRow {
  period: string;
  status: ReportStatus | "MISSING";
  version: number;
  deadline: Date;
  submittedAt: Date | null;
  /** First submission by the deadline; null while not submitted. */
  onTime: boolean | null;
  /** Not submitted and the deadline has passed. */
  late: boolean;
  locked: boolean;
  returnComment: string | null;
}

/**
 * A commune's months since the reform with status and deadline, newest first, and what is still due
 * (missing, draft or returned), late ones first. The commune's own staff, the province and admins.
 */
export async function listCommuneMonths(
  viewer: Viewer,
  input: { communeId?: number | null; today?: Date } = {},
): Promise<{
  commune: { id: number; code: string; name: string; fullName: string };
  months: MonthRow[];
  due: MonthRow[];
}> {
  const communeId = input.communeId ?? viewer.orgUnitId;
  // Drafts and returned reports are in this list: the same right as reading an unsubmitted report.
  if (communeId == null || !canReadReport(viewer, communeId, false)) throw forbidden();
  const today = input.today ?? now();
  const prisma = db().prisma;
  const commune = await communeOf(prisma, communeId);
  const [reports, locks] = await Promise.all([
    prisma.monthlyReport.findMany({
      where: { AND: [{ orgUnitId: communeId }, readableReports(viewer)] },
      select: {
        period: true,
        status: true,
        version: true,
        submittedAt: true,
        firstSubmittedAt: true,
        returnComment: true,
      },
    }),
    prisma.periodLock.findMany({ select: { period: true } }),
  ]);
  const byPeriod = new Map(reports.map((r) => [r.period, r]));
  const locked = new Set(locks.map((l) => l.period));
  const months = periodsInRange(REFORM_START, latestOpenPeriod(today))
    .reverse()
    .map((period): MonthRow => {
      const r = byPeriod.get(period);
      const deadline = reportDeadline(period);
      const status = (r?.status ?? "MISSING") as MonthRow["status"];
      const received = status === "SUBMITTED" || status === "APPROVED";
      return {
        period,
        status,
        version: r?.version ?? 0,
        deadline,
        submittedAt: r?.submittedAt ?? null,
        onTime: r?.firstSubmittedAt ? isOnTime(period, r.firstSubmittedAt) : null,
        late: !received && today.getTime() > deadline.getTime(),
        locked: locked.has(period),
        returnComment: r?.returnComment ?? null,
      };
    });
  const due = months
    .filter((m) => m.status === "MISSING" || m.status === "DRAFT" || m.status === "RETURNED")
    // Returned reports first (the province's comment is waiting), then late ones, then by month.
    .sort(
      (a, b) =>
        Number(b.status === "RETURNED") - Number(a.status === "RETURNED") ||
        Number(b.late) - Number(a.late) ||
        a.period.localeCompare(b.period),
    );
  return { commune, months, due };
}
