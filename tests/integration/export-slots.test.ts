/**
 * A user's bound on exports running at once holds across app servers (issue 25, item 3; lib/data/export-slots.ts):
 * the other server's exports are stood in for by a second connection holding the user's export locks, as that server's
 * export connections would. Each lock ends with its connection, so a finished export frees its slot everywhere.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { closeDb } from "@/lib/data/db";
import { prepareExport, streamExport } from "@/lib/data/export";
import { EXPORTS_PER_USER, lockUserExport } from "@/lib/data/export-slots";
import { ZExportOptions } from "@/lib/domain/export-options";
import { demoDatabase, viewersOf } from "./support/reports";
import { readAll } from "./support/streams";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const OPTIONS = ZExportOptions.parse({ from: "2025-07", to: "2025-09" });
let pool: pg.Pool;
let analyst: Viewer;
let province: Viewer;

beforeAll(async () => {
  pool = await demoDatabase(TODAY, 4);
  [analyst, province] = await viewersOf(pool, "phantich", "tinh");
});

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

/** The user's exports on "another app server": connections that took the user's export locks. */
async function otherServerExports(userId: string, n: number): Promise<pg.Client[]> {
  const clients: pg.Client[] = [];
  for (let i = 0; i < n; i++) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    expect(await lockUserExport(client, userId)).toBe(true);
    clients.push(client);
  }
  return clients;
}

describe("export slots across app servers", () => {
  it("refuses a user's export while their other exports run on another server, and lets it once they end", async () => {
    const elsewhere = await otherServerExports(analyst.id, EXPORTS_PER_USER);
    try {
      const refused = streamExport(await prepareExport(analyst, OPTIONS));
      await expect(refused).rejects.toMatchObject({ name: "DataError", code: "BUSY" });
      await expect(refused).rejects.toThrow(/cùng lúc/);
      // Another user is not held back by them.
      expect((await readAll(await streamExport(await prepareExport(province, OPTIONS)))).length).toBeGreaterThan(100);
    } finally {
      for (const c of elsewhere) await c.end();
    }
    // The other server's exports ended (their connections with them): this one runs.
    expect((await readAll(await streamExport(await prepareExport(analyst, OPTIONS)))).length).toBeGreaterThan(100);
  });

  it("one export elsewhere leaves the user one more here", async () => {
    const elsewhere = await otherServerExports(analyst.id, EXPORTS_PER_USER - 1);
    try {
      const body = await readAll(await streamExport(await prepareExport(analyst, OPTIONS)));
      expect(body.length).toBeGreaterThan(100);
    } finally {
      for (const c of elsewhere) await c.end();
    }
  });
});
