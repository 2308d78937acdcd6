/**
 * "Nhập từ tệp" (SPEC §6): a CSV of monthly values, checked row by row with the form's rules, then written all
 * or nothing. dryRun() reads and reports; commit() does the same work again inside one transaction (the dry run is
 * never trusted) and writes only when no row has an error.
 *
 * Rights: PROVINCE and ADMIN import any commune, a COMMUNE user only its own (rows of another commune are errors),
 * ANALYST nothing. Locked months and approved reports are read-only; a commune cannot change a report waiting for
 * review (as in the form). Missing reports are created as DRAFT; every report written gets version + 1, and one
 * audit row with its changes { field: { old, new } } and the reason "Nhập từ tệp <name>", plus one row for the import.
 *
 * Values and audit rows go through lib/data/values.ts (upsertValues, appendAudit), the same path as the month form,
 * in one transaction of lib/data/transaction.ts, stamped with lib/clock's instant (issue 27). Each commit is recorded
 * as a batch (file name, SHA-256, who, when, counts, every value with what it replaced) that a province or
 * administrator can undo while no later change has touched it (issue 23).
 */
import { createHash } from "node:crypto";
import { safeFileName } from "@/lib/domain/text";
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { RawCode } from "@/lib/domain/indicators";
import { type ImportCatalogue } from "@/lib/domain/import/cells";
import {
  type ImportPlan, type ImportState, type MonthChange, type Outcome, type PlanSummary, ROW_LIMIT, type StoredMonth, monthKey,
} from "@/lib/domain/import/plan";
import { MAX_IMPORT_BYTES } from "@/lib/domain/import/read-csv";
import type { ReportStatus } from "@/lib/domain/report-status";
import { runInWorker } from "@/lib/workers/pool";
import { db } from "./db";
import { DataError, forbidden } from "./errors";
import { latestOpenPeriod } from "./reports";
import { now } from "@/lib/clock";
import { transaction } from "./transaction";
import { appendAudit, deleteValues, upsertValues } from "./values";
import type { NumberFormatChoice } from "@/lib/domain/import/number-format";

export { ROW_LIMIT };

/** An upload streamed to a private file on disk (lib/web/upload-file.ts): the worker reads it there. */
export interface StoredUpload {
  path: string;
  size: number;
  sha256: string;
}

export type ImportFile = ImportFileOptions & ({ bytes: Uint8Array; stored?: undefined } | { stored: StoredUpload; bytes?: undefined });

interface ImportFileOptions {
  name: string;
  /**
   * How the file writes its numbers (lib/domain/import/number-format.ts): chosen on the form, or "auto" (read from
   * the file, refused when it could be read two ways). Never the interface's language.
   */
  numbers?: NumberFormatChoice;
  /**
   * The caller gives the bytes up (a buffer of their own, used for nothing else): they move to the worker without a
   * copy (copying 50 MB took the request thread half a second on a loaded machine). Otherwise the worker gets a copy.
   */
  handOver?: boolean;
  /**
   * Loading history (item 6): record the file's months as received and approved, with this batch as the reason.
   * A province or administrator only; see lib/domain/reporting-history.ts for how such reports are counted.
   */
  markReceived?: boolean;
}

const sizeOf = (file: ImportFile) => (file.stored ? file.stored.size : file.bytes.length);

/** What the page shows: counts for every row, and a bounded list of rows, errors first. */
export interface ImportReport {
  fileName: string;
  /** A refusal of the whole file (encoding, columns, size…); then there are no rows. */
  fileError: string | null;
  format: "long" | "wide" | null;
  /** What was read past or read differently from how it is written (computed columns, padded codes, title rows…). */
  notes: string[];
  totalRows: number;
  counts: Record<Outcome, number>;
  /** Errors first (by line), then the other rows, at most ROW_LIMIT. */
  rows: PlanSummary["rows"];
  truncated: number;
  warnings: ImportPlan["warnings"];
  months: { total: number; created: number; received: number };
  committed: boolean;
  /** The batch a commit recorded (the import history, where it can be undone). */
  batchId?: number | null;
  elapsedMs: number;
}

