/**
 * Readiness for monitoring (GET /api/ready): whether the database, and the read replica where there is one
 * (DATABASE_READ_URL), answer `SELECT 1` on a fresh connection within 2 s. /api/health stays liveness only.
 */
import { probeDatabase } from "./pool";

export interface Readiness {
  ok: boolean;
  database: "ok" | "unavailable";
  replica?: "ok" | "unavailable";
}

export async function readiness(timeoutMs = 2_000): Promise<Readiness> {
  const primaryUrl = process.env.DATABASE_URL;
  const replicaUrl = process.env.DATABASE_READ_URL;
  const [primary, replica] = await Promise.all([
    primaryUrl ? probeDatabase(primaryUrl, timeoutMs) : Promise.resolve({ ok: false }),
    replicaUrl ? probeDatabase(replicaUrl, timeoutMs) : Promise.resolve(null),
  ]);
  const state = (p: { ok: boolean }) => (p.ok ? "ok" as const : "unavailable" as const);
  return {
    ok: primary.ok && (replica?.ok ?? true),
    database: state(primary),
    ...(replica ? { replica: state(replica) } : {}),
  };
}
