import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { type ReadOnlyReason, monthEditability } from "@/lib/domain/month-editability";
import { reportDeadline } from "@/lib/domain/periods";
import { canEditReport, canReadReport } from "@/lib/domain/permissions";
import type { ReportStatus } from "@/lib/domain/report-status";
import type { MonthValues, ValidationIssue } from "@/lib/domain/validation";
import { db } from "../db";
import { forbidden } from "../errors";
import { contextFrom, historyPeriods, valuesByPeriod } from "./month-values";
import { RECEIVED, assertPeriod, communeOf, latestOpenPeriod, readableReports } from "./read-scope";

export interface MonthForm {
  commune: { id: number; code: string; name: string; fullName: string };
  period: string;
  report: {
    id: number;
    status: ReportStatus;
    version: number;
    returnComment: string | null;
    submittedAt: Date | null;
    approvedAt: Date | null;
    acknowledgedWarnings: ValidationIssue[];
    /** The submitter's note on the warnings they confirmed. */
    warningNote: string | null;
  } | null;
  /** 0 when there is no report yet (the first save creates it). */
  version: number;
  values: MonthValues;
  previousValues: MonthValues | null;
  /** The previous months the warnings compare with (see lib/domain/validation). */
  history: MonthValues[];
  deadline: Date;
  locked: boolean;
  /** The viewer may save and submit now. */
  editable: boolean;
  /** Why not, when not (lib/domain/month-editability). */
  readOnly: ReadOnlyReason | null;
}

/** One month of one commune for the form or a read-only view. */
export async function loadMonthForm(
  viewer: Viewer,
  input: { communeId?: number | null; period: string },
  at: Date = now(),
): Promise<MonthForm> {
  assertPeriod(input.period);
  const communeId = input.communeId ?? viewer.orgUnitId;
  // Analysts pass this check and are then held to received reports (readableReports); communes to their own.
  if (communeId == null || !canReadReport(viewer, communeId, true)) throw forbidden();
  const prisma = db().prisma;
  const commune = await communeOf(prisma, communeId);
  const periods = [input.period, ...historyPeriods(input.period)];
  const reports = await prisma.monthlyReport.findMany({
    where: { AND: [{ orgUnitId: commune.id, period: { in: periods } }, readableReports(viewer)] },
  });
  const report = reports.find((r) => r.period === input.period) ?? null;
  // Analysts read received reports only: a draft is as good as absent for them.
  if (!report && viewer.role === "ANALYST") throw forbidden();
  if (report && !canReadReport(viewer, commune.id, RECEIVED.includes(report.status))) throw forbidden();
  const reported = new Set(reports.map((r) => r.period));
  const values = await valuesByPeriod(prisma, commune.id, [...reported]);
  const lock = await prisma.periodLock.findUnique({ where: { period: input.period } });
  const ctx = contextFrom(values, input.period, reported);
  const editability = monthEditability({
    mayEdit: canEditReport(viewer, commune.id),
    period: input.period,
    latestOpen: latestOpenPeriod(at),
    locked: !!lock,
    status: report?.status ?? null,
  });
  return {
    commune,
    period: input.period,
    report: report && {
      id: report.id,
      status: report.status,
      version: report.version,
      returnComment: report.returnComment,
      submittedAt: report.submittedAt,
      approvedAt: report.approvedAt,
      acknowledgedWarnings: (report.acknowledgedWarnings as ValidationIssue[] | null) ?? [],
      warningNote: report.warningNote,
    },
    version: report?.version ?? 0,
    values: values.get(input.period) ?? {},
    previousValues: ctx.previous,
    history: ctx.history,
    deadline: reportDeadline(input.period),
    locked: !!lock,
    editable: editability.editable,
    readOnly: editability.reason,
  };
}
