/** The files of the import benchmarks (bench/import.ts, bench/import-server.ts): a year of values, long or wide. */
import { REPORT_FIELDS } from "../lib/domain/validation";
import { REFORM_START, periodsInRange } from "../lib/domain/periods";

/** The months of a "year": the first twelve since the reform. */
export const YEAR = periodsInRange(REFORM_START, "2026-06");
const LONG = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status";
const MONTH: Record<string, number> = {
  staff_quota: 300,
  staff_cadres: 20,
  staff_civil_servants: 40,
  staff_public_employees: 200,
  shortage_finance: 1,
  shortage_construction: 0,
  shortage_land: 1,
  shortage_it: 0,
  one_stop_operating: 1,
  proc_received: 100,
  proc_received_online: 50,
  proc_resolved_early: 10,
  proc_resolved_on_time: 80,
  proc_resolved_late: 2,
  proc_pending: 8,
  pages_digitised: 1000,
  dossiers_digitised: 50,
  feedback_received: 5,
  feedback_resolved: 4,
};
/** +bump on values no cross-field rule bounds from above (4 of the 19 indicators: 21% of the values). */
const BUMPED = ["pages_digitised", "staff_quota", "proc_received", "feedback_received"];
const valueOf = (f: string, bump: number) => MONTH[f]! + (BUMPED.includes(f) ? bump : 0);

export function longCsv(
  codes: string[],
  periods: string[],
  bump: number,
  province = "99",
): { bytes: Uint8Array; rows: number } {
  const lines = [LONG];
  for (const code of codes)
    for (const period of periods)
      for (const f of REPORT_FIELDS) lines.push(`${province},${code},Xã ${code},${period},${f},,${valueOf(f, bump)},,`);
  return { bytes: new TextEncoder().encode(`${lines.join("\n")}\n`), rows: lines.length - 1 };
}

/** The wide layout (one row per commune and month, one column per indicator): `values` is rows × 19. */
export function wideCsv(
  codes: string[],
  periods: string[],
  bump: number,
): { bytes: Uint8Array; rows: number; values: number } {
  const lines = [`commune_code,period,${REPORT_FIELDS.join(",")}`];
  for (const code of codes)
    for (const period of periods)
      lines.push(`${code},${period},${REPORT_FIELDS.map((f) => valueOf(f, bump)).join(",")}`);
  const rows = lines.length - 1;
  return { bytes: new TextEncoder().encode(`${lines.join("\n")}\n`), rows, values: rows * REPORT_FIELDS.length };
}
