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
 * Speed: values, reports and audit rows are written with INSERT … SELECT FROM unnest() of arrays, a statement per
 * 50,000 values, never one per row (COPY FROM STDIN hangs the embedded PGlite that `npm start` uses).
 */
import { safeFileName } from "@/lib/domain/text";
import type pg from "pg";
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
import type { NumberFormatChoice } from "@/lib/domain/import/number-format";

export { ROW_LIMIT };

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
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
}

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
  months: { total: number; created: number };
  committed: boolean;
  elapsedMs: number;
}

const EMPTY_COUNTS: Record<Outcome, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };

type Queryable = Pick<pg.PoolClient, "query">;

export function importReason(fileName: string): string {
  return `Nhập từ tệp ${fileName}`;
}

function assertMayImport(viewer: Viewer): void {
  if (viewer.role === "ANALYST") throw forbidden("Tài khoản phân tích số liệu không được nhập số liệu.");
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
    months: summary?.months ?? { total: 0, created: 0 },
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
  const catalogue = file.bytes.length > MAX_IMPORT_BYTES ? { communes: new Map(), latestPeriod: "" } : await loadCatalogue(client);
  return runInWorker(viewer.id, "import", async (worker) => {
    // A copy goes to the worker (the caller's bytes stay usable): transferred, not cloned.
    const own = file.handOver && file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength;
    const bytes = own ? file.bytes : new Uint8Array(file.bytes); // a copy of its own (Buffer#slice would share memory)
    const parsed = await worker.ask<Parsed>({ step: "parse", bytes, catalogue, numbers: file.numbers ?? "auto" }, [bytes.buffer as ArrayBuffer]);
    if (!parsed.ok) {
      if (parsed.message) return { fileError: parsed.message };
      throw new Error(`import worker: ${parsed.error}`);
    }
    const { state, ids } = await loadState(client, viewer, parsed.wanted, lockRows);
    const planned = await worker.ask<PlanAnswer>({ step: "plan", state, actor: { role: viewer.role, communeCode: viewer.communeCode }, withMonths });
    if (!planned.ok) throw new Error(`import worker: ${planned.error}`);
    return { summary: planned.summary, months: planned.months, ids };
  });
}

/** Reads and checks the file against what is stored; writes nothing. */
export async function dryRun(viewer: Viewer, file: ImportFile): Promise<ImportReport> {
  assertMayImport(viewer);
  const started = Date.now();
  const name = safeFileName(file.name);
  const result = await plan(db().pool, viewer, file, false, false);
  if ("fileError" in result) return report(name, started, null, result.fileError, false);
  return report(name, started, result.summary, null, false);
}

/**
 * Checks the file again inside one transaction (rows of the reports involved locked, period locks held) and writes
 * every value or none: any error, or any report created by someone else meanwhile, rolls everything back.
 */
