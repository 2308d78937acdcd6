/**
 * Accounts: created by an administrator (with a one-time activation code), from the console (with a password the
 * operator chose), or once by the first-run setup; reset, moved between roles and communes, unlocked; passwords chosen
 * and changed by their owners. Every change that alters what an account may do ends its sessions and API tokens in the
 * same transaction, and leaves an audit row in words.
 *
 * An activation code is kept as its SHA-256 (`activation_code_hash`) with `must_change_password` set, while the
 * account's password is one nobody knows: the person signs in with the code through the ordinary (throttled) sign-in,
 * once (lib/auth/sign-in.ts), within ACTIVATION_HOURS, and must then choose a password before any page
 * (lib/auth/viewer.ts). An administrator never sees a password.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Prisma } from "@/generated/prisma/client";
import { activationCodeHash, newActivationCode } from "@/lib/auth/secrets";
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import {
  ACCOUNT_RULES,
  ACTIVATION_HOURS,
  ZAccountName,
  accountWords,
  communeRefusal,
  normalizeUsername,
  suggestUsername,
  usernameRefusal,
} from "@/lib/domain/accounts";
import { EMAIL_RULES, ZNoticeEmail } from "@/lib/domain/notices";
import { type Role, canManageUsers } from "@/lib/domain/permissions";
import { hasNul } from "@/lib/domain/text";
import { appendAudit } from "./audit-write";
import { accountKey, pairKey } from "./login-throttle";
import { DataError, forbidden, ruleRefusal, schemaRefusal } from "./errors";
import { transaction } from "./transaction";
import {
  PROVINCE_NAME,
  changeOwnPassword,
  checkPassword,
  credentialData,
  endAccess,
  setCredential,
} from "./account-credentials";

export { PROVINCE_NAME, changeOwnPassword, checkPassword, credentialData, endAccess };

/** Serialises every change that could leave the installation without an active administrator. */
export const ADMIN_LOCK_KEY = 0x7a6b_0001;

export interface NewAccountInput {
  username?: string | null;
  name: string;
  role: Role;
  /** The commune's code (commune accounts only). */
  communeCode?: string | null;
  email?: string | null;
}

export interface IssuedCode {
  userId: string;
  username: string;
  name: string;
  role: Role;
  communeName: string | null;
  /** Shown once to the administrator, never stored in clear. */
  activationCode: string;
  expiresAt: Date;
}

type Tx = Prisma.TransactionClient;

const notFound = () => new DataError("NOT_FOUND", { key: "accountNotFound" });

/** An account as the administrator's actions need it, with its name in words for the audit log; refused when unknown. */
export async function findAccount(tx: Tx, id: unknown) {
  if (typeof id !== "string" || id.length === 0 || id.length > 100 || hasNul(id)) throw notFound();
  const user = await tx.user.findUnique({
    where: { id },
    select: {
      id: true,
      username: true,
      name: true,
      role: true,
      banned: true,
      orgUnitId: true,
      twoFactorEnabled: true,
      orgUnit: { select: { fullName: true } },
    },
  });
  if (!user) throw notFound();
  const username = user.username ?? "";
  const communeName = user.orgUnit?.fullName ?? null;
  return { ...user, username, communeName, words: accountWords({ username, role: user.role, communeName }) };
}

async function communeOf(tx: Tx, code: string | null | undefined): Promise<{ id: number; name: string } | null> {
  if (!code) return null;
  const c = String(code).trim();
  if (!/^\d{5}$/.test(c))
    throw new DataError("INVALID", { key: "accounts.badCommuneCode", values: { code: c.slice(0, 20) } });
  const unit = await tx.orgUnit.findFirst({
    where: { code: c, level: "COMMUNE" },
    select: { id: true, fullName: true },
  });
  if (!unit) throw new DataError("INVALID", { key: "accounts.noCommune", values: { code: c } });
  return { id: unit.id, name: unit.fullName };
}

let unusable: Promise<string> | null = null;

/**
 * A password hash that no one can sign in with (the hash of 32 random bytes, made once per process): the credential
 * of an account waiting for activation, and of one whose activation code has been used.
 */
export function unusablePasswordHash(): Promise<string> {
  unusable ??= hashPassword(randomBytes(32).toString("base64"));
  return unusable;
}

/** A new activation code for an account: the code (to show once) and what is stored. */
export function issueActivation(): {
  code: string;
  data: { mustChangePassword: true; activationCodeHash: string; activationExpiresAt: Date; activationUsedAt: null };
} {
  const code = newActivationCode();
  return {
    code,
    data: {
      mustChangePassword: true,
      activationCodeHash: activationCodeHash(code),
      activationExpiresAt: activationExpiry(),
      activationUsedAt: null,
    },
  };
}

