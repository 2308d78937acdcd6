/**
 * The second factor (TOTP, better-auth's two-factor plugin): which roles must have one, and an administrator's reset.
 * Enrolment and sign-in go through better-auth (app/profile/actions.ts, lib/auth/sign-in.ts).
 *
 * TWO_FACTOR_REQUIRED names the roles that must enrol ("ADMIN,PROVINCE", or "none"); unset, administrators must on a
 * real installation (no demo account left), and nobody must on a demo.
 */
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { type Role, canManageUsers } from "@/lib/domain/permissions";
import { appendAudit } from "./audit-write";
import { endAccess, findAccount } from "./accounts";
import { forbidden } from "./errors";
import { transaction } from "./transaction";
import { demoAccountCount } from "./users";

const CACHE_MS = 30_000;
let cached: { at: number; roles: Role[] } | null = null;

export function parseRequiredRoles(setting: string): Role[] {
  if (setting.trim().toLowerCase() === "none") return [];
  return setting
    .split(",")
    .map((r) => r.trim().toUpperCase())
    .filter((r): r is Role => ["ADMIN", "PROVINCE", "ANALYST", "COMMUNE"].includes(r));
}

/** The roles whose accounts must sign in with a second factor. */
export async function secondFactorRoles(): Promise<Role[]> {
  const setting = process.env.TWO_FACTOR_REQUIRED;
  if (setting && setting.trim()) return parseRequiredRoles(setting);
  const t = Date.now();
  if (cached && t - cached.at < CACHE_MS) return cached.roles;
  const roles: Role[] = (await demoAccountCount()) > 0 ? [] : ["ADMIN"];
  cached = { at: t, roles };
  return roles;
}

/** An administrator removes a user's second factor (lost phone): the user enrols again; their sessions end. */
export async function resetSecondFactor(viewer: Viewer, id: unknown): Promise<{ changed: boolean }> {
  if (!canManageUsers(viewer)) throw forbidden();
  return transaction(async (tx) => {
    const user = await findAccount(tx, id);
    const removed = await tx.twoFactor.deleteMany({ where: { userId: user.id } });
    if (!user.twoFactorEnabled && removed.count === 0) return { changed: false };
    await tx.user.update({ where: { id: user.id }, data: { twoFactorEnabled: false, updatedAt: now() } });
    const ended = await endAccess(tx, user.id);
    await appendAudit(tx, viewer, {
      action: "user.2fa.reset",
      entity: "user",
      entityId: user.id,
      changes: { sessions: { old: ended.sessions, new: 0 } },
      reason: `Đặt lại xác thực hai lớp của tài khoản ${user.words}`,
    });
    return { changed: true };
  });
}

/** Audit rows for enrolment and removal by the user (better-auth made the change). */
export async function auditOwnSecondFactor(viewer: Viewer, enabled: boolean): Promise<void> {
  await transaction((tx) =>
    appendAudit(tx, viewer, {
      action: enabled ? "user.2fa.enable" : "user.2fa.disable",
      entity: "user",
      entityId: viewer.id,
      reason: `Tài khoản ${viewer.username} ${enabled ? "bật" : "tắt"} xác thực hai lớp`,
    }),
  );
}
