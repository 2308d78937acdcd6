import { apiRoute, apiViewer, jsonError, UNAUTHENTICATED } from "@/lib/auth/api";
import { INDICATORS, storedFormula } from "@/lib/domain/indicators";

export const dynamic = "force-dynamic";

/** The indicator catalogue, from the code that computes every figure. */
export const GET = apiRoute(`GET /api/v1/indicators`, async (request: Request) => {
  if (!(await apiViewer(request))) return jsonError(401, UNAUTHENTICATED);
  const data = INDICATORS.map((i) => ({
    code: i.code,
    kind: i.kind,
    nameVi: i.nameVi,
    nameEn: i.nameEn,
    unit: i.unit,
    category: i.category,
    description: i.descriptionVi,
    target: i.target ?? null,
    direction: i.direction ?? null,
    ...(i.kind === "RAW" ? { temporalType: i.temporalType, entryLevel: i.entryLevel } : { formula: storedFormula(i) }),
  }));
  return Response.json({ count: data.length, data });
});
