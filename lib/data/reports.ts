/**
 * Monthly reports: the only code that reads or writes monthly_report, its data_value rows and period_lock.
 *
 * Every function takes the acting Viewer first, checks lib/domain/permissions and scopes its query with the
 * viewer (a commune user's writes use viewer.orgUnitId, never an id from the request). Writes run in one
 * transaction each, with their audit_log rows. Saving uses optimistic concurrency on monthly_report.version:
 * a save based on an older version is refused with what changed, so the form can show both and lose nothing.
 *
 * Workflow (SPEC §3): DRAFT → SUBMITTED → APPROVED; SUBMITTED → RETURNED (comment) → DRAFT when the commune
 * edits it again; PROVINCE/ADMIN may reopen an APPROVED report with a reason (→ DRAFT or RETURNED).
 */
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { RawCode } from "@/lib/domain/indicators";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { canEditReport, canLockPeriods, canReadReport, canReadReturnComment, canReview } from "@/lib/domain/permissions";
import {
  REFORM_START, addMonths, currentPeriod, isOnTime, isPeriod, periodsInRange, reportDeadline,
} from "@/lib/domain/periods";
import { now } from "@/lib/clock";
import {
  HISTORY_MONTHS, type MonthValues, type ValidationIssue, REPORT_FIELDS, WARNING_NOTE_MAX, diffValues, parseMonthValues,
  unacknowledged, validateMonth,
} from "@/lib/domain/validation";
import { type FieldConflict, mergeMonthValues, valuesBefore } from "@/lib/domain/merge";
import { type Changes, appendAudit } from "./audit-write";
import { appendAudit as appendAuditAt, deleteValues, upsertValues } from "./values";
import { db } from "./db";
import { transaction } from "./transaction";
import { type NoticeEvent, writeNotices } from "./notices";
import { type NoticeMail, noticeKindFor } from "@/lib/domain/notices";
import { sendNoticeMails } from "@/lib/mail/notices";
import { type ConflictDetails, DataError, forbidden } from "./errors";

import { type ReportStatus, STATUS_LABEL_VI } from "@/lib/domain/report-status";
import { isRowInt } from "@/lib/domain/text";
import { optionalText, requiredText } from "./text-input";
import { isOpenMonth } from "@/lib/domain/period-window";

export type { ReportStatus };
const RECEIVED: ReportStatus[] = ["SUBMITTED", "APPROVED"];

/** The latest month a commune may report: the current month (a report can be prepared before the month ends). */
export function latestOpenPeriod(at: Date = now()): string {
  return currentPeriod(at);
}

function assertPeriod(period: unknown): asserts period is string {
  if (!isPeriod(period) || period < REFORM_START) throw new DataError("INVALID", "Tháng báo cáo không hợp lệ.");
}

/**
 * The where-clause that limits monthly_report rows to what the viewer may read: everything for the province and
 * admins, the own commune for commune staff, received reports only for analysts.
 */
function readableReports(viewer: Viewer): Prisma.MonthlyReportWhereInput {
  switch (viewer.role) {
    case "ADMIN":
    case "PROVINCE":
      return {};
    case "COMMUNE":
      return { orgUnitId: viewer.orgUnitId ?? -1 };
    default:
      return { status: { in: RECEIVED } };
  }
}

async function communeOf(tx: Prisma.TransactionClient, orgUnitId: number) {
  const unit = await tx.orgUnit.findFirst({ where: { id: orgUnitId, level: "COMMUNE" }, select: { id: true, code: true, name: true, fullName: true } });
  if (!unit) throw new DataError("NOT_FOUND", "Không tìm thấy xã, phường.");
  return unit;
}

