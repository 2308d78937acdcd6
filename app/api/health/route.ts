// Liveness for start-up checks and the benchmark's trivial reference route: does no work.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
