/**
 * Merge by field of a month's values (three-way, like a version control merge): `base` is what the user's form started
 * from, `mine` what the user saves, `theirs` what the server has now. A field only I changed is taken from mine, a field
 * only they changed is kept from theirs, a field both changed to the same value is simply that value; only a field both
 * changed to different values is a conflict. Conflicts hold fields the user changed, and nothing else, so resolving
 * them can never revert a field the user did not touch.
 */
import { type MonthValues, REPORT_FIELDS } from "./validation";
import type { RawCode } from "./indicators";

export interface FieldConflict {
  field: RawCode;
  base: number | null;
  mine: number | null;
  theirs: number | null;
}

export interface MergeResult {
  /** Every non-conflicting field merged; a conflicting field holds theirs until the user chooses. */
  merged: MonthValues;
  conflicts: FieldConflict[];
  /** Fields changed only by the other side, taken into the merge (shown to the user as "updated by ..."). */
  takenFromTheirs: RawCode[];
}

const valueOf = (v: MonthValues, f: RawCode): number | null => v[f] ?? null;

export function mergeMonthValues(base: MonthValues, mine: MonthValues, theirs: MonthValues): MergeResult {
  const merged: MonthValues = {};
  const conflicts: FieldConflict[] = [];
  const takenFromTheirs: RawCode[] = [];
  for (const field of REPORT_FIELDS) {
    const b = valueOf(base, field);
    const m = valueOf(mine, field);
    const t = valueOf(theirs, field);
    const mineChanged = m !== b;
    const theirsChanged = t !== b;
    let value: number | null;
    if (!mineChanged) {
      value = t;
      if (theirsChanged) takenFromTheirs.push(field);
    } else if (!theirsChanged || m === t) {
      value = m;
    } else {
      value = t;
      conflicts.push({ field, base: b, mine: m, theirs: t });
    }
    if (value !== null) merged[field] = value;
  }
  return { merged, conflicts, takenFromTheirs };
}

export type ConflictChoice = "mine" | "theirs";

/** The merge with the user's choice for each conflict (a conflict without a choice keeps theirs). */
export function resolveConflicts(result: MergeResult, choices: Partial<Record<RawCode, ConflictChoice>>): MonthValues {
  const out: MonthValues = { ...result.merged };
  for (const c of result.conflicts) {
    const value = choices[c.field] === "mine" ? c.mine : c.theirs;
    if (value === null) delete out[c.field];
    else out[c.field] = value;
  }
  return out;
}

/**
 * A month's values as they were before some saves, from the values now and those saves' audit change sets
 * ({ field: { old, new } }, oldest first): each save is undone, newest first. Used to show a reviewer what a commune
 * changed since the report was returned.
 */
export function valuesBefore(
  current: MonthValues,
  changeSets: readonly Record<string, { old: unknown; new: unknown }>[],
): MonthValues {
  const out: MonthValues = { ...current };
  for (const changes of [...changeSets].reverse()) {
    for (const field of REPORT_FIELDS) {
      const c = changes[field];
      if (!c) continue;
      if (typeof c.old === "number") out[field] = c.old;
      else delete out[field];
    }
  }
  return out;
}
