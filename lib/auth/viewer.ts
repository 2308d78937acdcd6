/**
 * The signed-in user as the data layer sees them. Every lib/data function that reads or writes
 * commune data takes a Viewer and scopes its query by role and commune.
 */
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/data/db";
import { secondFactorRoles } from "@/lib/data/two-factor";
import { type ViewerAccount, sessionAccount, viewerAccount } from "@/lib/data/viewer-account";
import { appBaseURL } from "./origins";
import { sessionServable, signedSessionToken } from "./session-cookie";
import { auth } from "./server";
import { pastAbsoluteLifetime } from "./session-rules";
import { now } from "@/lib/clock";

export type Role = "ADMIN" | "PROVINCE" | "COMMUNE" | "ANALYST";

export interface Viewer {
  id: string;
  username: string;
  name: string;
  role: Role;
  /** The commune a COMMUNE user is bound to (null for other roles). */
  orgUnitId: number | null;
  communeCode: string | null;
  /**
   * Signed in with a one-time activation code: must choose a password before anything else (requireViewer sends
   * them to /activate; server actions refuse). Absent means false.
   */
  mustChangePassword?: boolean;
  /** Signs in with a second factor (TOTP). */
  twoFactorEnabled?: boolean;
  /** The session of this request (to keep it when the user changes their password and every other one ends). */
  sessionId?: string;
}

/**
 * The viewer of this request, or null. Checked against the database once per request. (The page cache in
 * scripts/server.ts applies the same session rules without better-auth: lib/auth/session-cookie.ts.)
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // The cookies as this request now has them: a server action that replaced the session (better-auth rotates it when a
  // second factor is turned on or off) re-renders the page with the new cookie, which the raw header does not carry.
  const h = new Headers(await headers());
  const jar = (await cookies()).toString();
  if (jar) h.set("cookie", jar);
  // The rules the page cache applies (lib/auth/session-cookie.ts): a signed cookie whose session is live, within its
  // lifetimes, of an account not disabled and not due for its sliding renewal is checked in one statement. Anything
  // else (no cookie, a renewal due, an ended session) goes to better-auth, which decides, renews or refuses.
  const secret = process.env.BETTER_AUTH_SECRET;
  const token = secret
    ? signedSessionToken(h.get("cookie") ?? undefined, secret, appBaseURL().startsWith("https:"))
    : null;
  const found = token ? await sessionAccount(token) : null;
  if (found && sessionServable(found.session, now())) return viewerOf(found.account, found.session.id);
  const session = await auth().api.getSession({ headers: h });
  if (!session) return null;
  const s = session.session;
  if (pastAbsoluteLifetime(new Date(s.createdAt), now())) {
    // Past the absolute lifetime: end it even if it was used recently.
    await db().prisma.session.deleteMany({ where: { id: s.id } });
    return null;
  }
  const user = await viewerAccount(session.user.id);
  return user && !user.banned ? viewerOf(user, s.id) : null;
});

function viewerOf(user: ViewerAccount, sessionId: string): Viewer {
  return {
    id: user.id,
    username: user.username ?? "",
    name: user.name,
    role: user.role,
    orgUnitId: user.orgUnitId,
    communeCode: user.communeCode,
    mustChangePassword: user.mustChangePassword,
    twoFactorEnabled: !!user.twoFactorEnabled,
    sessionId,
  };
}

/**
 * For pages: the viewer, or a redirect to the login page; to /activate while a password must be chosen; to /profile
 * while the account's role requires a second factor it has not enrolled (lib/data/two-factor.ts).
 */
export async function requireViewer(options: { enrolling?: boolean } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (viewer.mustChangePassword) redirect("/activate");
  if (!viewer.twoFactorEnabled && !options.enrolling && (await secondFactorRoles()).includes(viewer.role))
    redirect("/profile?xac-thuc-hai-lop=bat-buoc");
  return viewer;
}
