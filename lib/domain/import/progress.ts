/**
 * How far an import is while it runs (issue 23, item 8): its step (reading the file, checking it, writing it) and,
 * where known, how much of the step is done (rows checked of the file's rows, stages written of a commit's).
 * lib/data/import notes it as it goes (lib/data/import-progress.ts), the import page polls it and shows it
 * (components/import-form.tsx).
 */
export const IMPORT_STEPS = ["reading", "checking", "writing"] as const;
export type ImportStepName = (typeof IMPORT_STEPS)[number];

export interface ImportProgress {
  step: ImportStepName;
  /** Rows (reading, checking) or stages (writing) done; `total` null while unknown. */
  done: number;
  total: number | null;
}

/** The stages of a commit's writing: staging the values, merging them, recording the batch, the audit rows. */
export const WRITING_STAGES = 4;

const rank = (p: ImportProgress) => IMPORT_STEPS.indexOf(p.step);

/**
 * What the page shows after a poll's answer. Answers may arrive out of order and an answer may be empty (the run
 * ended, or has not started on the server yet): the indicator never moves back, and an empty answer keeps it.
 */
export function advanceProgress(shown: ImportProgress | null, answer: ImportProgress | null): ImportProgress | null {
  if (!answer) return shown;
  if (!shown) return answer;
  if (rank(answer) !== rank(shown)) return rank(answer) > rank(shown) ? answer : shown;
  if (answer.total !== null && shown.total === null) return answer;
  if (answer.total === null && shown.total !== null) return shown;
  return answer.done >= shown.done ? answer : shown;
}

/** Where a run that answered ended: every row checked (a dry run, or a commit refused), or every stage written. */
export function finalProgress(intent: "dry-run" | "commit", rows: number, committed: boolean): ImportProgress {
  return intent === "commit" && committed
    ? { step: "writing", done: WRITING_STAGES, total: WRITING_STAGES }
    : { step: "checking", done: rows, total: rows };
}

/**
 * The share of the whole run done, 0 to 1: each step an equal part (a dry run has no writing step), and within a
 * step its own share where known, none otherwise.
 */
export function progressShare(p: ImportProgress, commit: boolean): number {
  const steps = commit ? IMPORT_STEPS.length : IMPORT_STEPS.length - 1;
  const within = p.total && p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
  return Math.min(1, (Math.min(rank(p), steps - 1) + within) / steps);
}
