/**
 * Whether an error means "the database cannot be reached right now" (server stopped or restarting, connections cut,
 * pool exhausted) rather than a bug. Such failures are temporary: actions tell the user their work is kept and to
 * retry, the JSON API answers 503, the offline queue keeps the save and sends it again.
 */

/**
 * PostgreSQL SQLSTATE classes and codes that mean the server went away or is not accepting connections; 25006 (a write
 * in a read-only transaction) is a write that reached the read replica while the primary is gone (lib/data/pool.ts).
 */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300", "25006"]);
/** Node socket errors and Prisma's connection/pool codes. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EAI_AGAIN",
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  "P2028",
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /connection (?:refused|reset|closed)/i,
  /server closed the connection/i,
  /can't reach database server/i,
  /database ?not ?reachable/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /timed out fetching a new connection/i,
  /unable to start a transaction in the given time/i,
  /client has encountered a connection error/i,
  /is not currently accepting connections/i,
];

function codesOf(error: object): string[] {
  const e = error as { code?: unknown; kind?: unknown; originalCode?: unknown; cause?: unknown };
  return [e.code, e.kind, e.originalCode].filter((c): c is string => typeof c === "string");
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    for (const code of codesOf(current)) {
      if (
        UNAVAILABLE_CODES.has(code) ||
        UNAVAILABLE_SQLSTATES.has(code) ||
        code.startsWith("08") ||
        code === "DatabaseNotReachable"
      )
        return true;
    }
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
    const nested = current as { cause?: unknown; errors?: unknown };
    // AggregateError (several addresses refused) carries its reasons in `errors`.
    if (Array.isArray(nested.errors) && nested.errors.some((e) => isDatabaseUnavailable(e))) return true;
    current = nested.cause;
  }
  return false;
}

/** PostgreSQL's disk_full (53100), the system's "no space left" (ENOSPC) or quota (EDQUOT), anywhere in the causes. */
const DISK_FULL_CODES = new Set(["53100", "ENOSPC", "EDQUOT"]);

export function isDiskFull(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    if (codesOf(current).some((c) => DISK_FULL_CODES.has(c))) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && /no space left on device/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
