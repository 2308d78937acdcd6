/**
 * better-auth's session cookie, read without better-auth (for the page cache in scripts/server.ts, which must stay
 * small and fast). The cookie holds `<token>.<base64 HMAC-SHA256 of the token with BETTER_AUTH_SECRET>`, URL-encoded,
 * under `better-auth.session_token` (or `__Secure-better-auth.session_token` on HTTPS). A token is only returned
 * when its signature verifies; the session itself is then checked in the database. Pure: node:crypto only.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { IDLE_SECONDS, UPDATE_AGE_SECONDS, pastAbsoluteLifetime } from "./session-rules";

export const SESSION_COOKIES = ["__Secure-better-auth.session_token", "better-auth.session_token"];

export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  return cookieValues(cookieHeader, name)[0];
}

/** Every value of a cookie in a header (a request may carry one name several times). */
function cookieValues(cookieHeader: string | undefined, name: string): string[] {
  const out: string[] = [];
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

/**
 * The session token of a request whose cookie carries a valid signature, or null. Only the cookie better-auth itself
 * reads counts (`__Secure-…` exactly when the app is on https); a request carrying that name twice is ambiguous
 * and gets null too, so the page cache never keys a page on a session other than the one the page was rendered for.
 */
export function signedSessionToken(cookieHeader: string | undefined, secret: string, secure: boolean): string | null {
  const values = cookieValues(cookieHeader, secure ? SESSION_COOKIES[0]! : SESSION_COOKIES[1]!);
  if (values.length !== 1) return null;
  let raw: string;
  try {
    raw = decodeURIComponent(values[0]!);
  } catch {
    return null;
  }
  const dot = raw.lastIndexOf(".");
  if (dot < 1) return null;
  const token = raw.slice(0, dot);
  const given = Buffer.from(raw.slice(dot + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

/**
 * Whether a session may be served from the cache without better-auth: live, within its absolute lifetime, its user
 * not disabled, and not yet due for the sliding renewal (better-auth renews when `expiresAt - expiresIn + updateAge`
 * has passed; that request goes to Next.js, which renews it).
 */
export function sessionServable(s: { expiresAt: Date; createdAt: Date; banned: boolean }, now: Date): boolean {
  const t = now.getTime();
  if (s.banned || s.expiresAt.getTime() <= t) return false;
  if (pastAbsoluteLifetime(s.createdAt, now)) return false;
  return s.expiresAt.getTime() - IDLE_SECONDS * 1000 + UPDATE_AGE_SECONDS * 1000 > t;
}
