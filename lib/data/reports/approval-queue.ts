import type { Viewer } from "@/lib/auth/viewer";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import type { RawCode } from "@/lib/domain/indicators";
import { valuesBefore } from "@/lib/domain/merge";
import { isOnTime } from "@/lib/domain/periods";
import { canReview } from "@/lib/domain/permissions";
import type { ReportStatus } from "@/lib/domain/report-status";
import {
  type MonthValues,
  type ValidationIssue,
  REPORT_FIELDS,
  diffValues,
  validateMonth,
} from "@/lib/domain/validation";
import { db } from "../db";
import { forbidden } from "../errors";
import { contextFrom, historyPeriods } from "./month-values";
import { assertPeriod } from "./read-scope";

export interface QueueItem {
  reportId: number | null;
  commune: { id: number; code: string; name: string };
  status: ReportStatus | "MISSING";
  version: number;
  submittedAt: Date | null;
  onTime: boolean | null;
  returnComment: string | null;
  /** The commune's note on the warnings it confirmed when it submitted (null: none, or no report). */
  warningNote: string | null;
  /** Errors can only exist in data loaded from elsewhere (imports, old rules); shown so the reviewer sees them. */
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  /** Values that differ from the commune's previous month. */
  changes: { field: RawCode; previous: number | null; current: number | null }[];
  /** A report returned and submitted again: what the commune changed since the province returned it. */
  sinceReturn: { field: RawCode; returned: number | null; current: number | null }[] | null;
}

type ChangeSet = Record<string, { old: unknown; new: unknown }>;

/**
 * For reports that were returned and are back: the audit change sets written since their last return, oldest first
 * (lib/domain/merge valuesBefore turns them back into the returned version's values).
 */
async function changesSinceReturn(reportIds: number[]): Promise<Map<number, ChangeSet[]>> {
  const out = new Map<number, ChangeSet[]>();
  if (reportIds.length === 0) return out;
  const rows = await db().prisma.$queryRaw<{ entity_id: string; changes: ChangeSet | null }[]>`
    SELECT a.entity_id, a.changes FROM audit_log a
    JOIN (SELECT entity_id, max(id) AS returned_at FROM audit_log
          WHERE entity = 'monthly_report' AND action = 'report.return' AND entity_id = ANY(${reportIds.map(String)}::text[])
          GROUP BY entity_id) r ON r.entity_id = a.entity_id AND a.id > r.returned_at
    WHERE a.entity = 'monthly_report' AND a.action IN ('report.save', 'report.submit')
    ORDER BY a.id`;
  for (const r of rows) {
    const id = Number(r.entity_id);
    out.set(id, [...(out.get(id) ?? []), r.changes ?? {}]);
  }
  return out;
}

const QUEUE_ORDER: Record<QueueItem["status"], number> = {
  SUBMITTED: 0,
  RETURNED: 1,
  DRAFT: 2,
  MISSING: 3,
  APPROVED: 4,
};

/** Every commune's report for a month, those waiting for review first, with warnings and changes vs last month. */
export async function approvalQueue(
  viewer: Viewer,
  input: { period: string },
): Promise<{ period: string; locked: boolean; items: QueueItem[] }> {
  if (!canReview(viewer)) throw forbidden();
  assertPeriod(input.period);
  const prisma = db().prisma;
  const periods = [input.period, ...historyPeriods(input.period)];
  // The province this deployment serves: its communes, their reports and values (a database may hold others, as the
  // national benchmark set does: 3,321 communes, whose months the queue must not load).
  const ofProvince = { level: "COMMUNE" as const, parent: { code: HOME_PROVINCE } };
  const [communes, reports, values, lock] = await Promise.all([
    prisma.orgUnit.findMany({
      where: ofProvince,
      select: { id: true, code: true, name: true, searchName: true },
      orderBy: [{ searchName: "asc" }],
    }),
    prisma.monthlyReport.findMany({ where: { period: { in: periods }, orgUnit: ofProvince } }),
    prisma.dataValue.findMany({
      where: { period: { in: periods }, indicatorCode: { in: REPORT_FIELDS }, orgUnit: ofProvince },
      select: { orgUnitId: true, period: true, indicatorCode: true, value: true },
    }),
    prisma.periodLock.findUnique({ where: { period: input.period } }),
  ]);
  const valueMap = new Map<string, MonthValues>();
  for (const v of values) {
    const key = `${v.orgUnitId}|${v.period}`;
    const m = valueMap.get(key) ?? {};
    m[v.indicatorCode as RawCode] = v.value;
    valueMap.set(key, m);
  }
  const reportMap = new Map(reports.map((r) => [`${r.orgUnitId}|${r.period}`, r]));
  // A report that carries a return comment and is submitted again was returned before.
  const resubmitted = reports.filter(
    (r) => r.period === input.period && r.status === "SUBMITTED" && r.returnComment !== null,
  );
  const sinceReturn = await changesSinceReturn(resubmitted.map((r) => r.id));
  const items = communes.map((c): QueueItem => {
    const r = reportMap.get(`${c.id}|${input.period}`);
    const own = new Map<string, MonthValues>();
    const reported = new Set<string>();
    for (const p of periods) {
      if (reportMap.has(`${c.id}|${p}`)) reported.add(p);
      own.set(p, valueMap.get(`${c.id}|${p}`) ?? {});
    }
    const current = own.get(input.period) ?? {};
    const ctx = contextFrom(own, input.period, reported);
    const check = r ? validateMonth(current, ctx, { requireComplete: true }) : { errors: [], warnings: [] };
    const previous = ctx.previous ?? {};
    const returned = r && sinceReturn.get(r.id);
    return {
      reportId: r?.id ?? null,
      commune: { id: c.id, code: c.code, name: c.name },
      status: (r?.status ?? "MISSING") as QueueItem["status"],
      version: r?.version ?? 0,
      submittedAt: r?.submittedAt ?? null,
      onTime: r?.firstSubmittedAt ? isOnTime(input.period, r.firstSubmittedAt) : null,
      returnComment: r?.returnComment ?? null,
      warningNote: r?.warningNote ?? null,
      errors: check.errors,
      warnings: check.warnings,
      changes: r ? diffValues(previous, current).map((d) => ({ field: d.field, previous: d.old, current: d.new })) : [],
      sinceReturn: returned
        ? diffValues(valuesBefore(current, returned), current).map((d) => ({
            field: d.field,
            returned: d.old,
            current: d.new,
          }))
        : null,
    };
  });
  items.sort((a, b) => QUEUE_ORDER[a.status] - QUEUE_ORDER[b.status]);
  return { period: input.period, locked: !!lock, items };
}
