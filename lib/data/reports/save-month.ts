/**
 * A commune saves a month as a draft, or submits it. The commune written is the viewer's own (the request's id must
 * match it). Optimistic concurrency on monthly_report.version: a save based on an older version is merged by field
 * with what others saved (lib/domain/merge), or refused with what changed, so the form can show both and lose nothing.
 * The report, its values (lib/data/values upsertValues) and its audit row are written in one transaction, at one instant.
 */
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import type { RawCode } from "@/lib/domain/indicators";
import { mergeMonthValues } from "@/lib/domain/merge";
import type { MonthState } from "@/lib/domain/month-editability";
import { canEditReport } from "@/lib/domain/permissions";
import type { ReportStatus } from "@/lib/domain/report-status";
import { isRowInt } from "@/lib/domain/text";
import {
  type MonthValues,
  type ValidationIssue,
  WARNING_NOTE_MAX,
  diffValues,
  unacknowledged,
  validateMonth,
} from "@/lib/domain/validation";
import { DataError, forbidden } from "../errors";
import { optionalText } from "../text-input";
import { type Changes, appendAudit, deleteValues, upsertValues } from "../values";
import { CONFLICT_MESSAGE, MERGE_CONFLICT_MESSAGE, conflictDetails, lastSaver } from "./month-conflict";
import { contextFrom, historyPeriods, valuesByPeriod } from "./month-values";
import { type Tx, assertPeriod, latestOpenPeriod } from "./read-scope";
import { assertEditable, holdMonthLocks, transactionWithNotices } from "./report-transaction";

