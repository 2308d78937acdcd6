/**
 * Change over period, for the overview's cards and the briefing alike: one rule for what counts as a change. A
 * rate moves by percentage points and is "unchanged" below 0.05 of a point (it shows one decimal); a count is
 * "unchanged" below 0.5 (it shows whole numbers). Each caller words the result in its own register.
 */
export type Change = { direction: "same" } | { direction: "up" | "down"; size: number; points: boolean };

/** How `current` compares with `previous` for a figure in `unit`; null when either has no value. */
export function compareToPrevious(current: number | null, previous: number | null, unit: string): Change | null {
  if (current == null || previous == null) return null;
  const delta = current - previous;
  const points = unit === "%";
  if (Math.abs(delta) < (points ? 0.05 : 0.5)) return { direction: "same" };
  return { direction: delta > 0 ? "up" : "down", size: Math.abs(delta), points };
}
