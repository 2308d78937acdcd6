/** Authentication of /api/v1 requests: a session cookie or `Authorization: Bearer <personal token>`. */
import { viewerFromToken } from "@/lib/data/api-tokens";
import { type ActionFailureCode, failureOf } from "./action";
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
    return apiFailure(name, error);
  }
}

/**
 * The answer to a failure, classified by failureOf as for server actions: a DataError's status and message, 503 with
 * a Retry-After for a database outage, a JSON 500 (and a log line) for anything else. apiRoute answers what a handler
 * throws with it; a handler that catches a failure itself answers it the same way.
 */
export function apiFailure(name: string, error: unknown): Response {
  const failure = failureOf(name, error);
  if (failure.code === "UNAVAILABLE") {
    return Response.json({ error: DATABASE_UNAVAILABLE }, { status: 503, headers: { "Retry-After": "10" } });
  }
  if (failure.code === "UNEXPECTED") return jsonError(500, "Lỗi hệ thống ngoài dự kiến. Vui lòng thử lại.");
  return jsonError(FAILURE_STATUS[failure.code], failure.message);
}