export async function commit(viewer: Viewer, file: ImportFile): Promise<ImportReport> {
  assertMayImport(viewer);
  const started = Date.now();
  const name = safeFileName(file.name);
  if (file.bytes.length > MAX_IMPORT_BYTES) return dryRun(viewer, file);
  const client = await db().pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    // A month cannot be locked (or unlocked) while the import that checked it is writing.
    await client.query("LOCK TABLE period_lock IN SHARE MODE");
    const result = await plan(client, viewer, file, true, true);
    if ("fileError" in result) {
      await client.query("ROLLBACK");
      return report(name, started, null, result.fileError, false);
    }
    if (result.summary.counts.error > 0) {
      await client.query("ROLLBACK");
      return report(name, started, result.summary, null, false);
    }
    await write(client, viewer, name, result.summary, result.months, result.ids);
    await client.query("COMMIT");
    return report(name, started, result.summary, null, true);
  } catch (error) {
    await client.query("ROLLBACK").catch((e: Error) => { broken = e; });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Values per INSERT: large enough to be few statements, small enough for PGlite's message size. */
const VALUE_BATCH = 50_000;

const CHANGED_MEANWHILE = "Số liệu vừa được người khác thay đổi trong lúc nhập. Chưa có số liệu nào được ghi; vui lòng kiểm tra và nhập lại.";

async function write(
  client: pg.PoolClient, viewer: Viewer, fileName: string, summary: PlanSummary, months: ImportPlan["months"], ids: Map<string, number>,
): Promise<void> {
  const reason = importReason(fileName);
  const at = now();
  const idOf = (m: MonthChange) => {
    const id = ids.get(m.communeCode);
    if (id === undefined) throw new DataError("NOT_FOUND", `Không tìm thấy xã, phường mã ${m.communeCode}.`);
    return id;
  };

  // Reports: create the missing ones as drafts, bump the version of the others.
  const toCreate = months.filter((m) => !m.stored?.reportId);
  const reportIds = new Map<MonthChange, { id: number; oldStatus: ReportStatus | null; newStatus: ReportStatus }>();
  if (toCreate.length > 0) {
    const created = await client.query<{ id: number; org_unit_id: number; period: string }>(
      `INSERT INTO monthly_report (org_unit_id, period, status, version, updated_at)
       SELECT t.org_unit_id, t.period, 'DRAFT', 1, $3 FROM unnest($1::int[], $2::text[]) AS t(org_unit_id, period)
       ON CONFLICT (org_unit_id, period) DO NOTHING
       RETURNING id, org_unit_id, period`,
      [toCreate.map(idOf), toCreate.map((m) => m.period), at],
    );
    if (created.rowCount !== toCreate.length) throw new DataError("CONFLICT", CHANGED_MEANWHILE);
    const byKey = new Map(created.rows.map((r) => [`${r.org_unit_id}|${r.period}`, r.id]));
    for (const m of toCreate) reportIds.set(m, { id: byKey.get(`${idOf(m)}|${m.period}`)!, oldStatus: null, newStatus: "DRAFT" });
  }
  const toUpdate = months.filter((m) => m.stored?.reportId);
  if (toUpdate.length > 0) {
    // A commune editing a returned report takes it back to draft, as the form does; other statuses stay.
    const reopen = viewer.role === "COMMUNE";
    const updated = await client.query<{ id: number; status: ReportStatus }>(
      `UPDATE monthly_report r SET version = r.version + 1, updated_at = $4,
         status = CASE WHEN $3::boolean AND r.status = 'RETURNED' THEN 'DRAFT'::"ReportStatus" ELSE r.status END
       FROM unnest($1::int[], $2::int[]) AS t(id, version)
       WHERE r.id = t.id AND r.version = t.version AND r.status <> 'APPROVED'
       RETURNING r.id, r.status::text AS status`,
      [toUpdate.map((m) => m.stored!.reportId!), toUpdate.map((m) => m.stored!.version), reopen, at],
    );
    if (updated.rowCount !== toUpdate.length) throw new DataError("CONFLICT", CHANGED_MEANWHILE);
    const status = new Map(updated.rows.map((r) => [r.id, r.status]));
    for (const m of toUpdate) reportIds.set(m, { id: m.stored!.reportId!, oldStatus: m.stored!.status, newStatus: status.get(m.stored!.reportId!)! });
  }

  // Values: one upsert from arrays per batch. (COPY FROM STDIN into a temporary table was tried first: it works on
  // PostgreSQL, but the embedded PGlite of `npm start` loses protocol sync on it and hangs.)
  const values = months.flatMap((m) => m.changes.map((c) => ({ id: idOf(m), period: m.period, code: c.field, value: c.new })));
  for (let i = 0; i < values.length; i += VALUE_BATCH) {
    const batch = values.slice(i, i + VALUE_BATCH);
    await client.query(
      `INSERT INTO data_value (org_unit_id, period, indicator_code, value, updated_at, updated_by_id)
       SELECT t.org_unit_id, t.period, t.indicator_code, t.value, $6, $1
       FROM unnest($2::int[], $3::text[], $4::text[], $5::float8[]) AS t(org_unit_id, period, indicator_code, value)
       ON CONFLICT (org_unit_id, period, indicator_code)
       DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by_id = EXCLUDED.updated_by_id`,
      [viewer.id, batch.map((v) => v.id), batch.map((v) => v.period), batch.map((v) => v.code), batch.map((v) => v.value), at],
    );
  }

  // Audit: one row per report written, and one for the import.
  const audit = months.map((m) => {
    const r = reportIds.get(m)!;
    const changes: Record<string, { old: unknown; new: unknown }> = Object.fromEntries(m.changes.map((c) => [c.field, { old: c.old, new: c.new }]));
    if (r.oldStatus !== r.newStatus) changes.status = { old: r.oldStatus, new: r.newStatus };
    return { id: String(r.id), orgUnitId: idOf(m), period: m.period, changes: JSON.stringify(changes) };
  });
  if (audit.length > 0) {
    await client.query(
      `INSERT INTO audit_log (user_id, username, action, entity, entity_id, org_unit_id, period, changes, reason)
       SELECT $1, $2, 'report.import', 'monthly_report', t.entity_id, t.org_unit_id, t.period, t.changes::jsonb, $3
       FROM unnest($4::text[], $5::int[], $6::text[], $7::text[]) AS t(entity_id, org_unit_id, period, changes)`,
      [viewer.id, viewer.username, reason, audit.map((a) => a.id), audit.map((a) => a.orgUnitId), audit.map((a) => a.period), audit.map((a) => a.changes)],
    );
  }
  const auditSummary = {
    rows: { old: null, new: summary.totalRows },
    values_new: { old: null, new: summary.counts.new },
    values_changed: { old: null, new: summary.counts.changed },
    values_unchanged: { old: null, new: summary.counts.unchanged },
    reports_created: { old: null, new: months.filter((m) => !m.stored?.reportId).length },
    reports_updated: { old: null, new: months.filter((m) => m.stored?.reportId).length },
  };
  await client.query(
    `INSERT INTO audit_log (user_id, username, action, entity, entity_id, org_unit_id, changes, reason)
     VALUES ($1, $2, 'import.commit', 'import', $3, $4, $5::jsonb, $6)`,
    [viewer.id, viewer.username, fileName, viewer.role === "COMMUNE" ? viewer.orgUnitId : null, JSON.stringify(auditSummary), reason],
  );
}
