/**
 * Starting together (issue 30, item 7): two servers preparing one empty database at the same moment both succeed
 * (migrations, reference data and demo data under one startup lock), the demo data are loaded once; and the reference
 * data are upserted in place: a start keeps the ids of former_unit rows.
 */
import { afterAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "@/lib/data/seed";
import { prepareDatabase } from "@/lib/data/startup";
import { withClient, withClientAt } from "./support/db";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const admin = () => {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error("TEST_ADMIN_DATABASE_URL is not set");
  return url;
};
const fresh = `startup_${process.pid}`;
const freshUrl = () => admin().replace(/\/[^/]*$/, `/${fresh}`);

afterAll(async () => {
  await withClientAt(admin(), (c) => c.query(`DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`));
});

describe("start-up", () => {
  it("two servers starting together on an empty database both get it ready, with the demo data once", async () => {
    for (let round = 0; round < 3; round++) {
      await withClientAt(admin(), async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${fresh}`);
      });
      const results = await Promise.allSettled([
        prepareDatabase(freshUrl(), TODAY),
        prepareDatabase(freshUrl(), TODAY),
      ]);
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok"]);
      const loaded = results.map((r) => (r.status === "fulfilled" ? r.value.demo : null)).filter(Boolean);
      expect(loaded).toHaveLength(1);
      await withClientAt(freshUrl(), async (c) => {
        expect((await c.query(`SELECT count(*)::int AS n FROM monthly_report`)).rows[0].n).toBe(loaded[0]!.reports);
        expect((await c.query(`SELECT count(*)::int AS n FROM "user"`)).rows[0].n).toBe(loaded[0]!.accounts);
      });
    }
  }, 120_000);

  it("reference data are upserted in place: the former units keep their rows and ids", async () => {
    await withClient(async (c) => {
      await seedReferenceData(c);
      const before = (await c.query(`SELECT id, org_unit_id, old_code, name FROM former_unit ORDER BY id`)).rows;
      expect(before.length).toBeGreaterThan(50);
      await seedReferenceData(c);
      expect((await c.query(`SELECT id, org_unit_id, old_code, name FROM former_unit ORDER BY id`)).rows).toEqual(
        before,
      );
    });
  });
});
