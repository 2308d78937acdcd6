import { requireViewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { DataError } from "@/lib/data/errors";
import { templateContent, templatePeriod } from "@/lib/data/import-template";
import { templateFileName, templateWorkbook } from "@/lib/import/template-xlsx";
import { XLSX_TYPE } from "@/lib/web/import-api";

export const dynamic = "force-dynamic";

/**
 * GET /import/template.xlsx?period=YYYY-MM (issue 23, item 4): the monthly template for the signed-in account, the
 * 38 communes for the province, its own unit for a commune, with what is stored filled in. 400 for a month that
 * cannot be reported, 403 for an account that imports nothing.
 */
export async function GET(request: Request) {
  const viewer = await requireViewer();
  try {
    const period = templatePeriod(new URL(request.url).searchParams.get("period"));
    const content = await templateContent(viewer, period);
    const own = viewer.role === "COMMUNE" ? (content.units[0] ?? null) : null;
    const workbook = await templateWorkbook(content, {
      scopeLabel: own ? own.fullName : `tỉnh Lai Châu (${content.units.length} xã, phường)`,
      generatedAt: now(),
    });
    return new Response(new Uint8Array(workbook), {
      headers: {
        "Content-Type": XLSX_TYPE,
        "Content-Disposition": `attachment; filename="${templateFileName(period, own?.code ?? null)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DataError && (error.code === "INVALID" || error.code === "FORBIDDEN"))
      return new Response(error.message, {
        status: error.code === "INVALID" ? 400 : 403,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    throw error;
  }
}
