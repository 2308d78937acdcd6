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
 * The commit's values go through COPY into a staging table (./import-staging.ts) and from there, set-based, through
 * lib/data/values.ts (upsertValuesFrom, appendAuditFrom: the month form's writer in its staging-table mode), in one
 * transaction of lib/data/transaction.ts, stamped with lib/clock's instant (issue 27; ./import-write.ts). Each commit
 * is recorded as a batch (file name, SHA-256, who, when, counts, every value with what it replaced) that a province or
 * administrator can undo while no later change has touched it (./import-batches.ts, issue 23). The limits of a file
 * depend on the importer's role (lib/domain/import/limits.ts).
 */
import { createHash } from "node:crypto";
import { safeFileName } from "@/lib/domain/text";
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { RawCode } from "@/lib/domain/indicators";
import { type ImportCatalogue } from "@/lib/domain/import/cells";
import { type ImportPlan, type ImportState, type Outcome, type StoredMonth, monthKey } from "@/lib/domain/import/plan";
import { type PlanSummary, ROW_LIMIT } from "@/lib/domain/import/summary";
import { importLimits } from "@/lib/domain/import/limits";
import { type FileWording, tooLargeMessage } from "@/lib/domain/import/read-csv";
import type { ReportStatus } from "@/lib/domain/report-status";
import { runInWorker } from "@/lib/workers/pool";
import { db } from "./db";
import { forbidden } from "./errors";
import { latestOpenPeriod } from "./reports";
import { transaction } from "./transaction";
import { type OpenStaging, dropStaging, openStaging } from "./import-staging";
import { write } from "./import-write";
import type { MonthWrite } from "@/lib/domain/import/writes";
import type { NumberFormatChoice } from "@/lib/domain/import/number-format";
import { type ImportProgress, WRITING_STAGES } from "@/lib/domain/import/progress";

export { ROW_LIMIT };

/** An upload streamed to a private file on disk (lib/web/upload-file.ts): the worker reads it there. */
export interface StoredUpload {
  path: string;
  size: number;
  sha256: string;
}

export type ImportFile = ImportFileOptions &
  ({ bytes: Uint8Array; stored?: undefined } | { stored: StoredUpload; bytes?: undefined });

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
  /** Called as the import goes (its step and how far it is), for the page's progress indicator. */
  onProgress?: (progress: ImportProgress) => void;
}

const sizeOf = (file: ImportFile) => (file.stored ? file.stored.size : file.bytes.length);

