/** Authentication of /api/v1 requests: a session cookie or `Authorization: Bearer <personal token>`. */
import { viewerFromToken } from "@/lib/data/api-tokens";
import { LOCALE_COOKIE, type Locale, resolveLocale } from "@/i18n/locale";
import { wordsIn } from "@/i18n/words";
import { type ActionFailureCode, failureOf, inLanguage } from "./action";
import { cookieValue } from "./session-cookie";
import { type Viewer, getViewer } from "./viewer";

export async function apiViewer(request: Request): Promise<Viewer | null> {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return viewerFromToken(header.slice(7).trim());
  const viewer = await getViewer();
  // An account still on its activation code reaches nothing but /activate.
  return viewer && !viewer.mustChangePassword ? viewer : null;
}

export function jsonError(status: number, message: string): Response {
  return Response.json({ error: message }, { status });
}

export const UNAUTHENTICATED = "Chưa đăng nhập hoặc mã truy cập (token) không hợp lệ.";

export const DATABASE_UNAVAILABLE = "Máy chủ dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút.";

/**
 * The language of an API answer's error: the language a browser session chose (the export page's download shows the
 * error), Vietnamese for a personal token or no cookie, as the README documents the API.
 */
export function apiLocale(request: Request): Locale {
  if (request.headers.get("authorization")) return "vi";
  return resolveLocale(cookieValue(request.headers.get("cookie") ?? undefined, LOCALE_COOKIE));
}

/** The API's own messages (the catalogue's `apiErrors`; the Vietnamese is the constants above). */
export function apiMessage(request: Request, key: "UNAUTHENTICATED" | "UNAVAILABLE" | "UNEXPECTED"): string {
  return wordsIn(apiLocale(request))(`apiErrors.${key}`);
}

/**
 * Every /api/v1 handler: a database outage (also while checking the session or token) is a 503 with the JSON error
 * body and a Retry-After, not Next.js's HTML error page; anything else unexpected is a JSON 500 and a log line.
 */
export function apiRoute(
  name: string,
  handler: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => noStore(await answer(name, handler, request));
}

/** Every answer of the API is one user's data: no cache (browser, proxy) keeps it (issue 29). */
function noStore(response: Response): Response {
  if (!response.headers.has("Cache-Control")) {
    try {
      response.headers.set("Cache-Control", "no-store");
    } catch {
      // Immutable headers (a fetched response passed on): wrap it.
      const headers = new Headers(response.headers);
      headers.set("Cache-Control", "no-store");
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
  }
  return response;
}

/** The HTTP status of each failure that lib/auth/action.ts's failureOf classifies (one classification for both). */
export const FAILURE_STATUS: Record<ActionFailureCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID: 422,
  LOCKED: 409,
  READ_ONLY: 409,
  CONFLICT: 409,
  WARNINGS: 422,
  BUSY: 429,
  UNAVAILABLE: 503,
  DISK_FULL: 507,
  UNEXPECTED: 500,
};

async function answer(
  name: string,
  handler: (request: Request) => Promise<Response>,
  request: Request,
): Promise<Response> {
  try {
    return await handler(request);
  } catch (error) {
    return apiFailure(name, error, request);
  }
}

/**
 * The answer to a failure, classified by failureOf as for server actions: a DataError's status and message, 503 with
 * a Retry-After for a database outage, a JSON 500 (and a log line) for anything else. apiRoute answers what a handler
 * throws with it; a handler that catches a failure itself answers it the same way.
 */
export function apiFailure(name: string, error: unknown, request?: Request): Response {
  const failure = failureOf(name, error);
  const locale = request ? apiLocale(request) : "vi";
  const words = wordsIn(locale);
  if (failure.code === "UNAVAILABLE") {
    return Response.json({ error: words("apiErrors.UNAVAILABLE") }, { status: 503, headers: { "Retry-After": "10" } });
  }
  if (failure.code === "UNEXPECTED") return jsonError(500, words("apiErrors.UNEXPECTED"));
  return jsonError(FAILURE_STATUS[failure.code], inLanguage(failure, locale).message);
}
