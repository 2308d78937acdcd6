/**
 * Reads the period and filters of a page from its URL: `?period=YYYY-MM` (one month) or `?from=YYYY-MM&to=YYYY-MM`
 * (a range), defaulting to the latest month with data; `?kind=xa|phuong` and `?district=…` narrow the communes.
 * Bad input yields a message key of the catalogue (messages/*.json, namespace `errors`) and the default.
 */
import { z } from "zod";
import { type PeriodRange, REFORM_START, isPeriod } from "./periods";
import { type WindowError, windowError } from "./period-window";

const ZPeriod = z.string().refine(isPeriod, "periodFormat");

export const ZRangeQuery = z
  .object({
    period: ZPeriod.optional(),
    from: ZPeriod.optional(),
    to: ZPeriod.optional(),
  })
  .refine((q) => !(q.from && q.to) || q.from <= q.to, "rangeOrder")
  .refine((q) => [q.period, q.from, q.to].every((p) => !p || p >= REFORM_START), "beforeReform");

/** Keys of the `errors` namespace a bad URL can produce. */
export type RangeQueryError = "periodFormat" | "rangeOrder" | "invalidPeriod" | WindowError;

export type SearchParams = Record<string, string | string[] | undefined>;

export function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === "" ? undefined : v;
}

/** `now` bounds the months (lib/domain/period-window.ts): none after the current month. */
export function parseRangeQuery(
  params: SearchParams,
  defaultPeriod: string,
  now: Date,
): { range: PeriodRange; error: RangeQueryError | null } {
  const parsed = ZRangeQuery.safeParse({
    period: first(params.period),
    from: first(params.from),
    to: first(params.to),
  });
  const fallback = { from: defaultPeriod, to: defaultPeriod };
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    const known: RangeQueryError[] = ["periodFormat", "rangeOrder", "beforeReform"];
    return { range: fallback, error: known.find((k) => k === message) ?? "invalidPeriod" };
  }
  const { period, from, to } = parsed.data;
  const asked = from || to ? { from: from ?? to!, to: to ?? from! } : period ? { from: period, to: period } : null;
  if (!asked) return { range: fallback, error: null };
  const error = windowError(asked, now);
  return error ? { range: fallback, error } : { range: asked, error: null };
}

/** `?kind=xa|phuong` (URL form) ↔ the database's `XA`/`PHUONG`. */
export const ZKindParam = z.enum(["xa", "phuong"]);
export type KindParam = z.infer<typeof ZKindParam>;

export interface CommuneFilters {
  kind?: "XA" | "PHUONG";
  /** A former district name, exactly as stored (e.g. "Huyện Tam Đường"). */
  district?: string;
  /** Free-text search, compared accent-insensitively. */
  q?: string;
}

const ZFilterQuery = z.object({
  kind: ZKindParam.optional().catch(undefined),
  district: z.string().trim().min(1).max(100).optional().catch(undefined),
  q: z.string().trim().min(1).max(100).optional().catch(undefined),
});

/** Filters of the commune lists; unknown or malformed values are ignored (a filter that cannot match shows all). */
export function parseCommuneFilters(params: SearchParams): CommuneFilters {
  const parsed = ZFilterQuery.parse({ kind: first(params.kind), district: first(params.district), q: first(params.q) });
  const out: CommuneFilters = {};
  if (parsed.kind) out.kind = parsed.kind === "xa" ? "XA" : "PHUONG";
  if (parsed.district) out.district = parsed.district;
  if (parsed.q) out.q = parsed.q;
  return out;
}

/** A sort order `?sort=column` or `?sort=-column` (descending) among allowed columns. */
export function parseSort<C extends string>(
  params: SearchParams,
  columns: readonly C[],
  fallback: C,
): { column: C; descending: boolean } {
  const raw = first(params.sort) ?? fallback;
  const descending = raw.startsWith("-");
  const name = descending ? raw.slice(1) : raw;
  const column = (columns as readonly string[]).includes(name) ? (name as C) : fallback;
  return { column, descending: column === name ? descending : false };
}

/**
 * Builds a URL keeping the current query but changing some keys (undefined removes a key). Pages use it for
 * links that must keep period and filters ("every view is a shareable link").
 */
export function hrefWith(path: string, params: SearchParams, changes: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    const value = first(v);
    if (value !== undefined && !(k in changes)) q.set(k, value);
  }
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