const EMPTY_COUNTS: Record<Outcome, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };

type Tx = Prisma.TransactionClient;

/** What the reads below need of a connection: the pool for a dry run, the commit's transaction. */
interface Queryable {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

const viaPool = (pool: { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): Queryable => ({
  query: async <R>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as R[] }),
});

const viaTx = (tx: Tx): Queryable => ({
  query: async <R>(text: string, params: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<R[]>(text, ...params) }),
});

export function importReason(fileName: string): string {
  return `Nhập từ tệp ${fileName}`;
}

/** The reason an imported month is approved without a submission: the batch that loaded it. */
export function receivedReason(fileName: string, batchId: number): string {
  return `Ghi nhận là đã duyệt: số liệu lịch sử nhập từ tệp ${fileName} (lần nhập số ${batchId})`;
}

export const MARK_RECEIVED_FORBIDDEN = "Chỉ tài khoản cấp tỉnh hoặc quản trị được ghi nhận là đã duyệt.";

/** Refuses a viewer who may not import at all, or not as asked (checked again before any file is read). */
export function assertMayImport(viewer: Viewer, file: Pick<ImportFileOptions, "markReceived"> = {}): void {
  if (viewer.role === "ANALYST") throw forbidden("Tài khoản phân tích số liệu không được nhập số liệu.");
  // A commune's import stays a draft that it submits; only the province records history as approved.
  if (file.markReceived && viewer.role !== "PROVINCE" && viewer.role !== "ADMIN") throw forbidden(MARK_RECEIVED_FORBIDDEN);
  if (viewer.role === "COMMUNE" && (viewer.orgUnitId === null || !viewer.communeCode)) throw forbidden("Tài khoản chưa gắn với xã, phường nào.");
}


async function loadCatalogue(client: Queryable): Promise<ImportCatalogue> {
  const { rows } = await client.query<{ code: string; province_code: string }>(
    `SELECT u.code, p.code AS province_code FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE u.level = 'COMMUNE'`,
  );
  return { communes: new Map(rows.map((r) => [r.code, { provinceCode: r.province_code }])), latestPeriod: latestOpenPeriod() };
}

/**
 * The stored months the file touches and the history validation reads. A commune user's query is limited to
 * its own commune: the state of other communes is never read for them (their rows are refused anyway).
 */
async function loadState(client: Queryable, viewer: Viewer, wanted: Map<string, Set<string>>, lockRows: boolean): Promise<{ state: ImportState; ids: Map<string, number> }> {
  if (viewer.role === "COMMUNE") for (const code of wanted.keys()) if (code !== viewer.communeCode) wanted.delete(code);
  const codes: string[] = [];
  const periods: string[] = [];
  for (const [code, ps] of wanted) for (const p of ps) { codes.push(code); periods.push(p); }
  const scope = viewer.role === "COMMUNE" ? viewer.orgUnitId : null;

  const units = await client.query<{ id: number; code: string }>(
    `SELECT id, code FROM org_unit WHERE level = 'COMMUNE' AND code = ANY($1::text[]) AND ($2::int IS NULL OR id = $2)`,
    [[...wanted.keys()], scope],
  );
  const ids = new Map(units.rows.map((u) => [u.code, u.id]));
  const reports = await client.query<{ code: string; period: string; id: number; status: ReportStatus; version: number }>(
    `SELECT u.code, r.period, r.id, r.status::text AS status, r.version
     FROM unnest($1::text[], $2::text[]) AS w(code, period)
     JOIN org_unit u ON u.code = w.code AND u.level = 'COMMUNE' AND ($3::int IS NULL OR u.id = $3)
     JOIN monthly_report r ON r.org_unit_id = u.id AND r.period = w.period
     ORDER BY r.id ${lockRows ? "FOR UPDATE OF r" : ""}`,
    [codes, periods, scope],
  );
  const values = await client.query<{ code: string; period: string; indicator_code: string; value: number }>(
    `SELECT u.code, v.period, v.indicator_code, v.value
     FROM unnest($1::text[], $2::text[]) AS w(code, period)
     JOIN org_unit u ON u.code = w.code AND u.level = 'COMMUNE' AND ($3::int IS NULL OR u.id = $3)
     JOIN data_value v ON v.org_unit_id = u.id AND v.period = w.period`,
    [codes, periods, scope],
  );
  const locks = await client.query<{ period: string }>(`SELECT period FROM period_lock`);
  const months = new Map<string, StoredMonth>();
  const month = (code: string, period: string) => {
    const key = monthKey(code, period);
    let m = months.get(key);
    if (!m) {
      m = { reportId: null, status: null, version: 0, values: {} };
      months.set(key, m);
    }
    return m;
  };
  for (const r of reports.rows) Object.assign(month(r.code, r.period), { reportId: r.id, status: r.status, version: r.version });
  for (const v of values.rows) month(v.code, v.period).values[v.indicator_code as RawCode] = v.value;
  return { state: { months, lockedPeriods: new Set(locks.rows.map((l) => l.period)) }, ids };
}

