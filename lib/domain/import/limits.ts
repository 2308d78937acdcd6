/**
 * How large an import may be, by role (issue 23, item 8): 200,000 data rows or 50 MB for province and commune
 * accounts, 1,000,000 rows or 100 MB for an administrator (a national year in one file). One place for the numbers:
 * the upload routes refuse a body past `bytes` as it streams in, lib/data/import refuses a file past them again, and
 * the readers stop at `rows` (and at `fields`, the table's cells, counted before anything is parsed).
 */
import type { Role } from "../permissions";

export interface ImportLimits {
  bytes: number;
  /** Data rows (records of a CSV, rows of a workbook's tables). */
  rows: number;
  /** Cells of a CSV table (rows × columns), counted before parsing: a long file of `rows` rows fits. */
  fields: number;
}

const MB = 1024 * 1024;

export const STANDARD_IMPORT_LIMITS: ImportLimits = { bytes: 50 * MB, rows: 200_000, fields: 2_000_000 };
export const ADMIN_IMPORT_LIMITS: ImportLimits = { bytes: 100 * MB, rows: 1_000_000, fields: 10_000_000 };

export function importLimits(role: Role): ImportLimits {
  return role === "ADMIN" ? ADMIN_IMPORT_LIMITS : STANDARD_IMPORT_LIMITS;
}

export const limitMb = (limits: ImportLimits) => limits.bytes / MB;
