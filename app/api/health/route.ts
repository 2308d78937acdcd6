// Liveness for start-up checks, load balancers and the benchmark's trivial reference route: does no work, never
// touches the database (it answers 200 while the database is down: /api/ready reports that).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
