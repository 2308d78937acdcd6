/**
 * Runs before every request (Next 16 "proxy", on Node):
 *  - sends visitors without a session cookie to /login (pages still check the session in the database:
 *    this is only the fast path);
 *  - refuses a POST to a page (a server action, with or without JavaScript) that does not carry this app's own
 *    Origin: Next.js itself lets a request without Origin through, and compares with X-Forwarded-Host when present;
 *  - refuses an anonymous upload before reading it, a body over the upload limit (counted as it streams) with "tệp quá
 *    lớn", and a body Next.js's parser would fail on (a NUL in a file name, a truncated multipart, invalid or deeply
 *    nested JSON) with a 4xx and a message (refuseAction);
 *  - sets security headers, with a per-request nonce in the Content-Security-Policy for Next's inline scripts.
 */
import { type NextRequest, NextResponse } from "next/server";
import { getSessionCookie } from "better-auth/cookies";
import { originRefusal } from "@/lib/auth/origins";
import { hasNul } from "@/lib/domain/text";
import { BodyTooLarge, readBodyChunks } from "@/lib/web/body";
import { actionBodyProblemInChunks } from "@/lib/web/multipart";
import { newNonce } from "@/lib/web/nonce";
import { isEmbedPath, isPublicPath } from "@/lib/domain/public-route";

/** next.config.ts's serverActions.bodySizeLimit: an import file (50 MB at most) and its form fields. */
const MAX_BODY_BYTES = 52 * 2 ** 20;
/** A server action's arguments without a file (JSON): a month form's save is a few KB. */
const MAX_ACTION_JSON_BYTES = 1 * 2 ** 20;

const TEXT = { "Content-Type": "text/plain; charset=utf-8" };
/** The first-run form's fields (token, username, name, password twice), with room to spare. */
const SETUP_BODY_BYTES = 16 * 1024;
const TOO_LARGE = "Tệp quá lớn: tối đa 50 MB.";
const BAD_REQUEST = "Yêu cầu không hợp lệ (nội dung gửi lên không đúng định dạng).";
const SIGNED_OUT = "Phiên đăng nhập đã kết thúc hoặc chưa đăng nhập. Vui lòng đăng nhập lại.";

/**
 * A POST to a page (a server action) that Next.js would answer with a server error, answered here with a 4xx and a
 * Vietnamese message: another origin, or this origin under another Host (Next.js compares the two); a form upload
 * without a session (checked before anything of the body is read); a body over the limit, counted as it streams in
 * (chunked bodies declare no length); a body Next.js's decoder fails on (lib/web/multipart actionBodyProblem).
 */
async function refuseAction(request: NextRequest): Promise<NextResponse | null> {
  const refusal = originRefusal(request.headers.get("origin"), request.headers.get("host"));
  if (refusal) return new NextResponse(refusal, { status: 403, headers: TEXT });
  const contentType = request.headers.get("content-type");
  const multipart = /^multipart\/form-data/i.test(contentType ?? "");
  // The forms sent without a session: the first-run form (/setup) and the header's language switch on the sign-in
  // page (/login, whose own form posts to /api/auth): a few fields, so a small limit.
  const withoutSession = request.nextUrl.pathname === "/setup" || request.nextUrl.pathname === "/login";
  if (multipart && !withoutSession && !getSessionCookie(request))
    return new NextResponse(SIGNED_OUT, { status: 401, headers: TEXT });
  const isAction = request.headers.has("next-action");
  if (!multipart && !isAction) return null; // a plain form post to a page: Next.js renders the page
  const limit = withoutSession ? SETUP_BODY_BYTES : multipart ? MAX_BODY_BYTES : MAX_ACTION_JSON_BYTES;
  let body: Buffer[];
  try {
    body = await readBodyChunks(request.clone(), limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) return new NextResponse(TOO_LARGE, { status: 413, headers: TEXT });
    throw error;
  }
  const problem = actionBodyProblemInChunks(contentType, body);
  if (problem === "control character in a part header") {
    return new NextResponse("Tên tệp hoặc trường gửi lên không hợp lệ (chứa ký tự điều khiển).", {
      status: 400,
      headers: TEXT,
    });
  }
  return problem ? new NextResponse(BAD_REQUEST, { status: 400, headers: TEXT }) : null;
}

// The service worker, manifest, icons and offline page carry no data and must load without a session (and offline).
const PUBLIC_PATHS = [
  "/login",
  "/setup",
  "/api/auth",
  "/api/health",
  "/api/ready",
  "/api/v1",
  "/map",
  "/serwist",
  "/manifest.webmanifest",
  "/icons",
  "/icon.svg",
  "/offline.html",
  // The public view (issue 26), its robots rule and sitemap: read-only, no session.
  "/cong-khai",
  "/robots.txt",
  "/sitemap.xml",
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
    return pathname.startsWith("/api/")
      ? NextResponse.json({ error: text }, { status: 400 })
      : new NextResponse(text, { status: 400 });
  }
  // The public view only reads: no form, no server action, whatever a request claims.
  if (isPublicPath(pathname) && request.method !== "GET" && request.method !== "HEAD") {
    return new NextResponse("Trang công khai chỉ để xem.", { status: 405, headers: { ...TEXT, Allow: "GET, HEAD" } });
  }
  if (request.method !== "GET" && request.method !== "HEAD" && !pathname.startsWith("/api/")) {
    const refused = await refuseAction(request);
    if (refused) return refused;
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
    // Only the public embed pages may be framed, by any site (a news article); nothing else, ever.
    isEmbedPath(pathname) ? "frame-ancestors *" : "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-pathname", pathname); // the header marks the current page (components/site-header.tsx)
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (!isEmbedPath(pathname)) response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  return response;
}

/**
 * Not the two import uploads, /import/upload (lib/web/import-upload.ts) and /api/v1/import (lib/web/import-api.ts):
 * Next.js copies the whole body of every request the proxy runs for, on the request thread, even when the proxy never
 * reads it, and hands the route only the first proxyClientMaxBodySize (52 MB) of it: an administrator's file of up to
 * 100 MB arrived cut. Both routes check origin, session or token, role and size themselves.
 */
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|import/upload$|api/v1/import$).*)"],
};
