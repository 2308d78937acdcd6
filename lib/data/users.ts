/** User administration (ADMIN only): list accounts, disable and enable them, set the address notices are mailed to. */
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { EMAIL_RULES, ZNoticeEmail, isMailable } from "@/lib/domain/notices";
import { canManageUsers } from "@/lib/domain/permissions";
import { hasNul } from "@/lib/domain/text";
import { optionalText } from "./text-input";
import { appendAudit } from "./audit-write";
import { db } from "./db";
import { transaction } from "./transaction";
import { keepOneAdministrator } from "./accounts";
import { DEMO_EMAIL_DOMAIN, isDemoAccount } from "@/lib/domain/installation";
import { current } from "@/lib/domain/login-throttle";
import { DataError, forbidden, schemaRefusal } from "./errors";

export interface UserRow {
  id: string;
  username: string | null;
  name: string;
  role: "ADMIN" | "PROVINCE" | "COMMUNE" | "ANALYST";
  commune: string | null;
  /** Where notices are mailed (lib/mail/notices), or null when the account has no address that can receive mail. */
  email: string | null;
  disabled: boolean;
  activeSessions: number;
  communeCode: string | null;
  /** Waiting to be activated: its activation code, until when it signs in (null once used or when none is pending). */
  activation: { expiresAt: Date | null; used: boolean } | null;
  lastSignInAt: Date | null;
  twoFactor: boolean;
  /** Failed sign-ins the throttle holds against the account (any address), now. */
  failedSignIns: number;
}

export async function listUsers(viewer: Viewer): Promise<UserRow[]> {
  if (!canManageUsers(viewer)) throw forbidden();
  const users = await db().prisma.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    select: {
      id: true,
      username: true,
      name: true,
      role: true,
      banned: true,
      email: true,
      mustChangePassword: true,
      activationExpiresAt: true,
      activationUsedAt: true,
      lastSignInAt: true,
      twoFactorEnabled: true,
      orgUnit: { select: { name: true, code: true } },
      _count: { select: { sessions: { where: { expiresAt: { gt: now() } } } } },
    },
  });
  const throttle = await db().prisma.rateLimit.findMany({
    where: { key: { startsWith: "login-" } },
    select: { key: true, count: true, lastRequest: true },
  });
  // The most failures held against each account, overall or from one address (lib/data/login-throttle.ts's keys).
  const failures = new Map<string, number>();
  for (const t of throttle) {
    const key = /^login-(?:account:(.+)|pair:(.+)\|)/.exec(t.key);
    const username = key?.[1] ?? key?.[2];
    const count = current({ count: t.count, last: Number(t.lastRequest) }, now().getTime());
    if (username && count > 0) failures.set(username, Math.max(failures.get(username) ?? 0, count));
  }
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    name: u.name,
    role: u.role,
    commune: u.orgUnit?.name ?? null,
    email: isMailable(u.email) ? u.email : null,
    disabled: !!u.banned,
    activeSessions: u._count.sessions,
    communeCode: u.orgUnit?.code ?? null,
    activation: u.mustChangePassword ? { expiresAt: u.activationExpiresAt, used: u.activationUsedAt !== null } : null,
    lastSignInAt: u.lastSignInAt,
    twoFactor: !!u.twoFactorEnabled,
    failedSignIns: failures.get((u.username ?? "").toLowerCase()) ?? 0,
  }));
}

/**
 * Disables (or enables) an account. Disabling ends every session of the user in the same transaction, so the
 * next request of a signed-in browser finds no session (SPEC §8), and revokes their API tokens for good; lib/auth
 * also refuses new sessions while banned.
 */
export async function setUserDisabled(
  viewer: Viewer,
  input: { userId: string; disabled: boolean; reason?: string | null },
): Promise<{ changed: boolean; sessionsEnded: number }> {
  if (!canManageUsers(viewer)) throw forbidden();
  if (input.userId === viewer.id && input.disabled) throw new DataError("INVALID", { key: "users.cannotLockSelf" });
  if (input.userId.length > 100 || hasNul(input.userId)) throw new DataError("NOT_FOUND", { key: "accountNotFound" });
  const reason = optionalText(input.reason);
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, username: true, banned: true, role: true },
    });
    if (!user) throw new DataError("NOT_FOUND", { key: "accountNotFound" });
    const was = !!user.banned;
    if (input.disabled && !was && user.role === "ADMIN") await keepOneAdministrator(tx, user.id);
    let sessionsEnded = 0;
    let tokensRevoked = 0;
    if (input.disabled) {
      sessionsEnded = (await tx.session.deleteMany({ where: { userId: user.id } })).count;
      // Personal API tokens end with the account: enabling it again must not bring them back.
      tokensRevoked = (
        await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now() } })
      ).count;
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
        ...(input.disabled
          ? { sessions: { old: sessionsEnded, new: 0 }, apiTokens: { old: tokensRevoked, new: 0 } }
          : {}),
      },
      reason: reason ?? `tài khoản ${user.username}`,
    });
    return { changed: true, sessionsEnded };
  });
}

/**
 * Sets the address an account's notices are mailed to (the account's e-mail; sign-in is by username only, so it is
 * used for nothing else). One address per account, as better-auth requires.
 */
export async function setUserEmail(
  viewer: Viewer,
  input: { userId: string; email: string },
): Promise<{ changed: boolean }> {
  if (!canManageUsers(viewer)) throw forbidden();
  if (input.userId.length > 100 || hasNul(input.userId)) throw new DataError("NOT_FOUND", { key: "accountNotFound" });
  const parsed = ZNoticeEmail.safeParse(input.email);
  if (!parsed.success) throw schemaRefusal("email", EMAIL_RULES, parsed.error);
  const email = parsed.data;
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, username: true, email: true },
    });
    if (!user) throw new DataError("NOT_FOUND", { key: "accountNotFound" });
    if (user.email === email) return { changed: false };
    const taken = await tx.user.findFirst({
      where: { email: { equals: email, mode: "insensitive" }, id: { not: user.id } },
      select: { id: true },
    });
    if (taken) throw new DataError("INVALID", { key: "users.emailTaken" });
    await tx.user.update({ where: { id: user.id }, data: { email, updatedAt: now() } });
    await appendAudit(tx, viewer, {
      action: "user.email",
      entity: "user",
      entityId: user.id,
      changes: { email: { old: user.email, new: email } },
      reason: `tài khoản ${user.username}`,
    });
    return { changed: true };
  });
}

/** Demo accounts still active, by lib/domain/installation.ts's rule: the header warns administrators. */
export async function demoAccountCount(): Promise<number> {
  const candidates = await db().prisma.user.findMany({
    where: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` }, banned: { not: true } },
    select: { username: true, email: true },
  });
  return candidates.filter(isDemoAccount).length;
}
