/**
 * Runs before every request (Next 16 "proxy", on Node):
 *  - sends visitors without a session cookie to /login (pages still check the session in the database:
 *    this is only the fast path);
 *  - sets security headers, with a per-request nonce in the Content-Security-Policy for Next's inline scripts.
 */
import { type NextRequest, NextResponse } from "next/server";
import { getSessionCookie } from "better-auth/cookies";
import { newNonce } from "@/lib/web/nonce";

// The service worker, manifest, icons and offline page carry no data and must load without a session (and offline).
const PUBLIC_PATHS = [
  "/login", "/api/auth", "/api/health", "/api/v1", "/map", "/serwist", "/manifest.webmanifest", "/icons", "/offline.html",
];

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A server action (Next-Action header) is not redirected: it answers "signed out" itself (lib/auth/action), so the
  // month form can keep its values and offer to sign in again, instead of receiving the login page as its answer.
  if (!isPublic(pathname) && !getSessionCookie(request) && !request.headers.has("next-action")) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = newNonce();
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
