/**
 * The session check, from request headers alone: used by pages (lib/auth/viewer.ts) and by the page cache in front of
 * Next.js (scripts/server.ts). better-auth verifies the signed cookie and finds the session in the database; this adds
 * the absolute lifetime and the disabled flag, read fresh from the user row.
 */
import { db } from "@/lib/data/db";
import { ABSOLUTE_SECONDS, auth } from "./server";
import type { Viewer } from "./viewer-types";

export interface SessionCheck {
  viewer: Viewer | null;
  /** Set-Cookie headers better-auth produced (it slides the session's expiry every few minutes). */
  setCookies: string[];
}

export async function viewerForHeaders(headers: Headers): Promise<SessionCheck> {
  const { headers: out, response: session } = await auth().api.getSession({ headers, returnHeaders: true });
  const setCookies = out.getSetCookie();
  if (!session) return { viewer: null, setCookies };
  const s = session.session;
  if (Date.now() - new Date(s.createdAt).getTime() > ABSOLUTE_SECONDS * 1000) {
    // Past the absolute lifetime: end it even if it was used recently.
    await db().prisma.session.deleteMany({ where: { id: s.id } });
    return { viewer: null, setCookies };
  }
  const user = await db().prisma.user.findUnique({
    where: { id: session.user.id },
    select: { id: true, username: true, name: true, role: true, banned: true, orgUnitId: true, orgUnit: { select: { code: true } } },
  });
  if (!user || user.banned) return { viewer: null, setCookies };
  return {
    viewer: {
      id: user.id,
      username: user.username ?? "",
      name: user.name,
      role: user.role,
      orgUnitId: user.orgUnitId,
      communeCode: user.orgUnit?.code ?? null,
    },
    setCookies,
  };
}
