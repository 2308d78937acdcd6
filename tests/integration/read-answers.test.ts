/**
 * One answer per read per page view (lib/data/read-sql.ts readRows): within a request that does not write, the same
 * dashboard read with the same values is sent to PostgreSQL once and every section of the page gets the same rows;
 * a request that writes, and code outside any request, always read the database again.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDb } from "@/lib/data/db";
import { searchCommunes } from "@/lib/data/communes";
import { withReadContext } from "@/lib/data/read-context";
import { demoDatabase } from "./support/reports";
import { runAt } from "../support/clock";

let pool: pg.Pool;
const rename = (name: string) => pool.query(`UPDATE org_unit SET full_name = $1 WHERE code = '03637'`, [name]);
const nameOf03637 = async () => (await searchCommunes("12", {})).find((c) => c.code === "03637")!.fullName;

beforeAll(async () => {
  pool = await demoDatabase(runAt("2026-11-28T10:00:00+07:00"));
});

afterAll(async () => {
  await pool.end();
  await closeDb();
});

it("a page view that does not write reads each thing once: a change in between is on its next view", async () => {
  await rename("Xã Thử Một");
  const seen = await withReadContext({ wroteAt: null, primaryOnly: false }, async () => {
    const first = await searchCommunes("12", {});
    await rename("Xã Thử Hai");
    const second = await searchCommunes("12", {});
    // Each caller has its own array of the same rows: one section sorting or trimming its list leaves the other's.
    first.length = 0;
    return { second: second.find((c) => c.code === "03637")!.fullName, again: await nameOf03637() };
  });
  expect(seen).toEqual({ second: "Xã Thử Một", again: "Xã Thử Một" });
  expect(await withReadContext({ wroteAt: null, primaryOnly: false }, nameOf03637)).toBe("Xã Thử Hai");
});

it("a request that writes, and work outside any request, read the database every time", async () => {
  await rename("Xã Thử Ba");
  const inWrite = await withReadContext({ wroteAt: null, primaryOnly: true }, async () => {
    await nameOf03637();
    await rename("Xã Thử Bốn");
    return nameOf03637();
  });
  expect(inWrite).toBe("Xã Thử Bốn");
  await rename("Xã Thử Năm");
  expect(await nameOf03637()).toBe("Xã Thử Năm");
});
