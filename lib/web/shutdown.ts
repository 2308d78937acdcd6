/**
 * How long a stopping app server keeps answering the requests in flight (scripts/server.ts), and how long
 * scripts/start.ts waits for it before killing it. With the embedded database, `npm start` stops everything, the
 * database included, within 10 s: 3 s of drain. With the province's own PostgreSQL (DATABASE_URL), behind a proxy,
 * a save or an import in flight is finished rather than cut (the proxy cannot replay a POST it already sent): up to
 * 25 s, within the unit's TimeoutStopSec (deploy/systemd/tracker.service). SHUTDOWN_DRAIN_MS overrides both.
 */
export function drainMs(
  embeddedDatabase: boolean,
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  const set = Number(env.SHUTDOWN_DRAIN_MS);
  if (env.SHUTDOWN_DRAIN_MS && Number.isFinite(set) && set >= 0) return set;
  return embeddedDatabase ? 3_000 : 25_000;
}

/** How long scripts/start.ts lets the server and the embedded database take before killing what is left. */
export function stopGuardMs(
  embeddedDatabase: boolean,
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  return drainMs(embeddedDatabase, env) + 6_500;
}
