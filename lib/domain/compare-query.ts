/**
 * The comparison chart's choice, read from the URL so that it can be bookmarked and works without JavaScript:
 * `?series=c:03637&series=d:Sìn Hồ&series=p` (up to five: communes by code, former districts by name, the province),
 * `?hide=c:03637` (series drawn off, kept in the legend), `?cfrom=YYYY-MM&cto=YYYY-MM` (the months shown).
 * Anything unknown, repeated or beyond five is dropped; a bad range falls back to every month.
 */
import type { PeriodRange } from "./periods";
import type { SearchParams } from "./range-query";

export const MAX_COMPARED = 5;

export type CompareSeries =
  | { key: string; kind: "province" }
  | { key: string; kind: "commune"; code: string }
  | { key: string; kind: "district"; name: string };

export interface CompareChoice {
  series: CompareSeries[];
  hidden: Set<string>;
  range: PeriodRange;
}

function all(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter(Boolean);
}

export function parseCompareQuery(
  params: SearchParams,
  known: { communeCodes: readonly string[]; districts: readonly string[]; months: readonly string[] },
  defaults: readonly string[],
): CompareChoice {
  const communes = new Set(known.communeCodes);
  const districts = new Set(known.districts);
  const toSeries = (key: string): CompareSeries | null => {
    if (key === "p") return { key, kind: "province" };
    if (key.startsWith("c:") && communes.has(key.slice(2))) return { key, kind: "commune", code: key.slice(2) };
    if (key.startsWith("d:") && districts.has(key.slice(2))) return { key, kind: "district", name: key.slice(2) };
    return null;
  };
  const asked = all(params.series).slice(0, 20);
  const keys = [...new Set(asked.length ? asked : defaults)];
  const series = keys.flatMap((k) => toSeries(k) ?? []).slice(0, MAX_COMPARED);
  const chosen = new Set(series.map((s) => s.key));
  const hidden = new Set(all(params.hide).filter((k) => chosen.has(k)));
  const months = [...known.months].sort();
  const cfrom = all(params.cfrom)[0];
  const cto = all(params.cto)[0];
  const valid = (m: string | undefined) => m !== undefined && months.includes(m);
  const from = valid(cfrom) ? cfrom! : months[0]!;
  const to = valid(cto) ? cto! : months.at(-1)!;
  const range = from <= to ? { from, to } : { from: months[0]!, to: months.at(-1)! };
  return { series, hidden, range };
}
