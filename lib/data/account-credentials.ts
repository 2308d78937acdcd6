/**
 * An account's password and access: the password policy applied with the account's own names, the credential row,
 * ending every session and token of an account, and the owner changing their password (or choosing their first one
 * after an activation code). ./accounts.ts uses these for every account it makes or changes.
 */
import { randomUUID } from "node:crypto";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import type { Prisma } from "@/generated/prisma/client";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { newPasswordRefusal, normalizePassword, passwordRefusal } from "@/lib/domain/password-policy";
import { appendAudit } from "./audit-write";
import { DataError, ruleRefusal } from "./errors";
import { transaction } from "./transaction";

type Tx = Prisma.TransactionClient;

/** The province every account belongs to (SPEC: one installation, one province). */
export const PROVINCE_NAME = "Lai Châu";

/** The names a password of this account may not contain: the province's, the commune's, the person's. */
async function namesFor(tx: Tx, user: { name: string; orgUnitId: number | null }): Promise<string[]> {
  const names = [PROVINCE_NAME, user.name];
  if (user.orgUnitId !== null) {
    const unit = await tx.orgUnit.findUnique({ where: { id: user.orgUnitId }, select: { name: true, fullName: true } });
    if (unit) names.push(unit.name, unit.fullName);
  }
  return names;
}

/** The account's password checked against the policy, or a refusal with its reason. */
export async function checkPassword(
  tx: Tx,
  user: { username: string; name: string; orgUnitId: number | null },
  password: string,
  confirmation?: string,
): Promise<string> {
  const context = { username: user.username, names: await namesFor(tx, user), isCommon: isCommonPassword };
  const refusal =
    confirmation === undefined
      ? passwordRefusal(password, context)
      : newPasswordRefusal(password, confirmation, context);
  if (refusal) throw ruleRefusal("password", refusal);
  return normalizePassword(password);
}

/** Ends every session and API token of a user: a change of what they may do takes effect on their next request. */
export async function endAccess(
  tx: Tx,
  id: string,
  except?: { sessionId: string },
): Promise<{ sessions: number; tokens: number }> {
  const sessions = await tx.session.deleteMany({
    where: { userId: id, ...(except ? { id: { not: except.sessionId } } : {}) },
  });
  const tokens = await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now() } });
  return { sessions: sessions.count, tokens: tokens.count };
}

export async function setCredential(tx: Tx, id: string, hash: string): Promise<void> {
  const updated = await tx.account.updateMany({
    where: { userId: id, providerId: "credential" },
    data: { password: hash, updatedAt: now() },
  });
  if (updated.count === 0) await tx.account.create({ data: credentialData(id, hash, now()) });
}

/** A new account's credential row (better-auth's `account`, provider "credential"). */
export function credentialData(userId: string, passwordHash: string, at: Date) {
  return {
    id: randomUUID(),
    accountId: userId,
    providerId: "credential",
    userId,
    password: passwordHash,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The signed-in user changes their password (the current one, the new one twice), or chooses their first one after
 * signing in with an activation code (no current password then). Every other session and every API token ends.
 */
export async function changeOwnPassword(
  viewer: Viewer,
  input: { current?: string | null; next: string; confirmation: string; sessionId: string },
): Promise<{ sessionsEnded: number }> {
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: viewer.id },
      select: {
        id: true,
        username: true,
        name: true,
        role: true,
        orgUnitId: true,
        mustChangePassword: true,
        accounts: { where: { providerId: "credential" }, select: { password: true } },
      },
    });
    if (!user) throw new DataError("NOT_FOUND", { key: "accountNotFound" });
    if (!user.mustChangePassword) {
      const hash = user.accounts[0]?.password;
      const current = typeof input.current === "string" ? normalizePassword(input.current) : "";
      if (!hash || !current || current.length > 1000 || !(await verifyPassword({ hash, password: current }))) {
        throw new DataError("INVALID", { key: "wrongPassword" });
      }
      if (normalizePassword(input.next) === current) throw new DataError("INVALID", { key: "samePassword" });
    }
    const password = await checkPassword(
      tx,
      { username: user.username ?? "", name: user.name, orgUnitId: user.orgUnitId },
      input.next,
      input.confirmation,
    );
    await setCredential(tx, user.id, await hashPassword(password));
    const first = user.mustChangePassword;
    await tx.user.update({
      where: { id: user.id },
      data: {
        mustChangePassword: false,
        activationCodeHash: null,
        activationExpiresAt: null,
        activationUsedAt: null,
        updatedAt: now(),
      },
    });
    const ended = await endAccess(tx, user.id, { sessionId: input.sessionId });
    await appendAudit(tx, viewer, {
      action: first ? "user.activate" : "user.password",
      entity: "user",
      entityId: user.id,
      changes: { sessions: { old: ended.sessions + 1, new: 1 } },
      reason: first
        ? `Tài khoản ${user.username} đã kích hoạt, tự chọn mật khẩu`
        : `Tài khoản ${user.username} đổi mật khẩu`,
    });
    return { sessionsEnded: ended.sessions };
  });
}
