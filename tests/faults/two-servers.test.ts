/**
 * Starting together (issue 30, item 7): two `npm start` on one empty database (DATABASE_URL), started at the same
 * moment, both get it ready and both serve a signed-in page; the demo data are loaded once.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type App, hasBuild, signIn, startApp } from "./support";

const admin = process.env.TEST_ADMIN_DATABASE_URL;
const name = `faults_two_${process.pid}`;
const url = admin ? admin.replace(/\/[^/]*$/, `/${name}`) : "";
const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), "tracker-two-")));
const apps: App[] = [];

async function onAdmin(sql: string) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (admin) await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}, 30_000);

describe.skipIf(!hasBuild || !admin)("two servers starting together", () => {
  it("both serve, the demo data loaded once", async () => {
    await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await onAdmin(`CREATE DATABASE ${name}`);
    for (const d of dirs) chmodSync(d, 0o711);
    const started = await Promise.allSettled(dirs.map((dataDir) => startApp({ dataDir, env: { DATABASE_URL: url } })));
    for (const s of started) if (s.status === "fulfilled") apps.push(s.value);
    expect(started.map((s) => (s.status === "rejected" ? String(s.reason) : "ok"))).toEqual(["ok", "ok"]);
    for (const app of apps) {
      const session = await signIn(app);
      expect(session.status).toBe(200);
      expect((await fetch(`${app.url}/`, { headers: { cookie: session.cookie } })).status).toBe(200);
    }
    const loaded = apps.filter((a) => a.output.some((l) => /Loaded demo data/.test(l)));
    expect(loaded).toHaveLength(1);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      expect((await c.query(`SELECT count(*)::int AS n FROM "user" WHERE username = 'tinh'`)).rows[0].n).toBe(1);
    } finally {
      await c.end();
    }
  }, 240_000);
});
