/**
 * Readiness for monitoring (GET /api/ready): whether the database, and the read replica where there is one
 * (DATABASE_READ_URL), answer `SELECT 1` on a fresh connection within 2 s. /api/health stays liveness only.
 */
import { statfs } from "node:fs/promises";
import { READ_MAX_LAG_MS, pools, probeDatabase, replicaBehindMs } from "./pool";

/** Below this much free space on the embedded database's disk, it is reported full (PostgreSQL needs room for WAL). */
const DISK_FULL_BYTES = Number(process.env.DISK_FULL_BYTES ?? 32 * 2 ** 20);

/** Free space where the embedded database keeps its files (TRACKER_DB_DIR, set by npm start); null when unknown. */
async function diskState(): Promise<"ok" | "full" | null> {
  const dir = process.env.TRACKER_DB_DIR;
  if (!dir) return null;
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize < DISK_FULL_BYTES ? "full" : "ok";
  } catch {
    return null;
  }
}

export interface Readiness {
  ok: boolean;
  database: "ok" | "unavailable";
  replica?: "ok" | "unavailable";
  /** Seconds the replica is behind the primary, as this server's read routing sees it; over the bound
   * (DATABASE_READ_MAX_LAG_S) the replica is skipped and `replicaSkipped` is true. */
  replicaBehindSeconds?: number;
  replicaSkipped?: boolean;
  /** The embedded database's disk (npm start only). */
  disk?: "ok" | "full";
}

export async function readiness(timeoutMs = 2_000): Promise<Readiness> {
  const primaryUrl = process.env.DATABASE_URL;
  const replicaUrl = process.env.DATABASE_READ_URL;
  const [primary, replica, disk] = await Promise.all([
    primaryUrl ? probeDatabase(primaryUrl, timeoutMs) : Promise.resolve({ ok: false }),
    replicaUrl ? probeDatabase(replicaUrl, timeoutMs) : Promise.resolve(null),
    diskState(),
  ]);
  const state = (p: { ok: boolean }) => (p.ok ? ("ok" as const) : ("unavailable" as const));
  if (replicaUrl) pools(); // starts the replica's sampling in this process, if no read has yet
  const behind = replicaUrl ? replicaBehindMs() : null;
  return {
    ok: primary.ok && (replica?.ok ?? true) && disk !== "full",
    database: state(primary),
    ...(replica ? { replica: state(replica) } : {}),
    ...(behind !== null
      ? { replicaBehindSeconds: Math.round(behind / 100) / 10, replicaSkipped: behind > READ_MAX_LAG_MS }
      : {}),
    ...(disk ? { disk } : {}),
  };
}
