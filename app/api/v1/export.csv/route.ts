import { apiViewer, jsonError, UNAUTHENTICATED } from "@/lib/auth/api";
import { now } from "@/lib/clock";
import { parseExportOptions, paramsToObject, exportFileName } from "@/lib/domain/export-options";
import { lastFullMonth } from "@/lib/domain/periods";
import { ExportDenied, prepareExport, streamExport } from "@/lib/data/export";
import { ExportBusy } from "@/lib/data/export-slots";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const viewer = await apiViewer(request);
  if (!viewer) return jsonError(401, UNAUTHENTICATED);
  const url = new URL(request.url);
  const parsed = parseExportOptions({ ...paramsToObject(url.searchParams), to: url.searchParams.get("to") ?? lastFullMonth(now()) }, now());
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? "Tham số không hợp lệ");
  try {
    const prepared = await prepareExport(viewer, parsed.data);
    const body = await streamExport(prepared);
    const name = exportFileName(parsed.data);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ExportDenied) return jsonError(403, error.message);
    if (error instanceof ExportBusy) return jsonError(429, error.message);
    throw error;
  }
}