export interface SaveInput {
  communeId: number;
  period: string;
  /** The version the form was loaded with; 0 when there was no report yet. */
  version: number;
  /** The values as numbers, parsed once by the caller (the action reads them in the user's language). */
  values: MonthValues;
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

interface Confirmation {
  /** The keys of the warnings the submitter confirmed. */
  acknowledged: readonly string[];
  /** Why, in their words (optional): kept with the report when the month has a warning, shown to the reviewer. */
  note?: unknown;
}

interface StoredMonth {
  period: string;
  id: number | null;
  status: ReportStatus | null;
  version: number | null;
  warning_note: string | null;
  locked: boolean;
}

/**
 * One round trip for the month's report, its lock and which previous months have a report. No row lock is needed:
 * every status change bumps the version, so the UPDATE ... AND version = of the write refuses a stale save.
 */
async function readMonths(tx: Tx, orgUnitId: number, period: string): Promise<StoredMonth[]> {
  return tx.$queryRaw<StoredMonth[]>`
    SELECT p.period, r.id, r.status::text AS status, r.version, r.warning_note, (l.period IS NOT NULL) AS locked
    FROM unnest(${[period, ...historyPeriods(period)]}::text[]) AS p(period)
    LEFT JOIN monthly_report r ON r.org_unit_id = ${orgUnitId} AND r.period = p.period
    LEFT JOIN period_lock l ON l.period = p.period`;
}

/**
 * Someone saved since the form's version: merge by field against the form's base. The row lock keeps the version and
 * values read here unchanged until the transaction commits, so the merge is against what is stored.
 */
async function mergeWithStored(
  tx: Tx,
  reportId: number,
  input: SaveInput & { baseValues: MonthValues },
  orgUnitId: number,
): Promise<{ values: MonthValues; merged: SaveResult["merged"]; version: number; status: ReportStatus }> {
  const [row] = await tx.$queryRaw<{ version: number; status: ReportStatus }[]>`
    SELECT version, status::text AS status FROM monthly_report WHERE id = ${reportId} FOR UPDATE`;
  const theirs = (await valuesByPeriod(tx, orgUnitId, [input.period])).get(input.period) ?? {};
  const result = mergeMonthValues(input.baseValues, input.values, theirs);
  if (result.conflicts.length > 0) {
    throw new DataError("CONFLICT", MERGE_CONFLICT_MESSAGE, {
      conflict: await conflictDetails(tx, orgUnitId, input.period, input.values, result.conflicts),
    });
  }
  const merged =
    result.takenFromTheirs.length > 0
      ? { fields: result.takenFromTheirs, by: (await lastSaver(tx, orgUnitId, input.period))?.username ?? null }
      : null;
  return { values: result.merged, merged, version: row!.version, status: row!.status };
}

/** Creates the month's report, or moves it to its new status and version; a lost race is a CONFLICT. */
async function storeReport(
  tx: Tx,
  viewer: Viewer,
  at: Date,
  month: { orgUnitId: number; period: string; values: MonthValues },
  current: { id: number; version: number } | undefined,
  write: {
    status: ReportStatus;
    formVersion: number;
    expectedVersion: number;
    ack: string | null;
    warningNote: string | null;
  },
): Promise<{ reportId: number; version: number }> {
  const { orgUnitId, period } = month;
  const submitting = write.status === "SUBMITTED";
  const conflict = async () =>
    new DataError("CONFLICT", CONFLICT_MESSAGE, {
      conflict: await conflictDetails(tx, orgUnitId, period, month.values),
    });
  if (!current) {
    if (write.formVersion !== 0) throw await conflict();
    const inserted = await tx.$queryRaw<{ id: number; version: number }[]>`
      INSERT INTO monthly_report (org_unit_id, period, status, version, submitted_at, first_submitted_at, submitted_by_id,
        acknowledged_warnings, warning_note, updated_at)
      VALUES (${orgUnitId}, ${period}, ${write.status}::"ReportStatus", 1,
        ${submitting ? at : null}, ${submitting ? at : null}, ${submitting ? viewer.id : null},
        ${write.ack}::jsonb, ${write.warningNote}, ${at})
      ON CONFLICT (org_unit_id, period) DO NOTHING
      RETURNING id, version`;
    // None: someone created the report between our read and our insert.
    if (inserted.length === 0) throw await conflict();
    return { reportId: inserted[0]!.id, version: inserted[0]!.version };
  }
  const updated = await tx.$queryRaw<{ version: number }[]>`
    UPDATE monthly_report SET version = version + 1, status = ${write.status}::"ReportStatus", updated_at = ${at},
      submitted_at = CASE WHEN ${submitting} THEN ${at}::timestamptz ELSE submitted_at END,
      first_submitted_at = CASE WHEN ${submitting} THEN coalesce(first_submitted_at, ${at}::timestamptz) ELSE first_submitted_at END,
      submitted_by_id = CASE WHEN ${submitting} THEN ${viewer.id} ELSE submitted_by_id END,
      acknowledged_warnings = CASE WHEN ${submitting} THEN ${write.ack}::jsonb ELSE acknowledged_warnings END,
      warning_note = CASE WHEN ${submitting} THEN ${write.warningNote}::text ELSE warning_note END
    WHERE id = ${current.id} AND version = ${write.expectedVersion}
    RETURNING version`;
  if (updated.length === 0) throw await conflict();
  return { reportId: current.id, version: updated[0]!.version };
}

async function writeReport(
  viewer: Viewer,
  input: SaveInput,
  mode: "draft" | "submit",
  confirmation: Confirmation,
  at: Date,
): Promise<SaveResult> {
  // Only the commune's own staff; the commune written is the viewer's, the request's id must match it.
  if (!canEditReport(viewer, input.communeId)) throw forbidden();
  const orgUnitId = viewer.orgUnitId!;
  assertPeriod(input.period);
  const period = input.period;
  const month: MonthState = { mayEdit: true, period, latestOpen: latestOpenPeriod(at), locked: false, status: null };
  assertEditable(month);
  if (!isRowInt(input.version, 0)) throw new DataError("INVALID", { key: "badVersion" });
  const note = optionalText(confirmation.note, WARNING_NOTE_MAX);

  return transactionWithNotices(async (tx, notify) => {
    await holdMonthLocks(tx);
    const months = await readMonths(tx, orgUnitId, period);
    const thisMonth = months.find((m) => m.period === period)!;
    assertEditable({ ...month, locked: thisMonth.locked });
    const reported = new Set(months.filter((m) => m.period !== period && m.id !== null).map((m) => m.period));
    let values = input.values;
    let expectedVersion = input.version;
    let merged: SaveResult["merged"] = null;
    if (thisMonth.id !== null && thisMonth.version !== input.version && input.baseValues) {
      const result = await mergeWithStored(tx, thisMonth.id, { ...input, baseValues: input.baseValues }, orgUnitId);
      ({ values, merged } = result);
      thisMonth.version = expectedVersion = result.version;
      thisMonth.status = result.status;
    }
    const stored = await valuesByPeriod(tx, orgUnitId, [period, ...reported]);
    const check = validateMonth(values, contextFrom(stored, period, reported), { requireComplete: mode === "submit" });
    if (check.errors.length > 0) {
      throw new DataError(
        "INVALID",
        { key: "invalidValues" },
        {
          issues: check.errors,
        },
      );
    }
    const submitting = mode === "submit";
    if (submitting) {
      const open = unacknowledged(check.warnings, confirmation.acknowledged);
      if (open.length > 0) throw new DataError("WARNINGS", { key: "confirmWarnings" }, { issues: open });
    }
    const current =
      thisMonth.id === null ? undefined : { id: thisMonth.id, status: thisMonth.status!, version: thisMonth.version! };
    assertEditable({ ...month, status: current?.status ?? null });

    const newStatus: ReportStatus = submitting ? "SUBMITTED" : "DRAFT";
    // A note explains warnings: a month without any keeps none (a submission replaces the previous one's note).
    const warningNote = submitting && check.warnings.length > 0 ? note : null;
    const { reportId, version } = await storeReport(
      tx,
      viewer,
      at,
      { orgUnitId, period, values: check.values },
      current,
      {
        status: newStatus,
        formVersion: input.version,
        expectedVersion,
        ack: submitting ? JSON.stringify(check.warnings) : null,
        warningNote,
      },
    );

    const before = stored.get(period) ?? {};
    const diff = diffValues(before, check.values);
    const upserts = diff.filter((d) => d.new !== null);
    const deletes = diff.filter((d) => d.new === null).map((d) => d.field);
    // The one value-writing path (lib/data/values.ts), shared with the import.
    const by = { userId: viewer.id, at };
    await upsertValues(
      tx,
      by,
      upserts.map((d) => ({ orgUnitId, period, indicatorCode: d.field, value: d.new! })),
    );
    await deleteValues(
      tx,
      deletes.map((indicatorCode) => ({ orgUnitId, period, indicatorCode })),
    );

    const changes: Changes = Object.fromEntries(diff.map((d) => [d.field, { old: d.old, new: d.new }]));
    const oldStatus = current?.status ?? null;
    if (oldStatus !== newStatus) changes.status = { old: oldStatus, new: newStatus };
    const oldNote = thisMonth.warning_note ?? null;
    if (submitting && oldNote !== warningNote) changes.warningNote = { old: oldNote, new: warningNote };
    if (Object.keys(changes).length > 0 || submitting) {
      const confirmed = check.warnings.map((w) => w.message).join("; ");
      await appendAudit(tx, viewer, at, {
        action: submitting ? "report.submit" : "report.save",
        entity: "monthly_report",
        entityId: String(reportId),
        orgUnitId,
        period,
        changes,
        reason: submitting && check.warnings.length > 0 ? `Đã xác nhận cảnh báo: ${confirmed}` : null,
      });
    }
    if (submitting) await notify([{ kind: "SUBMITTED", reportId, comment: null }], at);
    return {
      reportId,
      version,
      status: newStatus,
      warnings: check.warnings,
      changed: diff.length,
      values: check.values,
      merged,
    };
  });
}

/** Saves a draft (any subset of fields, no errors allowed). A RETURNED report becomes a DRAFT again. */
export async function saveDraft(viewer: Viewer, input: SaveInput, at: Date = now()): Promise<SaveResult> {
  return writeReport(viewer, input, "draft", { acknowledged: [] }, at);
}

/**
 * Saves and submits: every field entered, no errors, every warning acknowledged by key, with an optional note saying
 * why the figures are right (at most WARNING_NOTE_MAX characters, audited, shown to the reviewer beside the warnings).
 */
export async function submitReport(
  viewer: Viewer,
  input: SaveInput & { acknowledgedWarnings: readonly string[]; warningNote?: string | null },
  at: Date = now(),
): Promise<SaveResult> {
  return writeReport(
    viewer,
    input,
    "submit",
    { acknowledged: input.acknowledgedWarnings, note: input.warningNote },
    at,
  );
}
