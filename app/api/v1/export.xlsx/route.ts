import { apiRoute } from "@/lib/auth/api";
import { now } from "@/lib/clock";
import { streamExportXlsx } from "@/lib/data/export-xlsx";
import { exportResponse } from "@/lib/web/export-response";

export const dynamic = "force-dynamic";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const GET = apiRoute("GET /api/v1/export.xlsx", (request: Request) =>
  exportResponse(request, { extension: "xlsx", contentType: XLSX }, (prepared) => streamExportXlsx(prepared, now())),
);
