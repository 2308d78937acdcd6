import { apiRoute } from "@/lib/auth/api";
import { streamExport } from "@/lib/data/export";
import { exportResponse } from "@/lib/web/export-response";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/export.csv", (request: Request) =>
  exportResponse(request, { extension: "csv", contentType: "text/csv; charset=utf-8" }, (prepared) =>
    streamExport(prepared),
  ),
);
