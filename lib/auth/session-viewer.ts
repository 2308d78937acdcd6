/**
 * The session check of pages and actions (lib/auth/viewer.ts), from request headers: better-auth verifies the signed
 * cookie, finds the session in the database and slides its expiry; this adds the absolute lifetime and the disabled
 * flag, read fresh from the user row. (The page cache in scripts/server.ts applies the same rules without better-auth:
 * lib/auth/session-cookie.ts.)
 */
import { db } from "@/lib/data/db";
import { ABSOLUTE_SECONDS, auth } from "./server";
import type { Viewer } from "./viewer-types";

export async function viewerForHeaders(headers: Headers): Promise<Viewer | null> {
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  const s = session.session;
  if (Date.now() - new Date(s.createdAt).getTime() > ABSOLUTE_SECONDS * 1000) {
    // Past the absolute lifetime: end it even if it was used recently.
    await db().prisma.session.deleteMany({ where: { id: s.id } });
    return null;
  }
  const user = await db().prisma.user.findUnique({
    where: { id: session.user.id },
    select: { id: true, username: true, name: true, role: true, banned: true, orgUnitId: true, orgUnit: { select: { code: true } } },
  });
  if (!user || user.banned) return null;
  return {
    id: user.id,
    username: user.username ?? "",
    name: user.name,
    role: user.role,
    orgUnitId: user.orgUnitId,
    communeCode: user.orgUnit?.code ?? null,
  };
}
