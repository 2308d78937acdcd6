/** The export endpoints (CSV, workbook): one way in, the same options, rights and error messages for both. */
import { apiLocale, apiMessage, apiViewer, jsonError } from "@/lib/auth/api";
import { wordsIn } from "@/i18n/words";
import { schemaWording } from "@/lib/domain/wording";
import { now } from "@/lib/clock";
import {
  EXPORT_OPTION_RULES,
  type ExportOptions,
  exportFileName,
  paramsToObject,
  parseExportOptions,
} from "@/lib/domain/export-options";
import { lastFullMonth } from "@/lib/domain/periods";
import { type PreparedExport, prepareExport } from "@/lib/data/export";

export async function exportResponse(
  request: Request,
  file: { extension: "csv" | "xlsx"; contentType: string },
  body: (prepared: PreparedExport, options: ExportOptions) => Promise<ReadableStream<Uint8Array>>,
): Promise<Response> {
  const viewer = await apiViewer(request);
  if (!viewer) return jsonError(401, apiMessage(request, "UNAUTHENTICATED"));
  const url = new URL(request.url);
  const at = now();
  const parsed = parseExportOptions(
    { ...paramsToObject(url.searchParams), to: url.searchParams.get("to") ?? lastFullMonth(at) },
    at,
  );
  if (!parsed.success) {
    // The option's rule in the session's language (Vietnamese for a token, as documented); a message of no rule as is.
    const message = parsed.error.issues[0]?.message ?? "Tham số không hợp lệ";
    const rule = schemaWording(EXPORT_OPTION_RULES, message);
    const words = wordsIn(apiLocale(request));
    return jsonError(400, rule ? words(`dataErrors.exportOptions.${rule.rule}`, rule.values) : message);
  }
  // A refusal (another commune's data, every export slot taken) is a DataError: apiRoute answers it (403, 429).
  const prepared = await prepareExport(viewer, parsed.data);
  return new Response(await body(prepared, parsed.data), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${exportFileName(parsed.data, file.extension)}"`,
      // no-transform: Next.js's built-in compression skips the response. gzip at zlib's default level in the app's
      // own event loop cost the CSV about a third of its throughput against PostgreSQL's COPY (issue 24), and a
      // workbook is a zip already. A proxy in front (Caddy's `encode`) may compress on its own cores.
      "Cache-Control": "no-store, no-transform",
    },
  });
}
