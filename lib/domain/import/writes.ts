/**
 * What a commit writes, in the compact form the checking worker hands to lib/data/import: the commune-months whose
 * report is created or updated (no values: a national year is 39,852 of them), and the values themselves as the
 * tab-separated rows that COPY streams into the import's staging table (lib/data/import-staging.ts), one per commune,
 * month and indicator with the value it replaces (`\N`: none). One buffer, transferred to the request thread, instead
 * of 757,188 objects cloned across.
 */
import type { ReportStatus } from "../report-status";
import type { MonthChange } from "./plan";

export interface MonthWrite {
  communeCode: string;
  period: string;
  /** The stored report, or null: the commit creates it. */
  reportId: number | null;
  status: ReportStatus | null;
  version: number;
}

export function monthWrites(months: readonly MonthChange[]): MonthWrite[] {
  return months.map((m) => ({
    communeCode: m.communeCode,
    period: m.period,
    reportId: m.stored?.reportId ?? null,
    status: m.stored?.status ?? null,
    version: m.stored?.version ?? 0,
  }));
}

/** Rows of `org_unit_id, period, indicator_code, old_value, new_value` (ids: the communes' org_unit ids by code). */
export function stagingRows(months: readonly MonthChange[], ids: ReadonlyMap<string, number>): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 0;
  let chunk = "";
  for (const m of months) {
    const id = ids.get(m.communeCode);
    if (id === undefined) throw new Error(`no org unit for commune ${m.communeCode}`);
    for (const c of m.changes) chunk += `${id}\t${m.period}\t${c.field}\t${c.old === null ? "\\N" : c.old}\t${c.new}\n`;
    if (chunk.length > 1 << 20) {
      const bytes = encoder.encode(chunk);
      parts.push(bytes);
      size += bytes.length;
      chunk = "";
    }
  }
  const last = encoder.encode(chunk);
  parts.push(last);
  size += last.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
