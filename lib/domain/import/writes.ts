/**
 * What a commit writes, in the compact form the checking worker hands to lib/data/import: the commune-months whose
 * report is created or updated (no values: a national year is 39,852 of them), and the values themselves as the
 * tab-separated rows that COPY streams into the import's staging table (lib/data/import-staging.ts), one per commune,
 * month and indicator with the value it replaces (`\N`: none). Buffers transferred to the request thread, instead
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

/**
 * Rows of `org_unit_id, period, indicator_code, old_value, new_value` (ids: the communes' org_unit ids by code), in
 * chunks of about a megabyte: transferred as they are and streamed into COPY one after the other, never joined into one
 * buffer (a national year is 27 MB of them).
 */
export function stagingRows(months: readonly MonthChange[], ids: ReadonlyMap<string, number>): Uint8Array[] {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let chunk = "";
  for (const m of months) {
    const id = ids.get(m.communeCode);
    if (id === undefined) throw new Error(`no org unit for commune ${m.communeCode}`);
    for (const c of m.cells) {
      const old = m.stored?.values[c.indicatorCode] ?? null;
      chunk += `${id}\t${m.period}\t${c.indicatorCode}\t${old === null ? "\\N" : old}\t${c.value}\n`;
    }
    if (chunk.length > 1 << 20) {
      parts.push(encoder.encode(chunk));
      chunk = "";
    }
  }
  if (chunk !== "") parts.push(encoder.encode(chunk));
  return parts;
}
