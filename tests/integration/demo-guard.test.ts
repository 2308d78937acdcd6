/**
 * Demo data never enter a real installation (issue 30, item 6): once the database has an account that is not a demo
 * account, or was started once with DEMO_DATA=0, no start loads the demo reports or accounts, and the log says why.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isDemoInstallation, seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { seedReferenceData } from "@/lib/data/seed";
import { resetDatabase, withClient } from "./support/db";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const saved = process.env.DEMO_DATA;

async function counts(c: pg.Client) {
  const n = async (sql: string) => (await c.query<{ n: number }>(sql)).rows[0]!.n;
  return {
    reports: await n(`SELECT count(*)::int AS n FROM monthly_report`),
    values: await n(`SELECT count(*)::int AS n FROM data_value`),
    demoAccounts: await n(`SELECT count(*)::int AS n FROM "user" WHERE email LIKE '%@demo.invalid'`),
  };
}

async function addRealAccount(c: pg.Client) {
  const id = randomUUID();
  await c.query(
    `INSERT INTO "user" (id, name, email, email_verified, username, display_username, role, banned, updated_at)
    VALUES ($1, 'Nguyễn Văn A', 'nva@laichau.gov.vn', true, 'nva', 'nva', 'ADMIN', false, now())`,
    [id],
  );
}

beforeEach(async () => {
  delete process.env.DEMO_DATA;
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedReferenceData(c);
  });
});
afterEach(() => {
  if (saved === undefined) delete process.env.DEMO_DATA;
  else process.env.DEMO_DATA = saved;
});

describe("demo data and a real installation", () => {
  it("an empty database with an account of its own gets no demo data, and the log says why", async () => {
    await withClient(async (c) => {
      await addRealAccount(c);
      const log: string[] = [];
      expect(await seedDemoIfEmpty(c, TODAY, (m) => log.push(m))).toBeNull();
      expect(await counts(c)).toEqual({ reports: 0, values: 0, demoAccounts: 0 });
      expect(log.join("\n")).toMatch(/No demo data: .*1 account\(s\) that are not demo accounts/);
      // The account may go; the mark stays: still no demo data.
      await c.query(`DELETE FROM "user"`);
      const again: string[] = [];
      expect(await seedDemoIfEmpty(c, TODAY, (m) => again.push(m))).toBeNull();
      expect(again.join("\n")).toMatch(/real installation/);
      expect(await counts(c)).toEqual({ reports: 0, values: 0, demoAccounts: 0 });
      expect(await isDemoInstallation(c)).toBe(false);
    });
  });

  it("started once with DEMO_DATA=0, a later start without it adds nothing", async () => {
    await withClient(async (c) => {
      process.env.DEMO_DATA = "0";
      expect(await seedDemoIfEmpty(c, TODAY)).toBeNull();
      delete process.env.DEMO_DATA;
      const log: string[] = [];
      expect(await seedDemoIfEmpty(c, TODAY, (m) => log.push(m))).toBeNull();
      expect(log.join("\n")).toMatch(/No demo data: this is a real installation \(started with DEMO_DATA=0/);
      expect(await counts(c)).toEqual({ reports: 0, values: 0, demoAccounts: 0 });
    });
  });

  it("a fresh database gets the demo data once and is a demo installation, until a real account appears", async () => {
    await withClient(async (c) => {
      const demo = await seedDemoIfEmpty(c, TODAY);
      expect(demo?.reports).toBeGreaterThan(500);
      expect(await isDemoInstallation(c)).toBe(true);
      const before = await counts(c);
      expect(await seedDemoIfEmpty(c, TODAY)).toBeNull();
      expect(await counts(c)).toEqual(before);
      await addRealAccount(c);
      expect(await isDemoInstallation(c)).toBe(false);
    });
  });
});
