/**
 * Accounts on a real PostgreSQL (issue: a real installation can be used): the first administrator exactly once, the
 * last administrator kept, activation codes, sessions and tokens ended by every change of what an account may do,
 * password changes under the policy, audit rows in words, and `npm run user:create` as a process.
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "better-auth/crypto";
import { activationCodeHash } from "@/lib/auth/secrets";
import type { Viewer } from "@/lib/auth/viewer";
import { changeOwnPassword, createAccount, resetAccount, unlockAccount, updateAccount } from "@/lib/data/accounts";
import { createApiToken } from "@/lib/data/api-tokens";
import { closeDb } from "@/lib/data/db";
import { seedReferenceData } from "@/lib/data/seed";
import { SetupClosed, issueSetupToken, setupFirstAdministrator, setupTokenValid } from "@/lib/data/setup";
import { setUserDisabled } from "@/lib/data/users";
import { resetDatabase, testDatabaseUrl, withClient } from "./support/db";
import { auditCount, loadDemo, viewerOf, viewersOf } from "./support/reports";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-12-07T09:00:00+07:00");
let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
});

afterAll(async () => {
  await pool.end();
  await closeDb();
});

async function hashOf(userId: string): Promise<string> {
  const { rows } = await pool.query<{ password: string }>(
    `SELECT password FROM account WHERE user_id = $1 AND provider_id = 'credential'`,
    [userId],
  );
  return rows[0]!.password;
}

async function openSession(userId: string, id: string): Promise<void> {
  await pool.query(
    `INSERT INTO session (id, expires_at, token, created_at, updated_at, user_id) VALUES ($1, now() + interval '1 hour', $1 || '-token', now(), now(), $2)`,
    [id, userId],
  );
}

const sessionsOf = async (userId: string) =>
  (await pool.query(`SELECT id FROM session WHERE user_id = $1 ORDER BY id`, [userId])).rows.map((r) => r.id as string);
const lastAudit = async () =>
  (await pool.query(`SELECT action, reason, changes FROM audit_log ORDER BY id DESC LIMIT 1`)).rows[0];

describe("first run on an empty installation", () => {
  beforeEach(async () => {
    await withClient(async (c) => {
      await resetDatabase(c);
      await seedReferenceData(c);
    });
  });

  it("issues a token stored only as a hash, valid for 24 hours, and consumed by creating the first administrator", async () => {
    const token = await withClient((c) => issueSetupToken(c, TODAY));
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const { rows } = await pool.query(`SELECT token_hash, expires_at FROM setup_token`);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token!);
    expect(new Date(rows[0].expires_at).getTime() - TODAY.getTime()).toBe(24 * 3600_000);
    expect(await setupTokenValid(token)).toBe(true);
    expect(await setupTokenValid(`${token}x`)).toBe(false);

    const created = await setupFirstAdministrator({
      token,
      username: "QuanTri",
      name: "Nguyễn Văn Quản",
      password: "sáng nay trời trong xanh",
      confirmation: "sáng nay trời trong xanh",
    });
    expect(created.username).toBe("quantri");
    expect(await verifyPassword({ hash: await hashOf(created.userId), password: "sáng nay trời trong xanh" })).toBe(
      true,
    );
    expect(await setupTokenValid(token)).toBe(false);
    await expect(
      setupFirstAdministrator({
        token,
        username: "khac",
        name: "Khác",
        password: "một mật khẩu rất dài khác",
        confirmation: "một mật khẩu rất dài khác",
      }),
    ).rejects.toBeInstanceOf(SetupClosed);
    // Once an administrator exists, a start issues no token.
    expect(await withClient((c) => issueSetupToken(c, TODAY))).toBeNull();
    expect((await pool.query(`SELECT count(*)::int AS n FROM setup_token`)).rows[0].n).toBe(0);
    expect((await lastAudit()).reason).toContain("Tạo tài khoản quản trị đầu tiên quantri");
  });

  it("a refused password leaves the token usable; a wrong or expired token creates nothing", async () => {
    const token = await withClient((c) => issueSetupToken(c, TODAY));
    await expect(
      setupFirstAdministrator({
        token,
        username: "quantri",
        name: "Quản",
        password: "laichau2025",
        confirmation: "laichau2025",
      }),
    ).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("phổ biến") });
    await expect(
      setupFirstAdministrator({
        token: "doan-bua-doan-bua-doan-bua-doan-bua",
        username: "quantri",
        name: "Quản",
        password: "hoa ban nở trắng rừng",
        confirmation: "hoa ban nở trắng rừng",
      }),
    ).rejects.toBeInstanceOf(SetupClosed);
    await pool.query(`UPDATE setup_token SET expires_at = $1`, [new Date(TODAY.getTime() - 1)]);
    await expect(
      setupFirstAdministrator({
        token,
        username: "quantri",
        name: "Quản",
        password: "hoa ban nở trắng rừng",
        confirmation: "hoa ban nở trắng rừng",
      }),
    ).rejects.toBeInstanceOf(SetupClosed);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "user"`)).rows[0].n).toBe(0);
  });

  it("two setups at once with the same token create exactly one administrator", async () => {
    const token = await withClient((c) => issueSetupToken(c, TODAY));
    const results = await Promise.allSettled(
      ["mot", "hai", "ba"].map((u) =>
        setupFirstAdministrator({
          token,
          username: `quantri-${u}`,
          name: "Quản trị",
          password: "hoa ban nở trắng rừng",
          confirmation: "hoa ban nở trắng rừng",
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === "rejected")
        .every((r) => (r as PromiseRejectedResult).reason instanceof SetupClosed),
    ).toBe(true);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "user" WHERE role = 'ADMIN'`)).rows[0].n).toBe(1);
  });
});

describe("accounts managed by an administrator", () => {
  let admin: Viewer;
  let province: Viewer;
  let commune: Viewer;
  let analyst: Viewer;

  beforeEach(async () => {
    await loadDemo(TODAY);
    [admin, province, commune, analyst] = await viewersOf(pool, "admin", "tinh", "xa-03637", "phantich");
  });

  it("creates a second account for a commune with a one-time activation code valid 72 hours, audited in words", async () => {
    const issued = await createAccount(admin, { name: "Lò Thị Hoa", role: "COMMUNE", communeCode: "03637" });
    expect(issued.username).toBe("xa-03637-2");
    expect(issued.activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(issued.expiresAt.getTime() - TODAY.getTime()).toBeGreaterThanOrEqual(72 * 3600_000);
    const { rows } = await pool.query(`SELECT must_change_password, activation_code_hash FROM "user" WHERE id = $1`, [
      issued.userId,
    ]);
    expect(rows[0].must_change_password).toBe(true);
    expect(rows[0].activation_code_hash).toBe(activationCodeHash(issued.activationCode));
    // The account's password is none anybody knows: the code signs in only through the activation path.
    expect(await verifyPassword({ hash: await hashOf(issued.userId), password: issued.activationCode })).toBe(false);
    const audit = await lastAudit();
    expect(audit.action).toBe("user.create");
    expect(audit.reason).toBe("Tạo tài khoản xa-03637-2 (Xã Mường Kim, vai trò Cán bộ xã, phường)");
    expect(JSON.stringify(audit)).not.toContain(issued.activationCode);
  });

  it("refuses a taken username in any case, a bad role-commune pair and an unknown commune, creating nothing", async () => {
    const before = await auditCount(pool);
    await expect(
      createAccount(admin, { username: "XA-03637", name: "X", role: "COMMUNE", communeCode: "03637" }),
    ).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("đã có người dùng") });
    await expect(createAccount(admin, { name: "X", role: "COMMUNE" })).rejects.toMatchObject({
      message: "Tài khoản cấp xã phải gắn với một xã, phường.",
    });
    await expect(createAccount(admin, { name: "X", role: "PROVINCE", communeCode: "03637" })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(createAccount(admin, { name: "X", role: "COMMUNE", communeCode: "99999" })).rejects.toMatchObject({
      message: "Không có xã, phường mã 99999.",
    });
    await expect(createAccount(admin, { username: "a b", name: "X", role: "ANALYST" })).rejects.toMatchObject({
      code: "INVALID",
    });
    expect(await auditCount(pool)).toBe(before);
  });

  it("only an administrator manages accounts: every other role is refused and nothing changes", async () => {
    const before = await auditCount(pool);
    for (const viewer of [province, commune, analyst]) {
      await expect(createAccount(viewer, { name: "X", role: "ADMIN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(resetAccount(viewer, commune.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateAccount(viewer, { userId: viewer.id, role: "ADMIN" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(unlockAccount(viewer, commune.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await auditCount(pool)).toBe(before);
    expect((await viewerOf(pool, "tinh")).role).toBe("PROVINCE");
  });

  it("a reset ends the old password, every session and every API token at once", async () => {
    await openSession(commune.id, "s1");
    await openSession(commune.id, "s2");
    await createApiToken(commune, "máy tính xã");
    const oldHash = await hashOf(commune.id);
    const issued = await resetAccount(admin, commune.id);
    expect(await sessionsOf(commune.id)).toEqual([]);
    expect(
      (
        await pool.query(`SELECT count(*)::int AS n FROM api_token WHERE user_id = $1 AND revoked_at IS NULL`, [
          commune.id,
        ])
      ).rows[0].n,
    ).toBe(0);
    expect(await hashOf(commune.id)).not.toBe(oldHash);
    expect(await verifyPassword({ hash: await hashOf(commune.id), password: "laichau2025" })).toBe(false);
    expect(
      (await pool.query(`SELECT activation_code_hash FROM "user" WHERE id = $1`, [commune.id])).rows[0]
        .activation_code_hash,
    ).toBe(activationCodeHash(issued.activationCode));
    expect((await lastAudit()).reason).toBe(
      "Cấp lại mã kích hoạt cho tài khoản xa-03637 (Xã Mường Kim, vai trò Cán bộ xã, phường)",
    );
  });

  it("moving an account to another role or commune ends its sessions, and reads in words", async () => {
    await openSession(commune.id, "s3");
    await updateAccount(admin, { userId: commune.id, role: "COMMUNE", communeCode: "03451" });
    expect(await sessionsOf(commune.id)).toEqual([]);
    const audit = await lastAudit();
    expect(audit.reason).toMatch(
      /^Đổi tài khoản xa-03637 \(Xã Mường Kim, vai trò Cán bộ xã, phường\) thành xa-03637 \(Xã .+, vai trò Cán bộ xã, phường\)$/,
    );
    expect((await updateAccount(admin, { userId: commune.id, role: "COMMUNE", communeCode: "03451" })).changed).toBe(
      false,
    );
  });

  it("the last active administrator can be neither disabled nor demoted, even by two administrators at once", async () => {
    await expect(updateAccount(admin, { userId: admin.id, role: "PROVINCE" })).rejects.toMatchObject({
      message: expect.stringContaining("quản trị cuối cùng"),
    });
    const second = await createAccount(admin, { username: "quantri2", name: "Quản trị 2", role: "ADMIN" });
    const other: Viewer = { ...admin, id: second.userId, username: "quantri2" };
    // Each disables the other at the same moment: one must win, the other be refused.
    const results = await Promise.allSettled([
      setUserDisabled(admin, { userId: second.userId, disabled: true }),
      setUserDisabled(other, { userId: admin.id, disabled: true }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      (await pool.query(`SELECT count(*)::int AS n FROM "user" WHERE role = 'ADMIN' AND banned IS NOT TRUE`)).rows[0].n,
    ).toBe(1);
  });

  it("an administrator clears the login throttle of an account", async () => {
    await pool.query(
      `INSERT INTO rate_limit (id, key, count, last_request) VALUES ('a', 'login-account:xa-03637', 9, $1), ('b', 'login-pair:xa-03637|192.0.2.1', 5, $1)`,
      [TODAY.getTime()],
    );
    expect((await unlockAccount(admin, commune.id)).cleared).toBe(2);
    expect((await pool.query(`SELECT count(*)::int AS n FROM rate_limit`)).rows[0].n).toBe(0);
    expect((await lastAudit()).reason).toContain("Gỡ tạm khoá đăng nhập của tài khoản xa-03637");
    // An underscore in a username is a character, not a pattern: unlocking tk_a leaves tkxa's counters alone.
    const underscored = await createAccount(admin, { username: "tk_a", name: "Tài khoản A", role: "ANALYST" });
    await pool.query(
      `INSERT INTO rate_limit (id, key, count, last_request) VALUES ('c', 'login-pair:tk_a|192.0.2.1', 5, $1), ('d', 'login-pair:tkxa|192.0.2.1', 5, $1)`,
      [TODAY.getTime()],
    );
    expect((await unlockAccount(admin, underscored.userId)).cleared).toBe(1);
    expect((await pool.query(`SELECT key FROM rate_limit`)).rows.map((r) => r.key)).toEqual([
      "login-pair:tkxa|192.0.2.1",
    ]);
  });

  it("a user changes their password under the policy: the current one checked, other sessions and tokens ended", async () => {
    await openSession(commune.id, "here");
    await openSession(commune.id, "elsewhere");
    const me = { ...commune, sessionId: "here" };
    await expect(
      changeOwnPassword(me, {
        current: "sai",
        next: "hoa ban nở trắng rừng",
        confirmation: "hoa ban nở trắng rừng",
        sessionId: "here",
      }),
    ).rejects.toMatchObject({ message: "Mật khẩu hiện tại không đúng." });
    await expect(
      changeOwnPassword(me, {
        current: "laichau2025",
        next: "matkhau123",
        confirmation: "matkhau123",
        sessionId: "here",
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining("phổ biến") });
    await expect(
      changeOwnPassword(me, {
        current: "laichau2025",
        next: "Mường Kim quê tôi",
        confirmation: "Mường Kim quê tôi",
        sessionId: "here",
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining("Mường Kim") });
    expect(await sessionsOf(commune.id)).toEqual(["elsewhere", "here"]);
    const r = await changeOwnPassword(me, {
      current: "laichau2025",
      next: "hoa ban nở trắng rừng",
      confirmation: "hoa ban nở trắng rừng",
      sessionId: "here",
    });
    expect(r.sessionsEnded).toBe(1);
    expect(await sessionsOf(commune.id)).toEqual(["here"]);
    expect(await verifyPassword({ hash: await hashOf(commune.id), password: "hoa ban nở trắng rừng" })).toBe(true);
    const audit = await lastAudit();
    expect(audit.action).toBe("user.password");
    expect(JSON.stringify(audit)).not.toContain("hoa ban");
  });
});

describe("npm run user:create, as a process", () => {
  beforeAll(async () => {
    await withClient(async (c) => {
      await resetDatabase(c);
      await seedReferenceData(c);
    });
  });

  function userCreate(
    args: string[],
    input: string,
    env: Record<string, string> = {},
  ): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/user-create.ts", ...args], {
        env: { ...process.env, DATABASE_URL: testDatabaseUrl(), ...env },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.stderr.on("data", (d) => {
        out += d;
      });
      child.stdin.end(input);
      child.on("exit", (code) => resolve({ code, out }));
    });
  }

  it("creates an account that signs in with the password given on standard input", async () => {
    const r = await userCreate(
      ["--username", "quantri", "--role", "ADMIN", "--name", "Quản trị viên"],
      "đêm qua mưa rất to\n",
    );
    expect(r.out).toContain("Đã tạo tài khoản quantri");
    expect(r.code).toBe(0);
    const { rows } = await pool.query(`SELECT u.id, u.must_change_password FROM "user" u WHERE username = 'quantri'`);
    expect(rows[0].must_change_password).toBe(false);
    expect(await verifyPassword({ hash: await hashOf(rows[0].id), password: "đêm qua mưa rất to" })).toBe(true);
    const env = await userCreate(
      ["--username", "xa-03637", "--role", "COMMUNE", "--commune", "03637", "--name", "UBND Xã Mường Kim"],
      "",
      { TRACKER_NEW_PASSWORD: "sáng sớm sương mù dày" },
    );
    expect(env.code).toBe(0);
  }, 120_000); // two processes that each load tsx: slow on a busy machine

  it("refuses a bad role, an unknown commune, a commune account without one, a taken username, a weak password and a password flag", async () => {
    const cases: [string[], string, string][] = [
      [["--username", "a1b", "--role", "BOSS", "--name", "X"], "đêm qua mưa rất to", "Vai trò “BOSS” không hợp lệ"],
      [
        ["--username", "a1b", "--role", "COMMUNE", "--commune", "99999", "--name", "X"],
        "đêm qua mưa rất to",
        "Không có xã, phường mã 99999.",
      ],
      [["--username", "a1b", "--role", "COMMUNE", "--name", "X"], "đêm qua mưa rất to", "phải gắn với một xã, phường"],
      [["--username", "QUANTRI", "--role", "ANALYST", "--name", "X"], "đêm qua mưa rất to", "đã có người dùng"],
      [["--username", "a1b", "--role", "ANALYST", "--name", "X"], "laichau2025", "phổ biến"],
      [
        ["--username", "a1b", "--role", "ANALYST", "--name", "X", "--password", "đêm qua mưa rất to"],
        "",
        "Không nhận mật khẩu qua tham số",
      ],
    ];
    for (const [args, input, message] of cases) {
      const r = await userCreate(args, input);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.out).toContain(message);
    }
    expect((await pool.query(`SELECT count(*)::int AS n FROM "user" WHERE username = 'a1b'`)).rows[0].n).toBe(0);
  }, 120_000);
});