function report(fileName: string, started: number, summary: PlanSummary | null, fileError: string | null, committed: boolean): ImportReport {
  return {
    fileName,
    fileError,
    format: summary?.format ?? null,
    notes: summary?.notes ?? [],
    totalRows: summary?.totalRows ?? 0,
    counts: summary?.counts ?? EMPTY_COUNTS,
    rows: summary?.rows ?? [],
    truncated: summary?.truncated ?? 0,
    warnings: summary?.warnings ?? [],
    months: summary?.months ?? { total: 0, created: 0, received: 0 },
    committed,
    elapsedMs: Date.now() - started,
  };
}

type Planned = { fileError: string } | { summary: PlanSummary; months: MonthChange[]; ids: Map<string, number> };

type Parsed = { ok: false; message?: string; error?: string } | { ok: true; wanted: Map<string, Set<string>> };
type PlanAnswer = { ok: false; error: string } | { ok: true; summary: PlanSummary; months: MonthChange[] };

/**
 * Parsing and checking run in a worker thread (lib/workers/cpu-tasks.ts), one per user at a time: the request thread
 * only loads what is stored for the commune-months the worker names, and gets back the summary (and, for a commit,
 * the months to write).
 */
async function plan(client: Queryable, viewer: Viewer, file: ImportFile, lockRows: boolean, withMonths: boolean): Promise<Planned> {
  const catalogue = sizeOf(file) > MAX_IMPORT_BYTES ? { communes: new Map(), latestPeriod: "" } : await loadCatalogue(client);
  return runInWorker(viewer.id, "import", async (worker) => {
    const numbers = file.numbers ?? "auto";
    let parsed: Parsed;
    if (file.stored) {
      // On disk: the worker reads it, the request thread never holds it.
      parsed = await worker.ask<Parsed>({ step: "parse", path: file.stored.path, catalogue, numbers });
    } else {
      // A copy goes to the worker (the caller's bytes stay usable): transferred, not cloned.
      const own = file.handOver && file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength;
      const bytes = own ? file.bytes : new Uint8Array(file.bytes); // a copy of its own (Buffer#slice would share memory)
      parsed = await worker.ask<Parsed>({ step: "parse", bytes, catalogue, numbers }, [bytes.buffer as ArrayBuffer]);
    }
    if (!parsed.ok) {
      if (parsed.message) return { fileError: parsed.message };
      throw new Error(`import worker: ${parsed.error}`);
    }
    const { state, ids } = await loadState(client, viewer, parsed.wanted, lockRows);
    const planned = await worker.ask<PlanAnswer>({
      step: "plan",
      state,
      actor: { role: viewer.role, communeCode: viewer.communeCode, markReceived: !!file.markReceived },
      withMonths,
    });
    if (!planned.ok) throw new Error(`import worker: ${planned.error}`);
    return { summary: planned.summary, months: planned.months, ids };
  });
}

