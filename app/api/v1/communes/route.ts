import { apiRoute, apiViewer, jsonError, UNAUTHENTICATED } from "@/lib/auth/api";
import { db } from "@/lib/data/db";

export const dynamic = "force-dynamic";

/** The communes of a province (default Lai Châu, 12) with their merger lineage. Reference data: any signed-in user. */
export const GET = apiRoute(`GET /api/v1/communes`, async (request: Request) => {
  if (!(await apiViewer(request))) return jsonError(401, UNAUTHENTICATED);
  const province = new URL(request.url).searchParams.get("province") ?? "12";
  const { rows } = await db().readPool.query(
    `SELECT u.code, u.name, u.full_name AS "fullName", u.kind, u.former_districts AS "formerDistricts", u.area_km2 AS "areaKm2",
       u.population, u.hq_address AS "hqAddress",
       COALESCE((SELECT json_agg(json_build_object('oldCode', f.old_code, 'name', f.name, 'oldDistrict', f.old_district, 'mergeType', f.merge_type) ORDER BY f.old_code)
         FROM former_unit f WHERE f.org_unit_id = u.id), '[]') AS "formerUnits"
     FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE p.code = $1 ORDER BY u.code`,
    [province],
  );
  return Response.json({ province, count: rows.length, data: rows });
});
