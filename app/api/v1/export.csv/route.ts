import { apiRoute, apiViewer, jsonError, UNAUTHENTICATED } from "@/lib/auth/api";
import { ZExportOptions, paramsToObject, exportFileName } from "@/lib/domain/export-options";
import { lastFullMonth } from "@/lib/domain/periods";
import { ExportDenied, prepareExport, streamExport } from "@/lib/data/export";

export const dynamic = "force-dynamic";

export const GET = apiRoute(`GET /api/v1/export.csv`, async (request: Request) => {
  const viewer = await apiViewer(request);
  if (!viewer) return jsonError(401, UNAUTHENTICATED);
  const url = new URL(request.url);
  const parsed = ZExportOptions.safeParse({ ...paramsToObject(url.searchParams), to: url.searchParams.get("to") ?? lastFullMonth(new Date()) });
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
    throw error;
  }
});
