import { signInRoute } from "@/lib/auth/sign-in";
import { faultJson } from "@/lib/web/fault-page";

export const dynamic = "force-dynamic";

/**
 * Of better-auth's endpoints only sign-in is reachable over HTTP (sign-out is a server action, sessions are read on
 * the server): e-mail sign-in, update-user, get-session, is-username-available and the rest answer 404.
 */
const notFound = () => Response.json({ message: "Không tìm thấy." }, { status: 404 });

export async function POST(request: Request, { params }: { params: Promise<{ all: string[] }> }) {
  const path = (await params).all.join("/");
  if (path !== "sign-in/username") return notFound();
  // The database down or the disk full: say so (503/507, Vietnamese), not an empty 500.
  return signInRoute(request).catch((error: unknown) => faultJson(error, "POST /api/auth/sign-in/username"));
}

export { notFound as GET, notFound as PUT, notFound as PATCH, notFound as DELETE };
