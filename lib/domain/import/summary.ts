/**
 * What the import page shows of a plan (./plan.ts): the counts of every row, a bounded list of rows (errors first, by
 * line), the warnings, and the commune-months a commit writes.
 */
import type { ImportFormat } from "./cells";
import type { ImportPlan, Outcome, RowOutcome } from "./plan";

/** Rows of a plan the page lists (errors first, by line), and warnings. */
export const ROW_LIMIT = 500;
export const WARNING_LIMIT = 100;

/** What the import page shows of a plan: counts of every row, a bounded list of rows (errors first), warnings. */
export interface PlanSummary {
  format: ImportFormat;
  notes: string[];
  noteWordings: ImportPlan["noteWordings"];
  totalRows: number;
  counts: Record<Outcome, number>;
  rows: RowOutcome[];
  truncated: number;
  warnings: ImportPlan["warnings"];
  /** Commune-months a commit writes, reports it creates, and (markReceived) reports it records as approved. */
  months: { total: number; created: number; received: number };
}

export function summarisePlan(plan: ImportPlan, markReceived = false): PlanSummary {
  const errors: RowOutcome[] = [];
  const others: RowOutcome[] = [];
  for (const r of plan.rows) {
    if (r.outcome === "error") {
      if (errors.length < ROW_LIMIT) errors.push(r);
    } else if (others.length < ROW_LIMIT) others.push(r);
  }
  const rows = [...errors, ...others.slice(0, Math.max(0, ROW_LIMIT - errors.length))];
  return {
    format: plan.format,
    notes: plan.notes,
    noteWordings: plan.noteWordings,
    totalRows: plan.totalRows,
    counts: plan.counts,
    rows,
    truncated: plan.totalRows - rows.length,
    warnings: plan.warnings.slice(0, WARNING_LIMIT),
    months: {
      total: plan.months.length,
      created: plan.months.filter((m) => !m.stored?.reportId).length,
      received: markReceived ? plan.months.length : 0,
    },
  };
}