interface InsertInput {
  username: string;
  name: string;
  role: Role;
  orgUnitId: number | null;
  email: string | null;
  passwordHash: string;
  activation?: ReturnType<typeof issueActivation>["data"];
}

/** A new account's user row, as every way of creating one writes it (insertAccount, the staff list's bulk insert). */
export function newUserData(input: Omit<InsertInput, "passwordHash"> & { id: string; at: Date }) {
  return {
    id: input.id,
    name: input.name,
    username: input.username,
    displayUsername: input.username,
    role: input.role,
    orgUnitId: input.orgUnitId,
    // better-auth requires a unique e-mail; an account without one gets an address that can receive nothing.
    email: input.email ?? `${input.username}@noreply.invalid`,
    emailVerified: false,
    banned: false,
    ...(input.activation ?? {}),
    createdAt: input.at,
    updatedAt: input.at,
  };
}

/** One account with its checks (web, console, setup): the username and e-mail free, then the user row and its credential. */
export async function insertAccount(tx: Tx, input: InsertInput): Promise<string> {
  const id = randomUUID();
  const at = now();
  const taken = await tx.user.findFirst({
    where: { username: { equals: input.username, mode: "insensitive" } },
    select: { id: true },
  });
  if (taken) throw new DataError("INVALID", { key: "accounts.usernameTaken", values: { username: input.username } });
  if (input.email) {
    const mail = await tx.user.findFirst({
      where: { email: { equals: input.email, mode: "insensitive" } },
      select: { id: true },
    });
    if (mail) throw new DataError("INVALID", { key: "users.emailTaken" });
  }
  await tx.user.create({ data: newUserData({ ...input, id, at }) });
  await tx.account.create({ data: credentialData(id, input.passwordHash, at) });
  return id;
}

function activationExpiry(): Date {
  return new Date(now().getTime() + ACTIVATION_HOURS * 3600_000);
}

async function parseNewAccount(tx: Tx, input: NewAccountInput) {
  const name = ZAccountName.safeParse(input.name);
  if (!name.success) throw schemaRefusal("account", ACCOUNT_RULES, name.error);
  const commune = await communeOf(tx, input.communeCode);
  const problem = communeRefusal(input.role, commune !== null);
  if (problem) throw ruleRefusal("account", problem);
  let email: string | null = null;
  if (input.email && input.email.trim()) {
    const parsed = ZNoticeEmail.safeParse(input.email.trim());
    if (!parsed.success) throw schemaRefusal("email", EMAIL_RULES, parsed.error);
    email = parsed.data;
  }
  let username: string;
  if (input.username && input.username.trim()) {
    const bad = usernameRefusal(input.username);
    if (bad) throw ruleRefusal("account", bad);
    username = normalizeUsername(input.username);
  } else {
    const existing = new Set((await tx.user.findMany({ select: { username: true } })).map((u) => u.username ?? ""));
    username = suggestUsername({ role: input.role, communeCode: input.communeCode ?? null, name: name.data }, (u) =>
      existing.has(u),
    );
  }
  return { name: name.data, commune, email, username };
}

/** An administrator creates an account: it gets an activation code, shown once. */
export async function createAccount(viewer: Viewer, input: NewAccountInput): Promise<IssuedCode> {
  if (!canManageUsers(viewer)) throw forbidden();
  return transaction(async (tx) => {
    const a = await parseNewAccount(tx, input);
    const { code, data } = issueActivation();
    const expiresAt = data.activationExpiresAt;
    const id = await insertAccount(tx, {
      username: a.username,
      name: a.name,
      role: input.role,
      orgUnitId: a.commune?.id ?? null,
      email: a.email,
      passwordHash: await unusablePasswordHash(),
      activation: data,
    });
    await appendAudit(tx, viewer, {
      action: "user.create",
      entity: "user",
      entityId: id,
      orgUnitId: a.commune?.id ?? null,
      reason: `Tạo tài khoản ${accountWords({ username: a.username, role: input.role, communeName: a.commune?.name ?? null })}`,
    });
    return {
      userId: id,
      username: a.username,
      name: a.name,
      role: input.role,
      communeName: a.commune?.name ?? null,
      activationCode: code,
      expiresAt,
    };
  });
}

