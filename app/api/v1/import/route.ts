import { UNAUTHENTICATED, apiRoute, apiViewer, jsonError } from "@/lib/auth/api";
import { isOwnOrigin } from "@/lib/auth/origins";
import { importApi } from "@/lib/web/import-api";

export const dynamic = "force-dynamic";

/**
 * A personal token (`Authorization: Bearer …`), or the session cookie with this app's own Origin: a cross-site form
 * must not be able to import with a signed-in official's cookie.
 */
export const POST = apiRoute("POST /api/v1/import", async (request: Request) => {
  const bearer = request.headers.get("authorization")?.toLowerCase().startsWith("bearer ");
  if (!bearer && !isOwnOrigin(request.headers.get("origin")))
    return jsonError(403, "Yêu cầu không hợp lệ (nguồn gửi không được phép).");
  const viewer = await apiViewer(request);
  if (!viewer) return jsonError(401, UNAUTHENTICATED);
  return importApi(request, viewer);
});
