/**
 * The attack of issue 13, replayed on the rules that live in lib/data (real PostgreSQL): login limits under parallel
 * requests, month locks outside the reporting window, invisible reasons, ids and versions beyond PostgreSQL's integer,
 * API tokens of a disabled account. tests/e2e/attack.spec.ts replays the rest against the running server.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createApiToken, revokeApiToken, viewerFromToken } from "@/lib/data/api-tokens";
import { closeDb } from "@/lib/data/db";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { attemptLogin } from "@/lib/data/login-throttle";
import { ACCOUNT_FREE, ADDRESS_MAX, LOCK_MS, PAIR_MAX } from "@/lib/domain/login-throttle";
import { approveReport, lockPeriod, reopenReport, returnReport, saveDraft } from "@/lib/data/reports";
import { setUserDisabled } from "@/lib/data/users";
import { resetDatabase, withClient } from "./support/db";
import { communeId, setReport, viewerOf } from "./support/reports";

const TODAY = new Date("2026-11-28T03:00:00Z");
let commune: Viewer;
let province: Viewer;
let admin: Viewer;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(TODAY);
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, TODAY);
    commune = await viewerOf(c, "xa-03637");
    province = await viewerOf(c, "tinh");
    admin = await viewerOf(c, "admin");
  });
});

afterAll(async () => {
  vi.useRealTimers();
  await closeDb();
});

const T0 = TODAY.getTime();

const wrong = async () => false;
const right = async () => true;
const at = (t: number) => () => t;

describe("login limits: only failures count, one account's attempts checked one at a time", () => {
  it("checks exactly PAIR_MAX of 12 parallel wrong guesses from one address; that address is then refused for LOCK_MS", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => attemptLogin("xa-03451", "198.51.100.1", at(T0), wrong)));
    expect(results.filter((r) => r.allowed)).toHaveLength(PAIR_MAX);
    expect((await attemptLogin("xa-03451", "198.51.100.1", at(T0 + LOCK_MS - 1000), right)).allowed).toBe(false);
    expect(await attemptLogin("xa-03451", "198.51.100.1", at(T0 + LOCK_MS + 1), right)).toMatchObject({ allowed: true, ok: true });
  });

  it("nobody locks the owner out: after five wrong guesses from one address the right password from another signs in", async () => {
    for (let i = 0; i < PAIR_MAX; i++) await attemptLogin("admin", "203.0.113.66", at(T0), wrong);
    expect((await attemptLogin("admin", "203.0.113.66", at(T0), right)).allowed).toBe(false);
    expect(await attemptLogin("admin", "192.0.2.200", at(T0), right)).toMatchObject({ allowed: true, ok: true });
  });

  it("guesses from many addresses at one account slow down: ACCOUNT_FREE of 24 parallel ones are checked, then one a growing delay apart", async () => {
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => attemptLogin("xa-03455", `198.51.100.${i + 10}`, at(T0), wrong)));
    expect(results.filter((r) => r.allowed)).toHaveLength(ACCOUNT_FREE);
    const refused = results.find((r) => !r.allowed);
    expect(refused && !refused.allowed && refused.message).toContain("chờ");
    // One second after the tenth failure, one more guess; then two seconds.
    expect((await attemptLogin("xa-03455", "192.0.2.1", at(T0 + 999), wrong)).allowed).toBe(false);
    expect((await attemptLogin("xa-03455", "192.0.2.1", at(T0 + 1000), wrong)).allowed).toBe(true);
    expect((await attemptLogin("xa-03455", "192.0.2.2", at(T0 + 2999), wrong)).allowed).toBe(false);
    expect((await attemptLogin("xa-03455", "192.0.2.2", at(T0 + 3000), right))).toMatchObject({ allowed: true, ok: true });
  });

  it("lets exactly ADDRESS_MAX of 30 parallel failures from one address be checked, whatever the accounts", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attemptLogin(`guess-${i}`, "203.0.113.9", at(T0), wrong)));
    expect(results.filter((r) => r.allowed)).toHaveLength(ADDRESS_MAX);
    expect((await attemptLogin("guess-y", "203.0.113.9", at(T0), right)).allowed).toBe(false);
    // Another address is not affected.
    expect((await attemptLogin("guess-x", "203.0.113.10", at(T0), right)).allowed).toBe(true);
  });

  it("attempts in flight are not failures: twenty right sign-ins at once after one wrong one all succeed", async () => {
    await attemptLogin("xa-03637", "192.0.2.50", at(T0), wrong);
    const results = await Promise.all(Array.from({ length: 20 }, () => attemptLogin("xa-03637", "192.0.2.50", at(T0), right)));
    expect(results.every((r) => r.allowed && r.ok)).toBe(true);
    const rows = await withClient(async (c) => (await c.query<{ key: string }>(`SELECT key FROM rate_limit WHERE key LIKE '%xa-03637%'`)).rows);
    expect(rows).toEqual([]);
  });
});

describe("reasons, locks, ids (attacks 9, 10, 11)", () => {
  it("refuses a return comment or reopen reason made only of invisible characters", async () => {
    const id = await withClient(async (c) => setReport(c, await communeId(c, "03637"), "2026-10", "SUBMITTED"));
    for (const blank of ["\u200b", " \u200b\u200c\u200d\ufeff ", "\u2060\u00ad\t"]) {
      await expect(returnReport(province, { reportId: id!, comment: blank })).rejects.toMatchObject({ code: "INVALID", message: "Vui lòng nhập lý do trả lại báo cáo." });
    }
    await approveReport(province, { reportId: id! });
    await expect(reopenReport(province, { reportId: id!, reason: "\u200b\u200b", to: "DRAFT" })).rejects.toMatchObject({ code: "INVALID" });
    // Visible text around invisible characters is kept, trimmed.
    await reopenReport(province, { reportId: id!, reason: "\u200b Sai số liệu \u200b", to: "RETURNED" });
    const [row] = await withClient(async (c) => (await c.query(`SELECT return_comment FROM monthly_report WHERE id = $1`, [id])).rows);
    expect(row.return_comment).toBe("Sai số liệu");
  });

  it("locks only months of the reporting window", async () => {
    for (const period of ["9999-12", "2027-01", "2025-06"]) {
      await expect(lockPeriod(province, { period })).rejects.toMatchObject({ code: "INVALID" });
    }
    expect(await lockPeriod(province, { period: "2025-08" })).toEqual({ locked: true });
  });

  it("answers ids and versions beyond PostgreSQL's integer with a message, not a database error", async () => {
    await expect(approveReport(province, { reportId: 2147483648 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(approveReport(province, { reportId: 1, version: 2147483648 })).rejects.toMatchObject({ code: "INVALID" });
    await expect(saveDraft(commune, { communeId: commune.orgUnitId!, period: "2026-11", version: 2147483648, values: {} }))
      .rejects.toMatchObject({ code: "INVALID", message: "Phiên bản báo cáo không hợp lệ." });
  });
});

describe("NUL bytes, which PostgreSQL cannot store in text (attack 11)", () => {
  it("answer with a message or nothing found, never a database error", async () => {
    expect(await revokeApiToken(commune, "abc\u0000def")).toBe(false);
    await expect(setUserDisabled(admin, { userId: "x\u0000", disabled: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { id } = await createApiToken(commune, "tên\u0000 có NUL");
    const [row] = await withClient(async (c) => (await c.query(`SELECT name FROM api_token WHERE id = $1`, [id])).rows);
    expect(row.name).toBe("tên có NUL");
  });
});

describe("a disabled account (attack 15)", () => {
  it("loses its API tokens for good: enabling the account again does not bring them back", async () => {
    const { token } = await createApiToken(commune, "máy chủ báo cáo");
    expect((await viewerFromToken(token))?.id).toBe(commune.id);
    await setUserDisabled(admin, { userId: commune.id, disabled: true });
    expect(await viewerFromToken(token)).toBeNull();
    await setUserDisabled(admin, { userId: commune.id, disabled: false });
    expect(await viewerFromToken(token)).toBeNull();
  });
});
