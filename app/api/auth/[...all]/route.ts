import { secondFactorRoute, signInRoute } from "@/lib/auth/sign-in";
import { faultJson } from "@/lib/web/fault-page";

export const dynamic = "force-dynamic";

/**
 * Of better-auth's endpoints only sign-in and its second step are reachable over HTTP (sign-out is a server action, sessions are read on
 * the server): e-mail sign-in, update-user, get-session, is-username-available and the rest answer 404.
 */
const notFound = () => Response.json({ message: "Không tìm thấy." }, { status: 404 });

export async function POST(request: Request, { params }: { params: Promise<{ all: string[] }> }) {
  const path = (await params).all.join("/");
  // The database down or the disk full: say so (503/507, Vietnamese), not an empty 500.
  if (path === "sign-in/username")
    return signInRoute(request).catch((error: unknown) => faultJson(error, "POST /api/auth/sign-in/username"));
  if (path === "two-factor/verify")
    return secondFactorRoute(request).catch((error: unknown) => faultJson(error, "POST /api/auth/two-factor/verify"));
  return notFound();
}

export { notFound as GET, notFound as PUT, notFound as PATCH, notFound as DELETE };
