/**
 * First run: while the installation has no active administrator, `npm start` issues a setup token (printed once on the
 * server's console as an address, stored only as its SHA-256, valid SETUP_HOURS) and /setup with it creates the first
 * administrator. The token is consumed in the same transaction that creates the administrator, under an advisory lock,
 * so two setups at once create exactly one; once an administrator exists no token works (and none is issued).
 */
import type pg from "pg";
import { hashPassword } from "better-auth/crypto";
import { newSetupToken, sha256 } from "@/lib/auth/secrets";
import { now } from "@/lib/clock";
import { ACCOUNT_RULES, SETUP_HOURS, ZAccountName, usernameRefusal, normalizeUsername } from "@/lib/domain/accounts";
import { ADMIN_LOCK_KEY, PROVINCE_NAME, checkPassword, insertAccount } from "./accounts";
import { db } from "./db";
import { ruleRefusal, schemaRefusal } from "./errors";
import { clientTransaction, transaction } from "./transaction";

const ACTIVE_ADMIN_SQL = `SELECT 1 FROM "user" WHERE role = 'ADMIN' AND banned IS NOT TRUE LIMIT 1`;

/**
 * Called by `npm start` after the migrations: a new token when there is no active administrator (any older one ends),
 * or null when there is one (and every token left is deleted).
 */
export async function issueSetupToken(client: pg.Client | pg.PoolClient, at: Date): Promise<string | null> {
  return clientTransaction(client, async () => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [ADMIN_LOCK_KEY]);
    await client.query("DELETE FROM setup_token");
    const { rowCount } = await client.query(ACTIVE_ADMIN_SQL);
    if (rowCount) return null;
    const token = newSetupToken();
    await client.query("INSERT INTO setup_token (token_hash, expires_at, created_at) VALUES ($1, $2, $3)", [
      sha256(token),
      new Date(at.getTime() + SETUP_HOURS * 3600_000),
      at,
    ]);
    return token;
  });
}

/** Whether /setup?token=… may show its form: the token is current and no administrator exists yet. */
export async function setupTokenValid(token: unknown): Promise<boolean> {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) return false;
  const rows = await db().prisma.$queryRaw<{ ok: number }[]>`
    SELECT 1 AS ok FROM setup_token WHERE token_hash = ${sha256(token)} AND expires_at > ${now()}
      AND NOT EXISTS (SELECT 1 FROM "user" WHERE role = 'ADMIN' AND banned IS NOT TRUE)`;
  return rows.length > 0;
}

export class SetupClosed extends Error {}

/**
 * Creates the first administrator and consumes the token, or throws SetupClosed (wrong, used or expired token, or an
 * administrator already exists: the page answers 404) or DataError (a bad name or password: the form says why).
 */
export async function setupFirstAdministrator(input: {
  token: unknown;
  username: string;
  name: string;
  password: string;
  confirmation: string;
}): Promise<{ userId: string; username: string }> {
  if (typeof input.token !== "string" || input.token.length > 100) throw new SetupClosed();
  const tokenHash = sha256(input.token);
  return transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK_KEY})`;
    const consumed =
      await tx.$executeRaw`DELETE FROM setup_token WHERE token_hash = ${tokenHash} AND expires_at > ${now()}`;
    if (consumed !== 1) throw new SetupClosed();
    if ((await tx.user.count({ where: { role: "ADMIN", banned: { not: true } } })) > 0) throw new SetupClosed();
    const bad = usernameRefusal(input.username);
    if (bad) throw ruleRefusal("account", bad);
    const username = normalizeUsername(input.username);
    const name = ZAccountName.safeParse(input.name);
    if (!name.success) throw schemaRefusal("account", ACCOUNT_RULES, name.error);
    const password = await checkPassword(
      tx,
      { username, name: name.data, orgUnitId: null },
      input.password,
      input.confirmation,
    );
    const id = await insertAccount(tx, {
      username,
      name: name.data,
      role: "ADMIN",
      orgUnitId: null,
      email: null,
      passwordHash: await hashPassword(password),
    });
    await tx.auditLog.create({
      data: {
        at: now(),
        userId: id,
        username,
        action: "user.create",
        entity: "user",
        entityId: id,
        reason: `Tạo tài khoản quản trị đầu tiên ${username} (vai trò Quản trị hệ thống) khi cài đặt hệ thống ${PROVINCE_NAME}`,
      },
    });
    return { userId: id, username };
  });
}
