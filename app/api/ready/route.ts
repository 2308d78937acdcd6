// Readiness for monitoring: 200 when the database (and the read replica, if any) answers within 2 s, else 503.
// /api/health is liveness only (what a load balancer checks) and never touches the database.
import { readiness } from "@/lib/data/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const r = await readiness();
  return Response.json(r, { status: r.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
