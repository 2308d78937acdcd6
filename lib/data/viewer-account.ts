/** The account behind a session as the viewer needs it (lib/auth/viewer.ts), read on every request that renders. */
import type { Role } from "@/lib/domain/permissions";
import { pools } from "./pool";

export interface ViewerAccount {
  id: string;
  username: string | null;
  name: string;
  role: Role;
  banned: boolean | null;
  orgUnitId: number | null;
  communeCode: string | null;
  mustChangePassword: boolean;
  twoFactorEnabled: boolean | null;
}

const ACCOUNT_COLUMNS = `u.id, u.username, u.name, u.role::text AS role, u.banned, u.org_unit_id AS "orgUnitId",
  o.code AS "communeCode", u.must_change_password AS "mustChangePassword", u.two_factor_enabled AS "twoFactorEnabled"`;

/**
 * One statement on the primary, never the replica: a disabled account or a changed role counts from the next request.
 * (Through Prisma this was two statements, the user and its commune, each compiled by its query compiler.)
 */
export async function viewerAccount(userId: string): Promise<ViewerAccount | null> {
  const { rows } = await pools().pool.query<ViewerAccount>(
    `SELECT ${ACCOUNT_COLUMNS} FROM "user" u LEFT JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id = $1`,
    [userId],
  );
  return rows[0] ?? null;
}

/** A session and its account, found by the session's token (lib/auth/viewer.ts checks the session's rules). */
export interface SessionAccount {
  session: { id: string; expiresAt: Date; createdAt: Date; banned: boolean };
  account: ViewerAccount;
}

export async function sessionAccount(token: string): Promise<SessionAccount | null> {
  const { rows } = await pools().pool.query<ViewerAccount & { sessionId: string; expiresAt: Date; createdAt: Date }>(
    `SELECT s.id AS "sessionId", s.expires_at AS "expiresAt", s.created_at AS "createdAt", ${ACCOUNT_COLUMNS}
     FROM session s JOIN "user" u ON u.id = s.user_id LEFT JOIN org_unit o ON o.id = u.org_unit_id WHERE s.token = $1`,
    [token],
  );
  const row = rows[0];
  if (!row) return null;
  const { sessionId, expiresAt, createdAt, ...account } = row;
  return { session: { id: sessionId, expiresAt, createdAt, banned: !!account.banned }, account };
}
