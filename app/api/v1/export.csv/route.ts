import { streamExport } from "@/lib/data/export";
import { exportResponse } from "@/lib/web/export-response";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return exportResponse(request, { extension: "csv", contentType: "text/csv; charset=utf-8" }, (prepared) => streamExport(prepared));
}