/** An administrator resets an account: a new activation code; the old password, sessions and tokens end at once. */
export async function resetAccount(viewer: Viewer, id: unknown): Promise<IssuedCode> {
  if (!canManageUsers(viewer)) throw forbidden();
  return transaction(async (tx) => {
    const user = await findAccount(tx, id);
    const { code, data } = issueActivation();
    const expiresAt = data.activationExpiresAt;
    await setCredential(tx, user.id, await unusablePasswordHash());
    await tx.user.update({ where: { id: user.id }, data: { ...data, updatedAt: now() } });
    const ended = await endAccess(tx, user.id);
    await clearThrottle(tx, user.username);
    await appendAudit(tx, viewer, {
      action: "user.reset",
      entity: "user",
      entityId: user.id,
      changes: { sessions: { old: ended.sessions, new: 0 }, apiTokens: { old: ended.tokens, new: 0 } },
      reason: `Cấp lại mã kích hoạt cho tài khoản ${user.words}`,
    });
    return {
      userId: user.id,
      username: user.username,
      name: user.name,
      role: user.role,
      communeName: user.communeName,
      activationCode: code,
      expiresAt,
    };
  });
}

/** Refuses when `id` is the last active administrator and the change would leave none. */
export async function keepOneAdministrator(tx: Tx, id: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK_KEY})`;
  const others = await tx.user.count({ where: { role: "ADMIN", banned: { not: true }, id: { not: id } } });
  if (others === 0) throw new DataError("INVALID", { key: "accounts.lastAdmin" });
}

/** An administrator changes an account's role or commune; its sessions and tokens end. */
export async function updateAccount(
  viewer: Viewer,
  input: { userId: unknown; role: Role; communeCode?: string | null },
): Promise<{ changed: boolean }> {
  if (!canManageUsers(viewer)) throw forbidden();
  return transaction(async (tx) => {
    const user = await findAccount(tx, input.userId);
    const commune = await communeOf(tx, input.role === "COMMUNE" ? input.communeCode : null);
    const problem = communeRefusal(input.role, commune !== null);
    if (problem) throw ruleRefusal("account", problem);
    if (user.role === input.role && user.orgUnitId === (commune?.id ?? null)) return { changed: false };
    if (user.role === "ADMIN" && input.role !== "ADMIN" && !user.banned) await keepOneAdministrator(tx, user.id);
    await tx.user.update({
      where: { id: user.id },
      data: { role: input.role, orgUnitId: commune?.id ?? null, updatedAt: now() },
    });
    const ended = await endAccess(tx, user.id);
    const after = accountWords({ username: user.username, role: input.role, communeName: commune?.name ?? null });
    await appendAudit(tx, viewer, {
      action: "user.update",
      entity: "user",
      entityId: user.id,
      orgUnitId: commune?.id ?? user.orgUnitId,
      changes: {
        role: { old: user.role, new: input.role },
        commune: { old: user.communeName, new: commune?.name ?? null },
        sessions: { old: ended.sessions, new: 0 },
      },
      reason: `Đổi tài khoản ${user.words} thành ${after}`,
    });
    return { changed: true };
  });
}

/** The login throttle's rows for an account: its own and those of each address (lib/data/login-throttle.ts's keys). */
function clearThrottle(tx: Tx, username: string): Promise<number> {
  // starts_with, not LIKE: "_" is a character of usernames and a wildcard of LIKE.
  return tx.$executeRaw`DELETE FROM rate_limit WHERE key = ${accountKey(username)} OR starts_with(key, ${pairKey(username, "")})`;
}

/** An administrator lets an account the login throttle holds sign in again at once. */
export async function unlockAccount(viewer: Viewer, id: unknown): Promise<{ cleared: number }> {
  if (!canManageUsers(viewer)) throw forbidden();
  return transaction(async (tx) => {
    const user = await findAccount(tx, id);
    const cleared = await clearThrottle(tx, user.username);
    await appendAudit(tx, viewer, {
      action: "user.unlock",
      entity: "user",
      entityId: user.id,
      reason: `Gỡ tạm khoá đăng nhập của tài khoản ${user.words}`,
    });
    return { cleared };
  });
}

/** A console-made account (npm run user:create): the operator chose its password at the console. */
export async function createAccountWithPassword(
  input: NewAccountInput & { password: string },
): Promise<{ userId: string; username: string }> {
  return transaction(async (tx) => {
    const a = await parseNewAccount(tx, input);
    const password = await checkPassword(
      tx,
      { username: a.username, name: a.name, orgUnitId: a.commune?.id ?? null },
      input.password,
    );
    const id = await insertAccount(tx, {
      username: a.username,
      name: a.name,
      role: input.role,
      orgUnitId: a.commune?.id ?? null,
      email: a.email,
      passwordHash: await hashPassword(password),
    });
    await tx.auditLog.create({
      data: {
        at: now(),
        userId: null,
        username: "console",
        action: "user.create",
        entity: "user",
        entityId: id,
        orgUnitId: a.commune?.id ?? null,
        reason: `Tạo tài khoản ${accountWords({ username: a.username, role: input.role, communeName: a.commune?.name ?? null })} từ dòng lệnh máy chủ`,
      },
    });
    return { userId: id, username: a.username };
  });
}