/** Values by period for one commune, as MonthValues. */
async function valuesByPeriod(tx: Prisma.TransactionClient, orgUnitId: number, periods: string[]): Promise<Map<string, MonthValues>> {
  const rows = await tx.dataValue.findMany({
    where: { orgUnitId, period: { in: periods }, indicatorCode: { in: REPORT_FIELDS } },
    select: { period: true, indicatorCode: true, value: true },
  });
  const out = new Map<string, MonthValues>();
  for (const r of rows) {
    const m = out.get(r.period) ?? {};
    m[r.indicatorCode as RawCode] = r.value;
    out.set(r.period, m);
  }
  return out;
}

/** The months before `period` the validation rules look at (previous month first). */
function historyPeriods(period: string): string[] {
  return Array.from({ length: HISTORY_MONTHS }, (_, i) => addMonths(period, -(i + 1))).filter((p) => p >= REFORM_START);
}

function contextFrom(values: Map<string, MonthValues>, period: string, reported: Set<string>) {
  const past = historyPeriods(period).filter((p) => reported.has(p));
  const previousPeriod = addMonths(period, -1);
  return {
    previous: reported.has(previousPeriod) ? values.get(previousPeriod) ?? {} : null,
    history: past.map((p) => values.get(p) ?? {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reads

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
): Promise<{ commune: { id: number; code: string; name: string; fullName: string }; months: MonthRow[]; due: MonthRow[] }> {
  const communeId = input.communeId ?? viewer.orgUnitId;
  // Drafts and returned reports are in this list: the same right as reading an unsubmitted report.
  if (communeId == null || !canReadReport(viewer, communeId, false)) throw forbidden();
  const today = input.today ?? now();
  const prisma = db().prisma;
  const commune = await communeOf(prisma, communeId);
  const [reports, locks] = await Promise.all([
    prisma.monthlyReport.findMany({
      where: { AND: [{ orgUnitId: communeId }, readableReports(viewer)] },
      select: { period: true, status: true, version: true, submittedAt: true, firstSubmittedAt: true, returnComment: true },
    }),
    prisma.periodLock.findMany({ select: { period: true } }),
  ]);
  const byPeriod = new Map(reports.map((r) => [r.period, r]));
  const locked = new Set(locks.map((l) => l.period));
  const months = periodsInRange(REFORM_START, latestOpenPeriod(today)).reverse().map((period): MonthRow => {
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
    .sort((a, b) => Number(b.status === "RETURNED") - Number(a.status === "RETURNED") || Number(b.late) - Number(a.late) ||
      a.period.localeCompare(b.period));
  return { commune, months, due };
}

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
export async function recentDecisions(viewer: Viewer, input: { communeId?: number | null; limit?: number } = {}): Promise<Decision[]> {
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
}

/** One month of one commune for the form or a read-only view. */
export async function loadMonthForm(viewer: Viewer, input: { communeId?: number | null; period: string }): Promise<MonthForm> {
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
  const status = report?.status ?? null;
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
    editable: canEditReport(viewer, commune.id) && !lock && input.period <= latestOpenPeriod() &&
      (status === null || status === "DRAFT" || status === "RETURNED"),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Commune writes: save a draft, submit

export interface SaveInput {
  communeId: number;
  period: string;
  /** The version the form was loaded with; 0 when there was no report yet. */
  version: number;
  /** Raw values as typed (strings) or numbers; validated here with lib/domain/validation. */
  values: unknown;
  /**
   * The values of `version` as the form started from. With them a save based on an older version is merged by field
   * (lib/domain/merge) instead of refused: only fields both sides changed come back as a conflict.
   */
  baseValues?: MonthValues;
}

export interface SaveResult {
  reportId: number;
  version: number;
  status: ReportStatus;
  warnings: ValidationIssue[];
  changed: number;
  /** The month's values as stored after this save (merged with others' changes when the save was merged). */
  values: MonthValues;
  /** Fields another user changed since the form's version, kept in this save, and who saved last. */
  merged: { fields: RawCode[]; by: string | null } | null;
}

type Tx = Prisma.TransactionClient;

function lockedError(period: string): DataError {
  return new DataError("LOCKED", `Tháng ${period.slice(5)}/${period.slice(0, 4)} đã khoá sổ: không thể thay đổi số liệu.`);
}

type Notify = (events: NoticeEvent[], at: Date) => Promise<void>;

/**
 * One transaction whose status changes tell people (lib/data/notices): `notify` writes the notices inside it, and once
 * it has committed their e-mails are handed to lib/mail, which sends them without being waited for.
 */
async function transactionWithNotices<T>(fn: (tx: Tx, notify: Notify) => Promise<T>): Promise<T> {
  const mails: NoticeMail[] = [];
  const result = await transaction((tx) => fn(tx, async (events, at) => {
    mails.push(...await writeNotices(tx, events, at));
  }));
  sendNoticeMails(mails);
  return result;
}

/**
 * Month locks cannot change while this transaction writes reports: SHARE mode lets saves run side by side, but makes
 * lockPeriod's INSERT wait until they commit, and a save that starts after a lock waits for it and then sees it
 * (without this, a save that had read "not locked" could still commit after the lock). The import does the same.
 */
async function holdMonthLocks(tx: Tx) {
  await tx.$executeRawUnsafe("LOCK TABLE period_lock IN SHARE MODE");
}

async function assertUnlocked(tx: Tx, period: string) {
  const lock = await tx.periodLock.findUnique({ where: { period } });
  if (lock) throw lockedError(period);
}

async function lastSaver(tx: Tx, orgUnitId: number, period: string) {
  return tx.auditLog.findFirst({
    where: { entity: "monthly_report", orgUnitId, period },
    orderBy: { id: "desc" },
    select: { username: true, at: true },
  });
}

async function conflictDetails(
  tx: Tx, orgUnitId: number, period: string, mine: MonthValues, fields?: FieldConflict[],
): Promise<ConflictDetails> {
  const report = await tx.monthlyReport.findUnique({ where: { orgUnitId_period: { orgUnitId, period } } });
  const server = (await valuesByPeriod(tx, orgUnitId, [period])).get(period) ?? {};
  const last = await lastSaver(tx, orgUnitId, period);
  return {
    serverValues: server,
    fields,
    serverVersion: report?.version ?? 0,
    serverStatus: report?.status ?? "MISSING",
    lastSavedBy: last?.username ?? null,
    lastSavedAt: last?.at ?? null,
    differences: diffValues(server, mine).map((d) => ({ field: d.field, server: d.old, mine: d.new })),
  };
}

const CONFLICT_MESSAGE =
  "Báo cáo này vừa được người khác lưu. Số liệu bạn nhập vẫn còn trên màn hình; hãy xem các ô khác nhau bên dưới rồi lưu lại.";
const MERGE_CONFLICT_MESSAGE =
  "Người khác vừa lưu báo cáo này và đã sửa cùng ô với bạn. Các ô khác đã được gộp; hãy chọn giá trị cho từng ô bị trùng bên dưới rồi lưu lại.";

interface Confirmation {
  /** The keys of the warnings the submitter confirmed. */
  acknowledged: readonly string[];
  /** Why, in their words (optional): kept with the report when the month has a warning, shown to the reviewer. */
  note?: unknown;
}

async function writeReport(viewer: Viewer, input: SaveInput, mode: "draft" | "submit", confirmation: Confirmation): Promise<SaveResult> {
  // Only the commune's own staff; the commune written is the viewer's, the request's id must match it.
  if (!canEditReport(viewer, input.communeId)) throw forbidden();
  const orgUnitId = viewer.orgUnitId!;
  assertPeriod(input.period);
  const period = input.period;
  if (period > latestOpenPeriod()) throw new DataError("INVALID", "Chưa đến kỳ báo cáo của tháng này.");
  if (!isRowInt(input.version, 0)) throw new DataError("INVALID", "Phiên bản báo cáo không hợp lệ.");
  const note = optionalText(confirmation.note, WARNING_NOTE_MAX);

  const at = now();
  return transactionWithNotices(async (tx, notify) => {
    await holdMonthLocks(tx);
    // One round trip for the month's report, its lock and which previous months have a report. No row lock is
    // needed: every status change bumps the version, so the UPDATE ... AND version = below refuses a stale save.
    const history = historyPeriods(period);
    const months = await tx.$queryRaw<{
      period: string; id: number | null; status: ReportStatus | null; version: number | null; warning_note: string | null; locked: boolean;
    }[]>`
      SELECT p.period, r.id, r.status::text AS status, r.version, r.warning_note, (l.period IS NOT NULL) AS locked
      FROM unnest(${[period, ...history]}::text[]) AS p(period)
      LEFT JOIN monthly_report r ON r.org_unit_id = ${orgUnitId} AND r.period = p.period
      LEFT JOIN period_lock l ON l.period = p.period`;
    const thisMonth = months.find((m) => m.period === period)!;
    if (thisMonth.locked) throw lockedError(period);
    const reported = new Set(months.filter((m) => m.period !== period && m.id !== null).map((m) => m.period));
    let values: unknown = input.values;
    let expectedVersion = input.version;
    let merged: SaveResult["merged"] = null;
    if (thisMonth.id !== null && thisMonth.version !== input.version && input.baseValues) {
      // Someone saved since this form's version: merge by field against the form's base. The row lock keeps the
      // version and values read here unchanged until this transaction commits, so the merge is against what is stored.
      const locked = await tx.$queryRaw<{ version: number; status: string }[]>`
        SELECT version, status::text AS status FROM monthly_report WHERE id = ${thisMonth.id} FOR UPDATE`;
      thisMonth.version = locked[0]!.version;
      thisMonth.status = locked[0]!.status as ReportStatus;
      const mine = parseMonthValues(input.values);
      if (mine.errors.length === 0) {
        const theirs = (await valuesByPeriod(tx, orgUnitId, [period])).get(period) ?? {};
        const result = mergeMonthValues(input.baseValues, mine.values, theirs);
        if (result.conflicts.length > 0) {
          throw new DataError("CONFLICT", MERGE_CONFLICT_MESSAGE, {
            conflict: await conflictDetails(tx, orgUnitId, period, mine.values, result.conflicts),
          });
        }
        values = result.merged;
        expectedVersion = thisMonth.version;
        if (result.takenFromTheirs.length > 0) {
          merged = { fields: result.takenFromTheirs, by: (await lastSaver(tx, orgUnitId, period))?.username ?? null };
        }
      }
    }
    const stored = await valuesByPeriod(tx, orgUnitId, [period, ...reported]);
    const check = validateMonth(values, contextFrom(stored, period, reported), { requireComplete: mode === "submit" });
    if (check.errors.length > 0) {
      throw new DataError("INVALID", "Số liệu chưa hợp lệ, chưa lưu. Vui lòng sửa các lỗi được đánh dấu.", { issues: check.errors });
    }
    if (mode === "submit") {
      const open = unacknowledged(check.warnings, confirmation.acknowledged);
      if (open.length > 0) throw new DataError("WARNINGS", "Vui lòng xác nhận từng cảnh báo trước khi nộp báo cáo.", { issues: open });
    }
    const current = thisMonth.id === null ? undefined : { id: thisMonth.id, status: thisMonth.status!, version: thisMonth.version! };

    if (current?.status === "APPROVED") throw new DataError("READ_ONLY", "Báo cáo đã được duyệt: chỉ xem, không sửa được.");
    if (current?.status === "SUBMITTED") throw new DataError("READ_ONLY", "Báo cáo đã nộp và đang chờ tỉnh duyệt: không sửa được.");

    const newStatus: ReportStatus = mode === "submit" ? "SUBMITTED" : "DRAFT";
    const submitting = mode === "submit";
    const ack = submitting ? JSON.stringify(check.warnings) : null;
    // A note explains warnings: a month without any keeps none (a submission replaces the previous one's note).
    const warningNote = submitting && check.warnings.length > 0 ? note : null;
    let reportId: number;
    let version: number;
    if (!current) {
      if (input.version !== 0) {
        throw new DataError("CONFLICT", CONFLICT_MESSAGE, { conflict: await conflictDetails(tx, orgUnitId, period, check.values) });
      }
      const inserted = await tx.$queryRaw<{ id: number; version: number }[]>`
        INSERT INTO monthly_report (org_unit_id, period, status, version, submitted_at, first_submitted_at, submitted_by_id,
          acknowledged_warnings, warning_note, updated_at)
        VALUES (${orgUnitId}, ${period}, ${newStatus}::"ReportStatus", 1,
          ${submitting ? at : null}, ${submitting ? at : null}, ${submitting ? viewer.id : null},
          ${ack}::jsonb, ${warningNote}, ${at})
        ON CONFLICT (org_unit_id, period) DO NOTHING
        RETURNING id, version`;
      if (inserted.length === 0) {
        // Someone created the report between our read and our insert.
        throw new DataError("CONFLICT", CONFLICT_MESSAGE, { conflict: await conflictDetails(tx, orgUnitId, period, check.values) });
      }
      reportId = inserted[0]!.id;
      version = inserted[0]!.version;
    } else {
      const updated = await tx.$queryRaw<{ version: number }[]>`
        UPDATE monthly_report SET version = version + 1, status = ${newStatus}::"ReportStatus", updated_at = ${at},
          submitted_at = CASE WHEN ${submitting} THEN ${at}::timestamptz ELSE submitted_at END,
          first_submitted_at = CASE WHEN ${submitting} THEN coalesce(first_submitted_at, ${at}::timestamptz) ELSE first_submitted_at END,
          submitted_by_id = CASE WHEN ${submitting} THEN ${viewer.id} ELSE submitted_by_id END,
          acknowledged_warnings = CASE WHEN ${submitting} THEN ${ack}::jsonb ELSE acknowledged_warnings END,
          warning_note = CASE WHEN ${submitting} THEN ${warningNote}::text ELSE warning_note END
        WHERE id = ${current.id} AND version = ${expectedVersion}
        RETURNING version`;
      if (updated.length === 0) {
        throw new DataError("CONFLICT", CONFLICT_MESSAGE, { conflict: await conflictDetails(tx, orgUnitId, period, check.values) });
      }
      reportId = current.id;
      version = updated[0]!.version;
    }

    const before = stored.get(period) ?? {};
    const diff = diffValues(before, check.values);
    const upserts = diff.filter((d) => d.new !== null);
    const deletes = diff.filter((d) => d.new === null).map((d) => d.field);
    // The one value-writing path (lib/data/values.ts), shared with the import.
    await upsertValues(tx, { userId: viewer.id, at }, upserts.map((d) => ({ orgUnitId, period, indicatorCode: d.field, value: d.new! })));
    await deleteValues(tx, deletes.map((indicatorCode) => ({ orgUnitId, period, indicatorCode })));

    const changes: Changes = Object.fromEntries(diff.map((d) => [d.field, { old: d.old, new: d.new }]));
    const oldStatus = current?.status ?? null;
    if (oldStatus !== newStatus) changes.status = { old: oldStatus, new: newStatus };
    const oldNote = thisMonth.warning_note ?? null;
    if (submitting && oldNote !== warningNote) changes.warningNote = { old: oldNote, new: warningNote };
    if (Object.keys(changes).length > 0 || submitting) {
      await appendAuditAt(tx, viewer, at, {
        action: submitting ? "report.submit" : "report.save",
        entity: "monthly_report",
        entityId: String(reportId),
        orgUnitId,
        period,
        changes,
        reason: submitting && check.warnings.length > 0 ? `Đã xác nhận cảnh báo: ${check.warnings.map((w) => w.message).join("; ")}` : null,
      });
    }
    if (submitting) await notify([{ kind: "SUBMITTED", reportId, comment: null }], at);
    return { reportId, version, status: newStatus, warnings: check.warnings, changed: diff.length, values: check.values, merged };
  });
}

/** Saves a draft (any subset of fields, no errors allowed). A RETURNED report becomes a DRAFT again. */
export async function saveDraft(viewer: Viewer, input: SaveInput): Promise<SaveResult> {
  return writeReport(viewer, input, "draft", { acknowledged: [] });
}

/**
 * Saves and submits: every field entered, no errors, every warning acknowledged by key, with an optional note saying
 * why the figures are right (at most WARNING_NOTE_MAX characters, audited, shown to the reviewer beside the warnings).
 */
export async function submitReport(
  viewer: Viewer,
  input: SaveInput & { acknowledgedWarnings: readonly string[]; warningNote?: string | null },
): Promise<SaveResult> {
  return writeReport(viewer, input, "submit", { acknowledged: input.acknowledgedWarnings, note: input.warningNote });
}

// ---------------------------------------------------------------------------------------------------------------
// Province review: queue, approve, return, reopen, bulk approve

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

/**
 * For reports that were returned and are back: the audit change sets written since their last return, oldest first
 * (lib/domain/merge valuesBefore turns them back into the returned version's values).
 */
async function changesSinceReturn(reportIds: number[]): Promise<Map<number, Record<string, { old: unknown; new: unknown }>[]>> {
  const out = new Map<number, Record<string, { old: unknown; new: unknown }>[]>();
  if (reportIds.length === 0) return out;
  const rows = await db().prisma.$queryRaw<{ entity_id: string; changes: Record<string, { old: unknown; new: unknown }> | null }[]>`
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

/** Every commune's report for a month, those waiting for review first, with warnings and changes vs last month. */
export async function approvalQueue(viewer: Viewer, input: { period: string }): Promise<{ period: string; locked: boolean; items: QueueItem[] }> {
  if (!canReview(viewer)) throw forbidden();
  assertPeriod(input.period);
  const prisma = db().prisma;
  const periods = [input.period, ...historyPeriods(input.period)];
  // The province this deployment serves: its communes, their reports and values (a database may hold others, as the
  // national benchmark set does: 3,321 communes, whose months the queue must not load).
  const ofProvince = { level: "COMMUNE" as const, parent: { code: HOME_PROVINCE } };
  const [communes, reports, values, lock] = await Promise.all([
    prisma.orgUnit.findMany({ where: ofProvince, select: { id: true, code: true, name: true, searchName: true }, orderBy: [{ searchName: "asc" }] }),
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
  const resubmitted = reports.filter((r) => r.period === input.period && r.status === "SUBMITTED" && r.returnComment !== null);
  const sinceReturn = await changesSinceReturn(resubmitted.map((r) => r.id));
  const order: Record<string, number> = { SUBMITTED: 0, RETURNED: 1, DRAFT: 2, MISSING: 3, APPROVED: 4 };
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
      sinceReturn: r && sinceReturn.has(r.id)
        ? diffValues(valuesBefore(current, sinceReturn.get(r.id)!), current).map((d) => ({ field: d.field, returned: d.old, current: d.new }))
        : null,
    };
  });
  items.sort((a, b) => order[a.status]! - order[b.status]!);
  return { period: input.period, locked: !!lock, items };
}

async function transition(
  viewer: Viewer,
  input: { reportId: number; version?: number },
  from: ReportStatus[],
  to: ReportStatus,
  action: string,
  extra: { returnComment?: string | null; reason?: string | null; approve?: boolean } = {},
): Promise<{ reportId: number; version: number; status: ReportStatus }> {
  if (!canReview(viewer)) throw forbidden();
  if (!isRowInt(input.reportId)) throw new DataError("NOT_FOUND", "Không tìm thấy báo cáo.");
  if (input.version !== undefined && !isRowInt(input.version, 0)) throw new DataError("INVALID", "Phiên bản báo cáo không hợp lệ.");
  return transactionWithNotices(async (tx, notify) => {
    await holdMonthLocks(tx);
    const [report] = await tx.$queryRaw<{ id: number; org_unit_id: number; period: string; status: ReportStatus; version: number; return_comment: string | null }[]>`
      SELECT id, org_unit_id, period, status::text AS status, version, return_comment FROM monthly_report WHERE id = ${input.reportId} FOR UPDATE`;
    if (!report) throw new DataError("NOT_FOUND", "Không tìm thấy báo cáo.");
    await assertUnlocked(tx, report.period);
    if (!from.includes(report.status)) {
      throw new DataError("READ_ONLY", `Báo cáo đang ở trạng thái ${STATUS_LABEL_VI[report.status]}: không thể thực hiện thao tác này.`);
    }
    if (input.version !== undefined && input.version !== report.version) {
      throw new DataError("CONFLICT", "Báo cáo vừa thay đổi. Vui lòng tải lại trang.");
    }
    const approving = extra.approve === true;
    const setComment = extra.returnComment !== undefined;
    const at = now();
    const updated = await tx.$queryRaw<{ version: number }[]>`
      UPDATE monthly_report SET status = ${to}::"ReportStatus", version = version + 1, updated_at = ${at},
        approved_at = CASE WHEN ${approving} THEN ${at}::timestamptz ELSE approved_at END,
        approved_by_id = CASE WHEN ${approving} THEN ${viewer.id} ELSE approved_by_id END,
        return_comment = CASE WHEN ${setComment} THEN ${extra.returnComment ?? null} ELSE return_comment END
      WHERE id = ${report.id} AND version = ${report.version}
      RETURNING version`;
    if (updated.length === 0) throw new DataError("CONFLICT", "Báo cáo vừa thay đổi. Vui lòng tải lại trang.");
    const changes: Changes = { status: { old: report.status, new: to } };
    if (setComment && extra.returnComment !== report.return_comment) changes.returnComment = { old: report.return_comment, new: extra.returnComment };
    await appendAudit(tx, viewer, {
      action,
      entity: "monthly_report",
      entityId: String(report.id),
      orgUnitId: report.org_unit_id,
      period: report.period,
      changes,
      reason: extra.reason ?? null,
    });
    const kind = noticeKindFor(to);
    if (kind) await notify([{ kind, reportId: report.id, comment: kind === "RETURNED" ? extra.returnComment ?? null : null }], at);
    return { reportId: report.id, version: updated[0]!.version, status: to };
  });
}

export async function approveReport(viewer: Viewer, input: { reportId: number; version?: number }) {
  return transition(viewer, input, ["SUBMITTED"], "APPROVED", "report.approve", { approve: true });
}

/** Sends a submitted report back to the commune; the comment is required and shown on the commune's form. */
export async function returnReport(viewer: Viewer, input: { reportId: number; comment: string; version?: number }) {
  if (!canReview(viewer)) throw forbidden();
  const comment = requiredText(input.comment, "Vui lòng nhập lý do trả lại báo cáo.");
  return transition(viewer, input, ["SUBMITTED"], "RETURNED", "report.return", { returnComment: comment, reason: comment });
}

/** Reopens an approved report (PROVINCE/ADMIN) with a reason: to DRAFT, or RETURNED with the reason as the comment. */
export async function reopenReport(viewer: Viewer, input: { reportId: number; reason: string; to: "DRAFT" | "RETURNED"; version?: number }) {
  if (!canReview(viewer)) throw forbidden();
  const reason = requiredText(input.reason, "Vui lòng nhập lý do mở lại báo cáo.");
  if (input.to !== "DRAFT" && input.to !== "RETURNED") throw new DataError("INVALID", "Trạng thái mở lại không hợp lệ.");
  return transition(viewer, input, ["APPROVED"], input.to, "report.reopen", {
    reason,
    ...(input.to === "RETURNED" ? { returnComment: reason } : {}),
  });
}

/** Approves, in one transaction, every submitted report of the month that has no warning and no error. */
export async function bulkApprove(viewer: Viewer, input: { period: string }): Promise<{ approved: number[]; skipped: number[] }> {
  if (!canReview(viewer)) throw forbidden();
  assertPeriod(input.period);
  const queue = await approvalQueue(viewer, input);
  if (queue.locked) throw new DataError("LOCKED", "Tháng này đã khoá sổ: không thể duyệt.");
  const submitted = queue.items.filter((i) => i.status === "SUBMITTED" && i.reportId !== null);
  const clean = submitted.filter((i) => i.warnings.length === 0 && i.errors.length === 0);
  const skipped = submitted.filter((i) => !clean.includes(i)).map((i) => i.reportId!);
  if (clean.length === 0) return { approved: [], skipped };
  return transactionWithNotices(async (tx, notify) => {
    await holdMonthLocks(tx);
    await assertUnlocked(tx, input.period);
    // Only reports still at the version that was checked: one changed meanwhile is left for a person to look at.
    const approved: number[] = [];
    const at = now();
    for (const item of clean) {
      const rows = await tx.$queryRaw<{ id: number }[]>`
        UPDATE monthly_report SET status = 'APPROVED', version = version + 1, approved_at = ${at}, approved_by_id = ${viewer.id}, updated_at = ${at}
        WHERE id = ${item.reportId!} AND version = ${item.version} AND status = 'SUBMITTED'
        RETURNING id`;
      if (rows.length === 0) {
        skipped.push(item.reportId!);
        continue;
      }
      approved.push(item.reportId!);
      await appendAudit(tx, viewer, {
        action: "report.approve",
        entity: "monthly_report",
        entityId: String(item.reportId),
        orgUnitId: item.commune.id,
        period: input.period,
        changes: { status: { old: "SUBMITTED", new: "APPROVED" } },
        reason: "Duyệt hàng loạt (báo cáo không có cảnh báo)",
      });
    }
    await notify(approved.map((reportId) => ({ kind: "APPROVED", reportId, comment: null })), at);
    return { approved, skipped };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Period locks

export async function listPeriodLocks(_viewer: Viewer): Promise<{ period: string; lockedAt: Date; reason: string | null }[]> {
  // Which months are locked is no secret: every signed-in role sees it (the form says why it is read-only).
  return db().prisma.periodLock.findMany({ orderBy: { period: "desc" }, select: { period: true, lockedAt: true, reason: true } });
}

export async function lockPeriod(viewer: Viewer, input: { period: string; reason?: string | null }): Promise<{ locked: boolean }> {
  if (!canLockPeriods(viewer)) throw forbidden();
  assertPeriod(input.period);
  // Only months of the reporting window: a lock on 9999-12 would be a row no screen ever shows.
  if (!isOpenMonth(input.period, now())) throw new DataError("INVALID", "Chỉ khoá sổ được các tháng từ 07/2025 đến tháng hiện tại.");
  const reason = optionalText(input.reason);
  return transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ period: string }[]>`
      INSERT INTO period_lock (period, locked_by_id, reason, locked_at) VALUES (${input.period}, ${viewer.id}, ${reason}, ${now()})
      ON CONFLICT (period) DO NOTHING RETURNING period`;
    if (rows.length === 0) return { locked: false };
    await appendAudit(tx, viewer, {
      action: "period.lock", entity: "period_lock", entityId: input.period, period: input.period,
      changes: { locked: { old: false, new: true } }, reason,
    });
    return { locked: true };
  });
}

export async function unlockPeriod(viewer: Viewer, input: { period: string; reason?: string | null }): Promise<{ unlocked: boolean }> {
  if (!canLockPeriods(viewer)) throw forbidden();
  assertPeriod(input.period);
  const reason = optionalText(input.reason);
  return transaction(async (tx) => {
    const { count } = await tx.periodLock.deleteMany({ where: { period: input.period } });
    if (count === 0) return { unlocked: false };
    await appendAudit(tx, viewer, {
      action: "period.unlock", entity: "period_lock", entityId: input.period, period: input.period,
      changes: { locked: { old: true, new: false } }, reason,
    });
    return { unlocked: true };
  });
}


export { DataError } from "./errors";
