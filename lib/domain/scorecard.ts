/** Scorecard helpers: the `?period=` of a month or a quarter, and ranks among communes. Pure. */
import type { Direction } from "./indicators";
import { type PeriodRange, isPeriod, quarterOf, toPeriod } from "./periods";

/** `2025-09` (a month) or `2025-Q3` (a quarter); null when neither. */
export function parseScorecardPeriod(value: string | undefined): PeriodRange | null {
  if (!value) return null;
  if (isPeriod(value)) return { from: value, to: value };
  const m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (!m) return null;
  return quarterOf(toPeriod(Number(m[1]), (Number(m[2]) - 1) * 3 + 1));
}

/** The `?period=` naming a range: the month, the quarter when the range is exactly one, else null. */
export function scorecardPeriodParam(range: PeriodRange): string | null {
  if (range.from === range.to) return range.from;
  const q = quarterOf(range.from);
  if (q.from === range.from && q.to === range.to) {
    const [year, month] = range.from.split("-").map(Number) as [number, number];
    return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  }
  return null;
}

/**
 * Competition ranks (1, 2, 2, 4) of the units with a value; the best is 1: highest value, or lowest for
 * lower-is-better indicators. Units without a value get no rank.
 */
export function rankValues(
  values: ReadonlyMap<string, number | null>,
  direction: Direction | undefined,
): Map<string, number | null> {
  const present = [...values].filter((e): e is [string, number] => e[1] != null);
  const sign = direction === "LOWER_IS_BETTER" ? 1 : -1;
  const out = new Map<string, number | null>([...values.keys()].map((k) => [k, null]));
  for (const [code, v] of present) {
    out.set(code, 1 + present.filter(([, w]) => sign * (w - v) < 0 && Math.abs(w - v) > 1e-9).length);
  }
  return out;
}
