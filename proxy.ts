/**
 * Runs before every request (Next 16 "proxy", on Node):
 *  - sends visitors without a session cookie to /login (pages still check the session in the database:
 *    this is only the fast path);
 *  - refuses a POST to a page (a server action, with or without JavaScript) that does not carry this app's own
 *    Origin: Next.js itself lets a request without Origin through, and compares with X-Forwarded-Host when present;
 *  - refuses a body over the upload limit with "tệp quá lớn", and a multipart body with a control character in a part
 *    header (a NUL in a file name), before Next.js's parser fails on them with a server error;
 *  - sets security headers, with a per-request nonce in the Content-Security-Policy for Next's inline scripts.
 */
import { type NextRequest, NextResponse } from "next/server";
import { getSessionCookie } from "better-auth/cookies";
import { isOwnOrigin } from "@/lib/auth/origins";
import { hasNul } from "@/lib/domain/text";
import { boundaryOf, partHeadersHaveControl } from "@/lib/web/multipart";
import { newNonce } from "@/lib/web/nonce";

/** next.config.ts's serverActions.bodySizeLimit: an import file (50 MB at most) and its form fields. */
const MAX_BODY_BYTES = 52 * 2 ** 20;

// The service worker, manifest, icons and offline page carry no data and must load without a session (and offline).
const PUBLIC_PATHS = [
  "/login", "/setup", "/api/auth", "/api/health", "/api/ready", "/api/v1", "/map", "/serwist", "/manifest.webmanifest", "/icons", "/offline.html",
];

function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return "\u0000";
  }
}

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // PostgreSQL cannot hold a NUL byte in text: no parameter may carry one (attack 11).
  if (hasNul(decodedPath(pathname)) || [...request.nextUrl.searchParams].some(([k, v]) => hasNul(k) || hasNul(v))) {
    const text = "Tham số không hợp lệ (chứa ký tự NUL).";
    return pathname.startsWith("/api/") ? NextResponse.json({ error: text }, { status: 400 }) : new NextResponse(text, { status: 400 });
  }
  if (request.method !== "GET" && request.method !== "HEAD" && !pathname.startsWith("/api/")) {
    if (!isOwnOrigin(request.headers.get("origin"))) return new NextResponse("Yêu cầu không hợp lệ (nguồn gửi không được phép).", { status: 403 });
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
      return new NextResponse("Tệp quá lớn: tối đa 50 MB.", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    const boundary = boundaryOf(request.headers.get("content-type"));
    if (boundary && partHeadersHaveControl(Buffer.from(await request.clone().arrayBuffer()), boundary)) {
      return new NextResponse("Tên tệp hoặc trường gửi lên không hợp lệ (chứa ký tự điều khiển).", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
  }
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
  requestHeaders.set("x-pathname", pathname); // the header marks the current page (components/site-header.tsx)
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
