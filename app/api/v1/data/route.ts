import { now } from "@/lib/clock";
import { apiRoute, apiViewer, jsonError, UNAUTHENTICATED } from "@/lib/auth/api";
import { parseExportOptions, paramsToObject } from "@/lib/domain/export-options";
import { lastFullMonth } from "@/lib/domain/periods";
import { db } from "@/lib/data/db";
import { prepareExport } from "@/lib/data/export";

export const dynamic = "force-dynamic";

const MAX_PAGE_SIZE = 10_000;
/** Far beyond any real data (pages × pageSize rows), and small enough for PostgreSQL's OFFSET arithmetic. */
const MAX_PAGE = 1_000_000;

/** Values in the long format, with the export's filters, a page at a time (`page` from 1, `pageSize` ≤ 10,000). */
export const GET = apiRoute(`GET /api/v1/data`, async (request: Request) => {
  const viewer = await apiViewer(request);
  if (!viewer) return jsonError(401, UNAUTHENTICATED);
  const params = new URL(request.url).searchParams;
  const parsed = parseExportOptions(
    { ...paramsToObject(params), to: params.get("to") ?? lastFullMonth(now()), format: "long", header: "code" },
    now(),
  );
  if (!parsed.success) return jsonError(400, parsed.error.issues[0]?.message ?? "Tham số không hợp lệ");
  const page = Number(params.get("page") ?? 1);
  const pageSize = Number(params.get("pageSize") ?? 1000);
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
    return jsonError(400, `Số trang (page) phải là số nguyên từ 1 đến ${MAX_PAGE}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    return jsonError(400, `Số dòng mỗi trang (pageSize) phải từ 1 đến ${MAX_PAGE_SIZE}`);
  // Another commune's data for a commune account: a DataError (FORBIDDEN) that apiRoute answers with 403.
  const prepared = await prepareExport(viewer, parsed.data);
  const [rows, total] = await Promise.all([
    db().readPool.query(`SELECT * FROM (${prepared.sql}) q LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]),
    db().readPool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${prepared.sql}) q`),
  ]);
  const n = total.rows[0]!.n;
  return Response.json({ page, pageSize, total: n, pages: Math.ceil(n / pageSize), data: rows.rows });
});
