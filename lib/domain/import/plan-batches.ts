/**
 * A large file planned a batch of communes at a time (issue 23, item 8): every rule of ./plan.ts reads one commune
 * only (a cell's copies, its month's other cells, the months before it), so the file's communes are cut into batches
 * of about BATCH_CELLS cells, each batch is planned with planCells on what is stored for its communes alone, and the
 * results are merged: counts added up, the first ROW_LIMIT errors and other rows by line kept, warnings in order,
 * the months to write counted. Only one batch's cells are objects at a time (the others wait in ./cell-store.ts),
 * and only one batch's stored months are in memory. A file of one batch is planned exactly as before.
 */
import type { CellStore } from "./cell-store";
import type { ImportWording } from "./refusals";
import type { Cell, ImportFormat, RowError } from "./cells";
import {
  type ImportActor,
  type ImportPlan,
  type ImportState,
  type Outcome,
  type RowOutcome,
  monthsToLoad,
  planCells,
} from "./plan";
import { type PlanSummary, summarisePlan } from "./summary";

/** Cells of a batch at most (unless one commune has more): a national year is 15 batches. */
export const BATCH_CELLS = 20_000;

export interface StoredFile {
  format: ImportFormat;
  delimiter: "," | ";" | null;
  store: CellStore;
  errors: RowError[];
  notes?: string[];
  noteWordings?: ImportWording[];
  sheetNames?: string[];
}

/** The batch of each commune (by its index in the store), communes kept together, in the file's order. */
export function communeBatches(store: CellStore, cellsPerBatch = BATCH_CELLS): Int32Array {
  const n = store.communes.list.length;
  const counts = new Int32Array(n);
  for (let i = 0; i < store.length; i++) counts[store.communeOf(i)]!++;
  const batchOf = new Int32Array(n);
  let batch = 0;
  let inBatch = 0;
  for (let c = 0; c < n; c++) {
    if (inBatch > 0 && inBatch + counts[c]! > cellsPerBatch) {
      batch++;
      inBatch = 0;
    }
    batchOf[c] = batch;
    inBatch += counts[c]!;
  }
  return batchOf;
}

export const batchCount = (batchOf: Int32Array) => (batchOf.length === 0 ? 1 : batchOf[batchOf.length - 1]! + 1);

/** The cells of one batch as objects, in the file's order. */
export function batchCells(store: CellStore, batchOf: Int32Array, batch: number): Cell[] {
  const cells: Cell[] = [];
  for (let i = 0; i < store.length; i++) if (batchOf[store.communeOf(i)] === batch) cells.push(store.cell(i));
  return cells;
}

/** Per batch, the commune-months to load (and the months before them that validation reads). */
export function batchesToLoad(store: CellStore, batchOf: Int32Array): Map<string, Set<string>>[] {
  return Array.from({ length: batchCount(batchOf) }, (_, b) => monthsToLoad(batchCells(store, batchOf, b)));
}

/** Plans of the batches added one by one, and what the page shows of them in the end. */
export class PlanMerger {
  private readonly counts: Record<Outcome, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
  private errors: RowOutcome[] = [];
  private others: RowOutcome[] = [];
  private readonly warnings: ImportPlan["warnings"] = [];
  private totalRows = 0;
  private months = 0;
  private created = 0;

  constructor(
    private readonly file: Pick<StoredFile, "format" | "delimiter" | "notes" | "noteWordings">,
    private readonly limit: number,
  ) {}

  /** A batch's plan (with the same rowLimit); the file's own errors come first, so they sort first on a line. */
  add(plan: ImportPlan): void {
    for (const k of Object.keys(this.counts) as Outcome[]) this.counts[k] += plan.counts[k];
    this.totalRows += plan.totalRows;
    for (const w of plan.warnings) this.warnings.push(w);
    this.months += plan.months.length;
    this.created += plan.months.filter((m) => !m.stored?.reportId).length;
    const keep = (kept: RowOutcome[], more: RowOutcome[]) =>
      more.length === 0 ? kept : [...kept, ...more].sort((a, b) => a.line - b.line).slice(0, this.limit);
    this.errors = keep(
      this.errors,
      plan.rows.filter((r) => r.outcome === "error"),
    );
    this.others = keep(
      this.others,
      plan.rows.filter((r) => r.outcome !== "error"),
    );
  }

  summary(markReceived: boolean): PlanSummary {
    const failed = this.counts.error > 0;
    const plan: ImportPlan = {
      format: this.file.format,
      delimiter: this.file.delimiter,
      notes: this.file.notes ?? [],
      noteWordings: this.file.noteWordings ?? [],
      rows: [...this.errors, ...this.others].sort((a, b) => a.line - b.line),
      totalRows: this.totalRows,
      counts: this.counts,
      warnings: this.warnings,
      months: [],
    };
    const total = failed ? 0 : this.months;
    return {
      ...summarisePlan(plan, markReceived),
      months: { total, created: failed ? 0 : this.created, received: markReceived ? total : 0 },
    };
  }
}

/** One batch of a stored file planned (batch -1: the file's own errors, no cells). */
export function planBatch(
  file: StoredFile,
  batchOf: Int32Array,
  batch: number,
  state: ImportState,
  actor: ImportActor,
  rowLimit: number,
): ImportPlan {
  const read = {
    format: file.format,
    delimiter: file.delimiter,
    notes: file.notes,
    noteWordings: file.noteWordings,
    sheetNames: file.sheetNames,
  };
  if (batch < 0) return planCells({ ...read, cells: [], errors: file.errors }, state, actor, { rowLimit });
  if (batchCount(batchOf) === 1)
    return planCells({ ...read, cells: batchCells(file.store, batchOf, 0), errors: file.errors }, state, actor, {
      rowLimit,
    });
  return planCells({ ...read, cells: batchCells(file.store, batchOf, batch), errors: [] }, state, actor, { rowLimit });
}