/** Reads and checks the file against what is stored; writes nothing. */
export async function dryRun(viewer: Viewer, file: ImportFile): Promise<ImportReport> {
  assertMayImport(viewer, file);
  const started = Date.now();
  const name = safeFileName(file.name);
  const result = await plan(viaPool(db().pool), viewer, file, false, false);
  if ("fileError" in result) return report(name, started, null, result.fileError, false);
  return report(name, started, result.summary, null, false);
}

/**
 * Checks the file again inside one transaction (rows of the reports involved locked, period locks held) and writes
 * every value or none: any error, or any report created by someone else meanwhile, rolls everything back.
 */
export async function commit(viewer: Viewer, file: ImportFile): Promise<ImportReport & { batchId: number | null }> {
  assertMayImport(viewer, file);
  const started = Date.now();
  const name = safeFileName(file.name);
  if (sizeOf(file) > MAX_IMPORT_BYTES) return { ...(await dryRun(viewer, file)), batchId: null };
  // Before the bytes are handed over to the worker (a transfer leaves this side empty); a stored upload was hashed
  // as it streamed in.
  const sha256 = file.stored ? file.stored.sha256 : createHash("sha256").update(file.bytes).digest("hex");
  const refused = (r: ImportReport) => Object.assign(r, { batchId: null });
  return transaction(async (tx) => {
    // A month cannot be locked (or unlocked) while the import that checked it is writing.
    await tx.$executeRawUnsafe("LOCK TABLE period_lock IN SHARE MODE");
    const result = await plan(viaTx(tx), viewer, file, true, true);
    if ("fileError" in result) return refused(report(name, started, null, result.fileError, false));
    if (result.summary.counts.error > 0) return refused(report(name, started, result.summary, null, false));
    const batchId = await write(tx, viewer, { name, sha256, markReceived: !!file.markReceived }, result.summary, result.months, result.ids);
    return Object.assign(report(name, started, result.summary, null, true), { batchId });
  }, { timeoutMs: 5 * 60_000 });
}

const CHANGED_MEANWHILE = "Số liệu vừa được người khác thay đổi trong lúc nhập. Chưa có số liệu nào được ghi; vui lòng kiểm tra và nhập lại.";

