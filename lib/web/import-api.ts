/**
 * POST /api/v1/import (issue 23): the body is the file (a CSV or a workbook), checked and written by lib/data/import
 * with the same rules, limits and roles as /import. `?dry_run=1` checks only.
 *
 * Answers JSON `{ rows, changes, unchanged, errors: [{ sheet, cell } | { line }, message], notes, committed, batch }`:
 * 200 when it committed or the dry run found nothing wrong, 422 with the errors otherwise, 400 for a body that is not
 * a CSV or a workbook, 413 above the size limit; nothing is written unless the answer is a 200 without dry_run.
 * `?mark_received=1` (a province or administrator, else 403) records the file's months as received and approved. A
 * refusal otherwise has the status every /api/v1 route gives it (429 while the user's other file is being checked).
 */
import { apiFailure } from "@/lib/auth/api";
import type { Viewer } from "@/lib/auth/viewer";
import { type ImportReport, assertMayImport, commit, dryRun } from "@/lib/data/import";
import { importLimits } from "@/lib/domain/import/limits";
import { tooLargeMessage } from "@/lib/domain/import/read-csv";
import { placeParts } from "@/lib/domain/import/refusals";
import { isZip, workbookProblem } from "@/lib/import/read-xlsx";
import { BodyTooLarge, readBodyBytes } from "./body";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ACCEPTED = ["text/csv", "text/plain", XLSX_TYPE, "application/octet-stream"];

type ApiError = { sheet: string; cell: string; message: string } | { line: number; message: string };

const json = (status: number, body: unknown) => Response.json(body, { status });

function where(row: ImportReport["rows"][number]): { sheet: string; cell: string } | { line: number } {
  return (row.place ? placeParts(row.place) : undefined) ?? { line: row.line };
}

/**
 * A refusal of the data layer (DataError) or any other failure is answered as every /api/v1 route answers it
 * (lib/auth/api.ts's apiFailure: one classification with the server actions), here too when called on its own.
 */
export async function importApi(request: Request, viewer: Viewer): Promise<Response> {
  try {
    return await answerImport(request, viewer);
  } catch (error) {
    return apiFailure("POST /api/v1/import", error);
  }
}

async function answerImport(request: Request, viewer: Viewer): Promise<Response> {
  const url = new URL(request.url);
  const flag = (name: string) => ["1", "true"].includes(url.searchParams.get(name) ?? "");
  const markReceived = flag("mark_received");
  // The data layer's own check, before anything of the body is read (dryRun and commit make it again).
  assertMayImport(viewer, { markReceived });
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ACCEPTED.includes(type)) {
    return json(400, {
      error: `Nội dung phải là tệp CSV (text/csv) hoặc sổ tính Excel (${XLSX_TYPE}), không phải “${type || "không rõ"}”.`,
    });
  }
  let bytes: Buffer;
  const limits = importLimits(viewer.role);
  try {
    bytes = await readBodyBytes(request, limits.bytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) return json(413, { error: tooLargeMessage(null, limits) });
    throw error;
  }
  if (bytes.length === 0) return json(400, { error: "Không có tệp trong nội dung yêu cầu." });
  const office = isZip(bytes) || (bytes[0] === 0xd0 && bytes[1] === 0xcf);
  if (office) {
    const problem = workbookProblem(bytes);
    if (problem) return json(400, { error: problem });
  }
  const name = (url.searchParams.get("name") ?? (office ? "api.xlsx" : "api.csv")).slice(0, 200);
  const numbers = url.searchParams.get("numbers");
  const file = {
    name,
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    numbers: numbers === "vi" || numbers === "en" ? numbers : "auto",
    markReceived,
  } as const;
  const dry = flag("dry_run");
  const report: ImportReport = dry ? await dryRun(viewer, file) : await commit(viewer, file);
  const errors: ApiError[] = report.fileError
    ? [{ line: 0, message: report.fileError }]
    : report.rows
        .filter((r) => r.outcome === "error")
        .flatMap((r) => r.messages.map((message) => ({ ...where(r), message })));
  const body = {
    rows: report.totalRows,
    changes: report.counts.new + report.counts.changed,
    unchanged: report.counts.unchanged,
    errors,
    error_count: report.fileError ? 1 : report.counts.error,
    notes: report.notes,
    committed: report.committed,
    batch: report.batchId ?? null,
    received: report.months.received,
  };
  return json(errors.length > 0 ? 422 : 200, body);
}