/** What the page shows: counts for every row, and a bounded list of rows, errors first. */
export interface ImportReport {
  fileName: string;
  /** A refusal of the whole file (encoding, columns, size…); then there are no rows. */
  fileError: string | null;
  /** The rule `fileError` says, for the page to say it in the viewer's language (i18n/import.ts); null: none. */
  fileErrorWording: FileWording | null;
  format: "long" | "wide" | null;
  /** What was read past or read differently from how it is written (computed columns, padded codes, title rows…). */
  notes: string[];
  /** Each note's rule and figures, for the page to say it in the viewer's language. */
  noteWordings: PlanSummary["noteWordings"];
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

/** Refuses a viewer who may not import at all, or not as asked (checked again before any file is read). */
export function assertMayImport(viewer: Viewer, file: Pick<ImportFileOptions, "markReceived"> = {}): void {
  if (viewer.role === "ANALYST") throw forbidden({ key: "import.analystForbidden" });
  // A commune's import stays a draft that it submits; only the province records history as approved.
  if (file.markReceived && viewer.role !== "PROVINCE" && viewer.role !== "ADMIN")
    throw forbidden({ key: "import.markReceivedForbidden" });
  if (viewer.role === "COMMUNE" && (viewer.orgUnitId === null || !viewer.communeCode))
    throw forbidden({ key: "noCommune" });
}

async function loadCatalogue(client: Queryable): Promise<ImportCatalogue> {
  const { rows } = await client.query<{ code: string; province_code: string }>(
    `SELECT u.code, p.code AS province_code FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE u.level = 'COMMUNE'`,
  );
  return {
    communes: new Map(rows.map((r) => [r.code, { provinceCode: r.province_code }])),
    latestPeriod: latestOpenPeriod(),
  };
}

/**
 * The stored months the file touches and the history validation reads. A commune user's query is limited to
 * its own commune: the state of other communes is never read for them (their rows are refused anyway).
 */
async function loadState(
  client: Queryable,
  viewer: Viewer,
  wanted: Map<string, Set<string>>,
  lockRows: boolean,
): Promise<{ state: ImportState; ids: Map<string, number> }> {
  if (viewer.role === "COMMUNE") for (const code of wanted.keys()) if (code !== viewer.communeCode) wanted.delete(code);
  const codes: string[] = [];
  const periods: string[] = [];
  for (const [code, ps] of wanted)
    for (const p of ps) {
      codes.push(code);
      periods.push(p);
    }
  const scope = viewer.role === "COMMUNE" ? viewer.orgUnitId : null;

  const units = await client.query<{ id: number; code: string }>(
    `SELECT id, code FROM org_unit WHERE level = 'COMMUNE' AND code = ANY($1::text[]) AND ($2::int IS NULL OR id = $2)`,
    [[...wanted.keys()], scope],
  );
  const ids = new Map(units.rows.map((u) => [u.code, u.id]));
  const reports = await client.query<{
    code: string;
    period: string;
    id: number;
    status: ReportStatus;
    version: number;
  }>(
    `SELECT u.code, r.period, r.id, r.status::text AS status, r.version
     FROM unnest($1::text[], $2::text[]) AS w(code, period)
     JOIN org_unit u ON u.code = w.code AND u.level = 'COMMUNE' AND ($3::int IS NULL OR u.id = $3)
     JOIN monthly_report r ON r.org_unit_id = u.id AND r.period = w.period
     ORDER BY r.id ${lockRows ? "FOR UPDATE OF r" : ""}`,
    [codes, periods, scope],
  );
  // One row per commune-month, its values as one JSON object: a national file's 757,188 stored values are not
  // 757,188 row objects on the request thread.
  // Read through the pool, not the commit's transaction (through Prisma, a national year's reads of stored values
  // cost the server tens of MB): the reports are locked above, every writer of values locks its report first, and
  // the transaction has written nothing yet, so the pool sees what the transaction would.
  const values = await viaPool(db().pool).query<{ code: string; period: string; vals: string }>(
    `SELECT u.code, v.period, json_object_agg(v.indicator_code, v.value)::text AS vals
     FROM unnest($1::text[], $2::text[]) AS w(code, period)
     JOIN org_unit u ON u.code = w.code AND u.level = 'COMMUNE' AND ($3::int IS NULL OR u.id = $3)
     JOIN data_value v ON v.org_unit_id = u.id AND v.period = w.period
     GROUP BY u.code, v.period`,
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
  for (const r of reports.rows)
    Object.assign(month(r.code, r.period), { reportId: r.id, status: r.status, version: r.version });
  for (const v of values.rows) month(v.code, v.period).values = JSON.parse(v.vals) as Partial<Record<RawCode, number>>;
  return { state: { months, lockedPeriods: new Set(locks.rows.map((l) => l.period)) }, ids };
}

type FileError = { fileError: string; wording?: FileWording };

function report(
  fileName: string,
  started: number,
  summary: PlanSummary | null,
  refusal: FileError | null,
  committed: boolean,
): ImportReport {
  return {
    fileName,
    fileError: refusal?.fileError ?? null,
    fileErrorWording: refusal?.wording ?? null,
    format: summary?.format ?? null,
    notes: summary?.notes ?? [],
    noteWordings: summary?.noteWordings ?? [],
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

type Planned =
  FileError | { summary: PlanSummary; months: MonthWrite[]; staging: Uint8Array[]; ids: Map<string, number> };

type Parsed =
  | { ok: false; message?: string; wording?: FileWording; error?: string }
  | { ok: true; rows: number; batches: Map<string, Set<string>>[]; errorsFirst: boolean };
type BatchAnswer = { ok: false; error: string } | { ok: true; months: MonthWrite[]; staging: Uint8Array[] };
type Finished = { ok: false; error: string } | { ok: true; summary: PlanSummary };

/**
 * Parsing and checking run in a worker thread (lib/workers/cpu-tasks.ts), one per user at a time: the worker reads
 * the file and names the commune-months to load, batch of communes by batch (lib/domain/import/plan-batches.ts); the
 * request thread loads what is stored for one batch at a time and gets back that batch's months to write (for a
 * commit), then the summary.
 */
async function plan(
  client: Queryable,
  viewer: Viewer,
  file: ImportFile,
  lockRows: boolean,
  withMonths: boolean,
  /** For a commit: where each batch's staging rows go as they come (into the staging table's COPY). */
  sink?: (chunk: Uint8Array) => Promise<void>,
): Promise<Planned> {
  // The importer's limits (an administrator's are larger), checked here whatever route the file came by.
  const limits = importLimits(viewer.role);
  if (sizeOf(file) > limits.bytes) return { fileError: tooLargeMessage(sizeOf(file), limits) };
  const catalogue = await loadCatalogue(client);
  const progress = file.onProgress ?? (() => undefined);
  progress({ step: "reading", done: 0, total: null });
  return runInWorker(viewer.id, "import", async (worker) => {
    const numbers = file.numbers ?? "auto";
    let parsed: Parsed;
    if (file.stored) {
      // On disk: the worker reads it, the request thread never holds it.
      parsed = await worker.ask<Parsed>({ step: "parse", path: file.stored.path, catalogue, numbers, limits });
    } else {
      // A copy goes to the worker (the caller's bytes stay usable): transferred, not cloned.
      const own =
        file.handOver && file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength;
      const bytes = own ? file.bytes : new Uint8Array(file.bytes); // a copy of its own (Buffer#slice would share memory)
      parsed = await worker.ask<Parsed>({ step: "parse", bytes, catalogue, numbers, limits }, [
        bytes.buffer as ArrayBuffer,
      ]);
    }
    if (!parsed.ok) {
      if (parsed.message) return { fileError: parsed.message, wording: parsed.wording };
      throw new Error(`import worker: ${parsed.error}`);
    }
    progress({ step: "checking", done: 0, total: parsed.rows });
    const actor = { role: viewer.role, communeCode: viewer.communeCode, markReceived: !!file.markReceived };
    const months: MonthWrite[] = [];
    const staging: Uint8Array[] = [];
    const ids = new Map<string, number>();
    const batches = parsed.batches.length;
    if (parsed.errorsFirst) {
      // The file's own errors (no stored month needed).
      const answer = await worker.ask<BatchAnswer>({
        step: "plan",
        batch: -1,
        state: { months: new Map(), lockedPeriods: new Set() },
        actor,
        ids: null,
      });
      if (!answer.ok) throw new Error(`import worker: ${answer.error}`);
    }
    for (let batch = 0; batch < batches; batch++) {
      const wanted = parsed.batches[batch]!;
      parsed.batches[batch] = new Map(); // loaded: not kept
      const loaded = await loadState(client, viewer, wanted, lockRows);
      for (const [code, id] of loaded.ids) ids.set(code, id);
      const answer = await worker.ask<BatchAnswer>({
        step: "plan",
        batch,
        state: loaded.state,
        actor,
        ids: withMonths ? loaded.ids : null,
      });
      if (!answer.ok) throw new Error(`import worker: ${answer.error}`);
      for (const m of answer.months) months.push(m);
      for (const chunk of answer.staging) {
        if (sink) await sink(chunk);
        else staging.push(chunk);
      }
      if (batch < batches - 1)
        progress({ step: "checking", done: Math.round((parsed.rows * (batch + 1)) / batches), total: parsed.rows });
    }
    const finished = await worker.ask<Finished>({ step: "finish", markReceived: !!file.markReceived });
    if (!finished.ok) throw new Error(`import worker: ${finished.error}`);
    progress({ step: "checking", done: parsed.rows, total: parsed.rows });
    return { summary: finished.summary, months, staging, ids };
  });
}

/** Reads and checks the file against what is stored; writes nothing. */
export async function dryRun(viewer: Viewer, file: ImportFile): Promise<ImportReport> {
  assertMayImport(viewer, file);
  const started = Date.now();
  const name = safeFileName(file.name);
  const result = await plan(viaPool(db().pool), viewer, file, false, false);
  if ("fileError" in result) return report(name, started, null, result, false);
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
  if (sizeOf(file) > importLimits(viewer.role).bytes) return { ...(await dryRun(viewer, file)), batchId: null };
  // Before the bytes are handed over to the worker (a transfer leaves this side empty); a stored upload was hashed
  // as it streamed in.
  const sha256 = file.stored ? file.stored.sha256 : createHash("sha256").update(file.bytes).digest("hex");
  const refused = (r: ImportReport) => Object.assign(r, { batchId: null });
  // The staging table, open from before the check (a holder: it is set inside the transaction's callback).
  const opened: { stage: OpenStaging | null } = { stage: null };
  try {
    return await transaction(
      async (tx) => {
        // A national file is checked (in the worker) and merged within this transaction: more than the pool's limits
        // for one statement and for a transaction left waiting (lib/data/pool.ts), bounded by the transaction's own.
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${COMMIT_TIMEOUT_MS}`);
        await tx.$executeRawUnsafe(`SET LOCAL idle_in_transaction_session_timeout = ${COMMIT_TIMEOUT_MS}`);
        // A month cannot be locked (or unlocked) while the import that checked it is writing.
        await tx.$executeRawUnsafe("LOCK TABLE period_lock IN SHARE MODE");
        // The values go in through COPY on a connection of their own (committed there, read here), batch by batch as
        // the worker checks them: a national year's 27 MB of rows are never all held here.
        const stage = await openStaging();
        opened.stage = stage;
        const result = await plan(viaTx(tx), viewer, file, true, true, (chunk) => stage.write(chunk));
        if ("fileError" in result) return refused(report(name, started, null, result, false));
        if (result.summary.counts.error > 0) return refused(report(name, started, result.summary, null, false));
        const writing = (done: number) => file.onProgress?.({ step: "writing", done, total: WRITING_STAGES });
        writing(0);
        const staging = await stage.finish();
        writing(1);
        const batchId = await write(
          tx,
          viewer,
          { name, sha256, markReceived: !!file.markReceived },
          result.summary,
          result.months,
          result.ids,
          staging,
          (stage) => writing(1 + stage),
        );
        return Object.assign(report(name, started, result.summary, null, true), { batchId });
      },
      { timeoutMs: COMMIT_TIMEOUT_MS },
    );
  } finally {
    if (opened.stage) {
      await opened.stage.close();
      await dropStaging(opened.stage.table);
    }
  }
}

/** The longest a commit may take (checking a national year included). */
const COMMIT_TIMEOUT_MS = 5 * 60_000;
