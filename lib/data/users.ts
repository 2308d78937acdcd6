/** User administration (ADMIN only): list accounts, disable and enable them. */
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { canManageUsers } from "@/lib/domain/permissions";
import { hasNul } from "@/lib/domain/text";
import { optionalText } from "./text-input";
import { appendAudit } from "./audit-write";
import { db } from "./db";
import { transaction } from "./transaction";
import { DataError, forbidden } from "./errors";

export interface UserRow {
  id: string;
  username: string | null;
  name: string;
  role: "ADMIN" | "PROVINCE" | "COMMUNE" | "ANALYST";
  commune: string | null;
  disabled: boolean;
  activeSessions: number;
}

export async function listUsers(viewer: Viewer): Promise<UserRow[]> {
  if (!canManageUsers(viewer)) throw forbidden();
  const users = await db().prisma.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    select: {
      id: true, username: true, name: true, role: true, banned: true,
      orgUnit: { select: { name: true } },
      _count: { select: { sessions: { where: { expiresAt: { gt: now() } } } } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    name: u.name,
    role: u.role,
    commune: u.orgUnit?.name ?? null,
    disabled: !!u.banned,
    activeSessions: u._count.sessions,
  }));
}

/**
 * Disables (or enables) an account. Disabling ends every session of the user in the same transaction, so the
 * next request of a signed-in browser finds no session (SPEC §8), and revokes their API tokens for good; lib/auth
 * also refuses new sessions while banned.
 */
export async function setUserDisabled(viewer: Viewer, input: { userId: string; disabled: boolean; reason?: string | null }): Promise<{ changed: boolean; sessionsEnded: number }> {
  if (!canManageUsers(viewer)) throw forbidden();
  if (input.userId === viewer.id && input.disabled) throw new DataError("INVALID", "Không thể tự khoá tài khoản của chính mình.");
  if (input.userId.length > 100 || hasNul(input.userId)) throw new DataError("NOT_FOUND", "Không tìm thấy tài khoản.");
  const reason = optionalText(input.reason);
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, username: true, banned: true } });
    if (!user) throw new DataError("NOT_FOUND", "Không tìm thấy tài khoản.");
    const was = !!user.banned;
    let sessionsEnded = 0;
    let tokensRevoked = 0;
    if (input.disabled) {
      sessionsEnded = (await tx.session.deleteMany({ where: { userId: user.id } })).count;
      // Personal API tokens end with the account: enabling it again must not bring them back.
      tokensRevoked = (await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now() } })).count;
    }
    if (was === input.disabled) return { changed: false, sessionsEnded };
    await tx.user.update({
      where: { id: user.id },
      data: { banned: input.disabled, banReason: input.disabled ? reason : null },
    });
    await appendAudit(tx, viewer, {
      action: input.disabled ? "user.disable" : "user.enable",
      entity: "user",
      entityId: user.id,
      changes: {
        banned: { old: was, new: input.disabled },
        ...(input.disabled ? { sessions: { old: sessionsEnded, new: 0 }, apiTokens: { old: tokensRevoked, new: 0 } } : {}),
      },
      reason: reason ?? `tài khoản ${user.username}`,
    });
    return { changed: true, sessionsEnded };
  });
}
