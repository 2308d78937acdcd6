/** Authentication of /api/v1 requests: a session cookie or `Authorization: Bearer <personal token>`. */
import { viewerFromToken } from "@/lib/data/api-tokens";
import { type Viewer, getViewer } from "./viewer";

export async function apiViewer(request: Request): Promise<Viewer | null> {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return viewerFromToken(header.slice(7).trim());
  return getViewer();
}

export function jsonError(status: number, message: string): Response {
  return Response.json({ error: message }, { status });
}

export const UNAUTHENTICATED = "Chưa đăng nhập hoặc mã truy cập (token) không hợp lệ.";
