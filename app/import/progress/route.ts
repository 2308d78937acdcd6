import { getViewer } from "@/lib/auth/viewer";
import { importProgress } from "@/lib/data/import-progress";

export const dynamic = "force-dynamic";

/**
 * GET /import/progress: the signed-in user's running import (lib/domain/import/progress.ts), `null` when none runs;
 * the import page polls it while its upload is checked or committed.
 */
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) return Response.json(null, { status: 401, headers: { "Cache-Control": "no-store" } });
  return Response.json(importProgress(viewer.id), { headers: { "Cache-Control": "no-store" } });
}