async function write(
  tx: Tx, viewer: Viewer, file: { name: string; sha256: string; markReceived: boolean }, summary: PlanSummary, months: ImportPlan["months"], ids: Map<string, number>,
): Promise<number> {
  const reason = importReason(file.name);
  const at = now();
  const idOf = (m: MonthChange) => {
    const id = ids.get(m.communeCode);
    if (id === undefined) throw new DataError("NOT_FOUND", `Không tìm thấy xã, phường mã ${m.communeCode}.`);
    return id;
  };

  // Reports: create the missing ones as drafts, bump the version of the others. Marked as received, they are
  // approved now by the importer and never submitted (first_submitted_at stays empty: lib/domain/reporting-history.ts).
  const mark = file.markReceived;
  const toCreate = months.filter((m) => !m.stored?.reportId);
  const reportIds = new Map<MonthChange, { id: number; oldStatus: ReportStatus | null; newStatus: ReportStatus; version: number }>();
  if (toCreate.length > 0) {
    const created = await tx.$queryRaw<{ id: number; org_unit_id: number; period: string }[]>`
      INSERT INTO monthly_report (org_unit_id, period, status, version, updated_at, approved_at, approved_by_id)
      SELECT t.org_unit_id, t.period, ${mark ? "APPROVED" : "DRAFT"}::"ReportStatus", 1, ${at}::timestamptz,
        ${mark ? at : null}::timestamptz, ${mark ? viewer.id : null}::text FROM unnest(${toCreate.map(idOf)}::int[], ${toCreate.map((m) => m.period)}::text[]) AS t(org_unit_id, period)
      ON CONFLICT (org_unit_id, period) DO NOTHING
      RETURNING id, org_unit_id, period`;
    if (created.length !== toCreate.length) throw new DataError("CONFLICT", CHANGED_MEANWHILE);
    const byKey = new Map(created.map((r) => [`${r.org_unit_id}|${r.period}`, r.id]));
    for (const m of toCreate) reportIds.set(m, { id: byKey.get(`${idOf(m)}|${m.period}`)!, oldStatus: null, newStatus: mark ? "APPROVED" : "DRAFT", version: 1 });
  }
  const toUpdate = months.filter((m) => m.stored?.reportId);
  if (toUpdate.length > 0) {
    // A commune editing a returned report takes it back to draft, as the form does; other statuses stay.
    const reopen = viewer.role === "COMMUNE";
    const updated = await tx.$queryRaw<{ id: number; status: ReportStatus; version: number }[]>`
      UPDATE monthly_report r SET version = r.version + 1, updated_at = ${at}::timestamptz,
        status = CASE WHEN ${mark}::boolean THEN 'APPROVED'::"ReportStatus"
          WHEN ${reopen}::boolean AND r.status = 'RETURNED' THEN 'DRAFT'::"ReportStatus" ELSE r.status END,
        approved_at = CASE WHEN ${mark}::boolean THEN ${at}::timestamptz ELSE r.approved_at END,
        approved_by_id = CASE WHEN ${mark}::boolean THEN ${viewer.id}::text ELSE r.approved_by_id END
      FROM unnest(${toUpdate.map((m) => m.stored!.reportId!)}::int[], ${toUpdate.map((m) => m.stored!.version)}::int[]) AS t(id, version)
      WHERE r.id = t.id AND r.version = t.version AND r.status <> 'APPROVED'
      RETURNING r.id, r.status::text AS status, r.version`;
    if (updated.length !== toUpdate.length) throw new DataError("CONFLICT", CHANGED_MEANWHILE);
    const after = new Map(updated.map((r) => [r.id, r]));
    for (const m of toUpdate) {
      const r = after.get(m.stored!.reportId!)!;
      reportIds.set(m, { id: r.id, oldStatus: m.stored!.status, newStatus: r.status, version: r.version });
    }
  }

  // Values: the form's own path (lib/data/values.ts).
  const values = months.flatMap((m) => m.changes.map((c) => ({ orgUnitId: idOf(m), period: m.period, indicatorCode: c.field as string, value: c.new, old: c.old })));
  await upsertValues(tx, { userId: viewer.id, at }, values);

  // The batch: what was written and what it replaced, so that it can be undone.
  const counts = {
    rows: summary.totalRows,
    new: summary.counts.new,
    changed: summary.counts.changed,
    unchanged: summary.counts.unchanged,
    reports_created: toCreate.length,
    reports_updated: toUpdate.length,
    reports_received: mark ? months.length : 0,
  };
  const [batch] = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO import_batch (file_name, sha256, user_id, username, org_unit_id, at, counts)
    VALUES (${file.name}, ${file.sha256}, ${viewer.id}, ${viewer.username}, ${viewer.role === "COMMUNE" ? viewer.orgUnitId : null}, ${at}::timestamptz, ${JSON.stringify(counts)}::jsonb)
    RETURNING id`;
  const batchId = batch!.id;
  for (let i = 0; i < values.length; i += 50_000) {
    const part = values.slice(i, i + 50_000);
    await tx.$executeRaw`
      INSERT INTO import_batch_value (batch_id, org_unit_id, period, indicator_code, old_value, new_value)
      SELECT ${batchId}, t.o, t.p, t.c, t.old, t.new
      FROM unnest(${part.map((v) => v.orgUnitId)}::int[], ${part.map((v) => v.period)}::text[], ${part.map((v) => v.indicatorCode)}::text[],
        ${part.map((v) => v.old)}::float8[], ${part.map((v) => v.value)}::float8[]) AS t(o, p, c, old, new)`;
  }
  const reports = [...reportIds.values()];
  if (reports.length > 0) {
    await tx.$executeRaw`
      INSERT INTO import_batch_report (batch_id, report_id, created, old_status, version_after)
      SELECT ${batchId}, t.id, t.created, t.old_status::"ReportStatus", t.version
      FROM unnest(${reports.map((r) => r.id)}::int[], ${reports.map((r) => r.oldStatus === null)}::boolean[],
        ${reports.map((r) => r.oldStatus)}::text[], ${reports.map((r) => r.version)}::int[]) AS t(id, created, old_status, version)`;
  }

  // Audit: one row per report written, and one for the import (the form's writer, the same instant as the values).
  const reportReason = mark ? receivedReason(file.name, batchId) : reason;
  await appendAudit(tx, viewer, at, months.map((m) => {
    const r = reportIds.get(m)!;
    const changes: Record<string, { old: unknown; new: unknown }> = Object.fromEntries(m.changes.map((c) => [c.field, { old: c.old, new: c.new }]));
    if (r.oldStatus !== r.newStatus) changes.status = { old: r.oldStatus, new: r.newStatus };
    return {
      action: mark ? "report.import_received" : "report.import", entity: "monthly_report", entityId: String(r.id), orgUnitId: idOf(m),
      period: m.period, changes, reason: reportReason,
    };
  }));
  await appendAudit(tx, viewer, at, {
    action: "import.commit",
    entity: "import",
    entityId: file.name,
    orgUnitId: viewer.role === "COMMUNE" ? viewer.orgUnitId : null,
    changes: {
      batch: { old: null, new: batchId },
      sha256: { old: null, new: file.sha256 },
      rows: { old: null, new: summary.totalRows },
      values_new: { old: null, new: summary.counts.new },
      values_changed: { old: null, new: summary.counts.changed },
      values_unchanged: { old: null, new: summary.counts.unchanged },
      reports_created: { old: null, new: toCreate.length },
      reports_updated: { old: null, new: toUpdate.length },
      ...(mark ? { reports_received: { old: null, new: months.length } } : {}),
    },
    reason,
  });
  return batchId;
}

export interface ImportBatchView {
  id: number;
  fileName: string;
  sha256: string;
  username: string | null;
  at: Date;
  counts: {
    rows: number; new: number; changed: number; unchanged: number; reports_created: number; reports_updated: number;
    /** Reports the batch recorded as received and approved (loading history); absent before that existed. */
    reports_received?: number;
  };
  undoneAt: Date | null;
  undoneBy: string | null;
}

function assertMayUndo(viewer: Viewer): void {
  if (viewer.role !== "PROVINCE" && viewer.role !== "ADMIN") throw forbidden("Chỉ tài khoản cấp tỉnh hoặc quản trị được xem lịch sử nhập và hoàn tác.");
}

/** The import history, newest first (a province or administrator sees every batch). */
export async function listImportBatches(viewer: Viewer, limit = 100): Promise<ImportBatchView[]> {
  assertMayUndo(viewer);
  const { rows } = await db().pool.query<{ id: number; file_name: string; sha256: string; username: string | null; at: Date; counts: ImportBatchView["counts"]; undone_at: Date | null; undone_by: string | null }>(
    `SELECT id, file_name, sha256, username, at, counts, undone_at, undone_by FROM import_batch ORDER BY id DESC LIMIT $1`, [Math.max(1, Math.min(1000, limit))]);
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, sha256: r.sha256, username: r.username, at: r.at, counts: r.counts, undoneAt: r.undone_at, undoneBy: r.undone_by }));
}

export const UNDO_TOUCHED = "Không hoàn tác được: đã có thay đổi sau lần nhập này (số liệu hoặc trạng thái báo cáo). Hãy sửa trực tiếp trên biểu mẫu.";

/**
 * Undoes a batch that no later change has touched: every value it wrote is still its value (same value, same instant,
 * same author) and every report it wrote still has the version it left. Values go back to what they replaced (or
 * away), reports it created are removed, the others return to their status with version + 1; audited.
 */
export async function undoImportBatch(viewer: Viewer, batchId: number): Promise<{ values: number; reports: number }> {
  assertMayUndo(viewer);
  if (!Number.isInteger(batchId) || batchId <= 0) throw new DataError("INVALID", "Mã lần nhập không hợp lệ.");
  return transaction(async (tx) => {
    await tx.$executeRawUnsafe("LOCK TABLE period_lock IN SHARE MODE");
    const [batch] = await tx.$queryRaw<{ id: number; file_name: string; at: Date; user_id: string | null; undone_at: Date | null; received: boolean }[]>`
      SELECT id, file_name, at, user_id, undone_at, coalesce((counts->>'reports_received')::int, 0) > 0 AS received
      FROM import_batch WHERE id = ${batchId} FOR UPDATE`;
    if (!batch) throw new DataError("NOT_FOUND", "Không tìm thấy lần nhập này.");
    if (batch.undone_at) throw new DataError("CONFLICT", "Lần nhập này đã được hoàn tác.");
    await tx.$queryRaw`SELECT id FROM monthly_report WHERE id IN (SELECT report_id FROM import_batch_report WHERE batch_id = ${batchId}) ORDER BY id FOR UPDATE`;
    const reports = await tx.$queryRaw<{ report_id: number; created: boolean; old_status: ReportStatus | null; version_after: number; version: number | null; period: string | null; org_unit_id: number | null; status: ReportStatus | null }[]>`
      SELECT b.report_id, b.created, b.old_status::text AS old_status, b.version_after, r.version, r.period, r.org_unit_id, r.status::text AS status
      FROM import_batch_report b LEFT JOIN monthly_report r ON r.id = b.report_id
      WHERE b.batch_id = ${batchId} ORDER BY b.report_id`;
    // Touched: a value that is not what the batch wrote, or was written since by anything but the undo of a later
    // batch; a report whose version moved by more than later batches and their undos (+2 each); a later batch still
    // standing on the same cells or reports (undo the later one first).
    const [touched] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM import_batch_value b
      LEFT JOIN data_value v ON v.org_unit_id = b.org_unit_id AND v.period = b.period AND v.indicator_code = b.indicator_code
      WHERE b.batch_id = ${batchId} AND (
        v.value IS DISTINCT FROM b.new_value
        OR NOT (v.updated_at = ${batch.at}::timestamptz OR v.updated_at IN (
          SELECT l.undone_at FROM import_batch l JOIN import_batch_value lv ON lv.batch_id = l.id
          WHERE l.id > b.batch_id AND l.undone_at IS NOT NULL AND lv.org_unit_id = b.org_unit_id AND lv.period = b.period AND lv.indicator_code = b.indicator_code))
        OR EXISTS (
          SELECT 1 FROM import_batch l JOIN import_batch_value lv ON lv.batch_id = l.id
          WHERE l.id > b.batch_id AND l.undone_at IS NULL AND lv.org_unit_id = b.org_unit_id AND lv.period = b.period AND lv.indicator_code = b.indicator_code))`;
    const later = await tx.$queryRaw<{ report_id: number; undone: number; standing: number }[]>`
      SELECT lr.report_id, count(*) FILTER (WHERE l.undone_at IS NOT NULL)::int AS undone, count(*) FILTER (WHERE l.undone_at IS NULL)::int AS standing
      FROM import_batch l JOIN import_batch_report lr ON lr.batch_id = l.id
      WHERE l.id > ${batchId} AND lr.report_id IN (SELECT report_id FROM import_batch_report WHERE batch_id = ${batchId})
      GROUP BY lr.report_id`;
    const laterOf = new Map(later.map((l) => [l.report_id, l]));
    const reportTouched = (r: (typeof reports)[number]) => {
      const l = laterOf.get(r.report_id);
      return (l?.standing ?? 0) > 0 || r.version !== r.version_after + 2 * (l?.undone ?? 0);
    };
    if (touched!.n > 0 || reports.some(reportTouched)) throw new DataError("CONFLICT", UNDO_TOUCHED);
    const locked = await tx.$queryRaw<{ period: string }[]>`
      SELECT DISTINCT l.period FROM period_lock l JOIN import_batch_value b ON b.period = l.period WHERE b.batch_id = ${batchId}`;
    if (locked.length > 0) throw new DataError("LOCKED", `Tháng ${locked.map((l) => `${l.period.slice(5)}/${l.period.slice(0, 4)}`).join(", ")} đã khoá sổ: mở khoá trước khi hoàn tác.`);

    const at = now();
    const values = await tx.$queryRaw<{ org_unit_id: number; period: string; indicator_code: string; old_value: number | null; new_value: number }[]>`
      SELECT org_unit_id, period, indicator_code, old_value, new_value FROM import_batch_value WHERE batch_id = ${batchId}`;
    await upsertValues(tx, { userId: viewer.id, at }, values.filter((v) => v.old_value !== null).map((v) => ({ orgUnitId: v.org_unit_id, period: v.period, indicatorCode: v.indicator_code, value: v.old_value! })));
    await deleteValues(tx, values.filter((v) => v.old_value === null).map((v) => ({ orgUnitId: v.org_unit_id, period: v.period, indicatorCode: v.indicator_code })));
    const created = reports.filter((r) => r.created).map((r) => r.report_id);
    const kept = reports.filter((r) => !r.created);
    // A report the import created goes only if no value is left in its month (a value can be there without one);
    // one it created as approved (loading history) goes in any case: before it, the month had no report.
    if (created.length > 0) {
      await tx.$executeRaw`
        DELETE FROM monthly_report r WHERE r.id = ANY(${created}::int[])
          AND (${batch.received}::boolean OR NOT EXISTS (SELECT 1 FROM data_value v WHERE v.org_unit_id = r.org_unit_id AND v.period = r.period))`;
    }
    // Reports it approved return to their status, and lose the approval it gave them (they were not approved before).
    if (kept.length > 0) {
      await tx.$executeRaw`
        UPDATE monthly_report r SET version = r.version + 1, updated_at = ${at}::timestamptz, status = t.status::"ReportStatus",
          approved_at = CASE WHEN ${batch.received}::boolean THEN NULL ELSE r.approved_at END,
          approved_by_id = CASE WHEN ${batch.received}::boolean THEN NULL ELSE r.approved_by_id END
        FROM unnest(${kept.map((r) => r.report_id)}::int[], ${kept.map((r) => r.old_status ?? r.status)}::text[]) AS t(id, status)
        WHERE r.id = t.id`;
    }
    await tx.$executeRaw`UPDATE import_batch SET undone_at = ${at}::timestamptz, undone_by = ${viewer.username} WHERE id = ${batchId}`;
    const reason = `Hoàn tác lần nhập số ${batchId} (tệp ${batch.file_name})`;
    const byMonth = new Map<string, { orgUnitId: number; period: string; changes: Record<string, { old: unknown; new: unknown }> }>();
    for (const v of values) {
      const key = `${v.org_unit_id}|${v.period}`;
      const m = byMonth.get(key) ?? { orgUnitId: v.org_unit_id, period: v.period, changes: {} };
      m.changes[v.indicator_code] = { old: v.new_value, new: v.old_value };
      byMonth.set(key, m);
    }
    if (batch.received) {
      for (const r of reports) {
        if (r.org_unit_id === null || r.period === null) continue;
        const key = `${r.org_unit_id}|${r.period}`;
        const m = byMonth.get(key) ?? { orgUnitId: r.org_unit_id, period: r.period, changes: {} };
        m.changes.status = { old: "APPROVED", new: r.created ? null : r.old_status };
        byMonth.set(key, m);
      }
    }
    const reportOf = new Map(reports.map((r) => [`${r.org_unit_id}|${r.period}`, r.report_id]));
    await appendAudit(tx, viewer, at, [...byMonth.entries()].map(([key, m]) => ({
      action: "report.import_undo", entity: "monthly_report", entityId: reportOf.has(key) ? String(reportOf.get(key)) : null,
      orgUnitId: m.orgUnitId, period: m.period, changes: m.changes, reason,
    })));
    await appendAudit(tx, viewer, at, { action: "import.undo", entity: "import", entityId: String(batchId), changes: { undone: { old: false, new: true } }, reason });
    return { values: values.length, reports: reports.length };
  });
}
