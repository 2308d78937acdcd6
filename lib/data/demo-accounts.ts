/**
 * Demo accounts, created only with the demo data (never by production seeding). All share the password
 * DEMO_PASSWORD, hashed once by better-auth's scrypt and stored per account as better-auth expects.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { hashPassword } from "better-auth/crypto";

export const DEMO_PASSWORD = "laichau2025";

export interface DemoAccount {
  username: string;
  name: string;
  role: "ADMIN" | "PROVINCE" | "COMMUNE" | "ANALYST";
  communeCode: string | null;
}

export function demoAccounts(communes: { code: string; fullName: string }[]): DemoAccount[] {
  return [
    { username: "admin", name: "Quản trị hệ thống", role: "ADMIN", communeCode: null },
    { username: "tinh", name: "Sở Nội vụ tỉnh Lai Châu", role: "PROVINCE", communeCode: null },
    { username: "phantich", name: "Chuyên viên phân tích", role: "ANALYST", communeCode: null },
    ...communes.map((c) => ({
      username: `xa-${c.code}`,
      name: `UBND ${c.fullName}`,
      role: "COMMUNE" as const,
      communeCode: c.code,
    })),
  ];
}

export async function createDemoAccounts(client: pg.Client | pg.PoolClient, provinceCode: string): Promise<number> {
  const { rows: communes } = await client.query<{ id: number; code: string; fullName: string }>(
    `SELECT u.id, u.code, u.full_name AS "fullName" FROM org_unit u JOIN org_unit p ON p.id = u.parent_id
     WHERE p.code = $1 ORDER BY u.code`,
    [provinceCode],
  );
  const ids = new Map(communes.map((c) => [c.code, c.id]));
  const hash = await hashPassword(DEMO_PASSWORD);
  const accounts = demoAccounts(communes);
  const userIds = accounts.map(() => randomUUID());
  await client.query(
    `INSERT INTO "user" (id, name, email, email_verified, username, display_username, role, org_unit_id, banned, updated_at)
     SELECT u.id, u.name, u.username || '@demo.invalid', true, u.username, u.username, u.role::"Role", u.org_unit_id, false, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS u(id, name, username, role, org_unit_id)
     ON CONFLICT (username) DO NOTHING`,
    [
      userIds,
      accounts.map((a) => a.name),
      accounts.map((a) => a.username),
      accounts.map((a) => a.role),
      accounts.map((a) => (a.communeCode ? (ids.get(a.communeCode) ?? null) : null)),
    ],
  );
  await client.query(
    `INSERT INTO account (id, account_id, provider_id, user_id, password, updated_at)
     SELECT gen_random_uuid()::text, u.id, 'credential', u.id, $2, now() FROM "user" u
     WHERE u.id = ANY($1::text[])`,
    [userIds, hash],
  );
  return accounts.length;
}
