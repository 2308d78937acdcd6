/**
 * POST /api/v1/import answers a refusal with the status the rest of /api/v1 gives it (lib/auth/api.ts's FAILURE_STATUS,
 * from the one classification of server actions and routes), not a status of its own: a user whose other file is
 * still being checked is told to wait (429), neither forbidden (403) nor told the file is wrong (422).
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { closeDb } from "@/lib/data/db";
import { createDemoAccounts } from "@/lib/data/demo-accounts";
import { seedReferenceData } from "@/lib/data/seed";
import { importApi } from "@/lib/web/import-api";
import { USER_BUSY_MESSAGE, runInWorker } from "@/lib/workers/pool";
import { resetDatabase, testDatabaseUrl, withClient } from "./support/db";
import { viewerOf } from "./support/reports";

let pool: pg.Pool;
let commune: Viewer;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedReferenceData(c);
    await createDemoAccounts(c, "12");
  });
  commune = await viewerOf(pool, "xa-03637");
}, 180_000);

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

const post = (viewer: Viewer) =>
  importApi(
    new Request("http://localhost/api/v1/import?dry_run=1", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "commune_code,period,indicator_code,value\n03637,2025-11,proc_received,3\n",
    }),
    viewer,
  );

describe("POST /api/v1/import: a refusal's status is the shared classification's", () => {
  it("busy with another file of the same user: 429 with the message, not 403 or 422; the next request goes through", async () => {
    let finish = () => {};
    const other = runInWorker(commune.id, "import", () => new Promise<void>((resolve) => (finish = resolve)));
    try {
      const busy = await post(commune);
      expect(busy.status).toBe(429);
      expect(await busy.json()).toEqual({ error: USER_BUSY_MESSAGE });
    } finally {
      finish();
      await other;
    }
    expect((await post(commune)).status).toBe(200);
  });
});
