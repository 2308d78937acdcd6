/**
 * Reads the period of a page from its URL: `?period=YYYY-MM` (one month) or `?from=YYYY-MM&to=YYYY-MM` (a range),
 * defaulting to the latest month with data. Bad input yields an error message in Vietnamese and the default.
 */
import { z } from "zod";
import { type PeriodRange, REFORM_START, isPeriod } from "./periods";

const ZPeriod = z.string().refine(isPeriod, "Tháng phải có dạng YYYY-MM, ví dụ 2025-09");

export const ZRangeQuery = z
  .object({
    period: ZPeriod.optional(),
    from: ZPeriod.optional(),
    to: ZPeriod.optional(),
  })
  .refine((q) => !(q.from && q.to) || q.from <= q.to, "Tháng bắt đầu phải trước hoặc bằng tháng kết thúc")
  .refine((q) => [q.period, q.from, q.to].every((p) => !p || p >= REFORM_START), "Số liệu bắt đầu từ tháng 07/2025");

export type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === "" ? undefined : v;
}

export function parseRangeQuery(params: SearchParams, defaultPeriod: string): { range: PeriodRange; error: string | null } {
  const parsed = ZRangeQuery.safeParse({ period: first(params.period), from: first(params.from), to: first(params.to) });
  const fallback = { from: defaultPeriod, to: defaultPeriod };
  if (!parsed.success) return { range: fallback, error: parsed.error.issues[0]?.message ?? "Kỳ báo cáo không hợp lệ" };
  const { period, from, to } = parsed.data;
  if (from || to) return { range: { from: from ?? to!, to: to ?? from! }, error: null };
  if (period) return { range: { from: period, to: period }, error: null };
  return { range: fallback, error: null };
}
