/**
 * An upload (CSV or .xlsx, told apart by its bytes, not its name) into the cells of lib/domain/import/cells.ts.
 * A workbook's sheets are read each with its own header and joined; a sheet's refusal names the sheet.
 */
import { type CellsResult, type ImportCatalogue, type ReadOptions, readCells } from "@/lib/domain/import/cells";
import { parseImportFile } from "@/lib/domain/import/plan";
import { type ImportLimits, STANDARD_IMPORT_LIMITS } from "@/lib/domain/import/limits";
import { tooLargeWording } from "@/lib/domain/import/read-csv";
import { importMessageVi, importRefusal } from "@/lib/domain/import/refusals";
import { isZip } from "./office-bytes";

export interface UploadOptions extends ReadOptions {
  /** The importer's limits (lib/domain/import/limits.ts): a province's unless given. */
  limits?: ImportLimits;
}

export async function parseUpload(
  bytes: Uint8Array,
  catalogue: ImportCatalogue,
  options: UploadOptions = {},
): Promise<CellsResult> {
  const limits = options.limits ?? STANDARD_IMPORT_LIMITS;
  const looksLikeOffice = isZip(bytes) || (bytes[0] === 0xd0 && bytes[1] === 0xcf);
  if (!looksLikeOffice) return parseImportFile(bytes, catalogue, options, limits);
  if (bytes.length > limits.bytes) {
    return importRefusal(tooLargeWording(bytes.length, limits));
  }
  // exceljs loaded for a workbook only (about 16 MB of the worker's memory that a CSV import does not need).
  const { readXlsx, workbookRefusal } = await import("./read-xlsx");
  const problem = workbookRefusal(bytes);
  if (problem) return importRefusal(problem);
  const read = await readXlsx(bytes, { maxRows: limits.rows });
  if (!read.ok) return read;
  const joined: Extract<CellsResult, { ok: true }> = {
    ok: true,
    format: "long",
    delimiter: null,
    cells: [],
    errors: [],
    records: 0,
    notes: read.notes.map(importMessageVi),
    noteWordings: [...read.notes],
    sheetNames: read.sheetNames,
  };
  let first = true;
  for (const table of read.tables) {
    const result = readCells(table, catalogue, options);
    if (!result.ok) return result;
    if (first) joined.format = result.format;
    first = false;
    for (const c of result.cells) joined.cells.push(c);
    for (const e of result.errors) joined.errors.push(e);
    joined.records += result.records;
    joined.notes.push(...result.notes);
    joined.noteWordings.push(...result.noteWordings);
  }
  return joined;
}
