/**
 * Merge by field on a real PostgreSQL: a save based on an older version, carrying its base values, keeps what others
 * changed in other fields and refuses only fields both changed, with both values and who saved the other.
 */
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { closeDb } from "@/lib/data/db";
import { DataError } from "@/lib/data/errors";
import { addMonths } from "@/lib/domain/periods";
import { approvalQueue, latestOpenPeriod, returnReport, saveDraft, submitReport } from "@/lib/data/reports";
import { ALL_WARNING_KEYS, demoDatabase, setReport, validMonth, viewerOf } from "./support/reports";

const TODAY = new Date("2026-11-28T03:00:00Z");
const P = latestOpenPeriod();
let pool: pg.Pool;
let commune: Viewer;
let own: number;

beforeAll(async () => {
  pool = await demoDatabase(TODAY);
  commune = await viewerOf(pool, "xa-03637");
  own = commune.orgUnitId!;
});

beforeEach(async () => {
  await setReport(pool, own, P, null);
});

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

async function stored(): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ code: string; value: number }>(
    `SELECT indicator_code AS code, value FROM data_value WHERE org_unit_id = $1 AND period = $2`,
    [own, P],
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.value]));
}

const base = { staff_quota: 392, feedback_received: 1 };

async function startingPoint() {
  const first = await saveDraft(commune, { communeId: own, period: P, version: 0, values: base });
  expect(first.version).toBe(1);
}

describe("merge by field", () => {
  it("A changes staff_quota, B (same version) changes feedback_received: both changes survive", async () => {
    await startingPoint();
    const a = await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 1,
      baseValues: base,
      values: { ...base, staff_quota: 333 },
    });
    expect(a.version).toBe(2);
    const b = await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 1,
      baseValues: base,
      values: { ...base, feedback_received: 9 },
    });
    expect(b.version).toBe(3);
    expect(b.values).toEqual({ staff_quota: 333, feedback_received: 9 });
    expect(b.merged).toEqual({ fields: ["staff_quota"], by: "xa-03637" });
    expect(await stored()).toEqual({ staff_quota: 333, feedback_received: 9 });
  });

  it("both change one field: exactly that field is a conflict, with both values and who saved; nothing is written", async () => {
    await startingPoint();
    await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 1,
      baseValues: base,
      values: { ...base, staff_quota: 333 },
    });
    const error = await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 1,
      baseValues: base,
      values: { staff_quota: 400, feedback_received: 9 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    const conflict = (error as DataError).details.conflict!;
    expect((error as DataError).code).toBe("CONFLICT");
    expect(conflict.fields).toEqual([{ field: "staff_quota", base: 392, mine: 400, theirs: 333 }]);
    expect(conflict).toMatchObject({
      serverVersion: 2,
      lastSavedBy: "xa-03637",
      serverValues: { staff_quota: 333, feedback_received: 1 },
    });
    expect(await stored()).toEqual({ staff_quota: 333, feedback_received: 1 });
  });

  it("resolving from the server's version keeps the other user's fields whatever is chosen", async () => {
    await startingPoint();
    await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 1,
      baseValues: base,
      values: { staff_quota: 333, feedback_received: 4 },
    });
    // B changed feedback_received only; conflict there; B keeps theirs ("mine") and saves from version 2.
    const serverValues = { staff_quota: 333, feedback_received: 4 };
    const resolved = await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 2,
      baseValues: serverValues,
      values: { staff_quota: 333, feedback_received: 9 },
    });
    expect(resolved.version).toBe(3);
    expect(await stored()).toEqual({ staff_quota: 333, feedback_received: 9 });
  });

  it("without base values an old-version save is still refused (no silent overwrite)", async () => {
    await startingPoint();
    await saveDraft(commune, { communeId: own, period: P, version: 1, values: { ...base, staff_quota: 333 } });
    const error = await saveDraft(commune, {
      communeId: own,
      period: P,
      version: 1,
      values: { ...base, feedback_received: 9 },
    }).catch((e: unknown) => e);
    expect((error as DataError).code).toBe("CONFLICT");
    expect(await stored()).toEqual({ staff_quota: 333, feedback_received: 1 });
  });
});

describe("a returned report submitted again", () => {
  it("shows the reviewer what changed since it was returned, not since last month", async () => {
    const province = await viewerOf(pool, "tinh");
    const values = await validMonth(pool, own, addMonths(P, -1));
    const first = await submitReport(commune, {
      communeId: own,
      period: P,
      version: 0,
      values,
      acknowledgedWarnings: ALL_WARNING_KEYS,
    });
    await returnReport(province, { reportId: first.reportId, comment: "Kiểm tra lại số CB.", version: first.version });
    const returned = (await approvalQueue(province, { period: P })).items.find((i) => i.reportId === first.reportId)!;
    expect(returned.sinceReturn).toBeNull();
    const edited = { ...values, staff_cadres: values.staff_cadres! + 1 };
    const draft = await saveDraft(commune, { communeId: own, period: P, version: first.version + 1, values: edited });
    const again = await submitReport(commune, {
      communeId: own,
      period: P,
      version: draft.version,
      values: {
        ...edited,
        feedback_received: values.feedback_received! + 2,
        feedback_resolved: values.feedback_resolved,
      },
      acknowledgedWarnings: ALL_WARNING_KEYS,
    });
    const item = (await approvalQueue(province, { period: P })).items.find((i) => i.reportId === again.reportId)!;
    expect(item.status).toBe("SUBMITTED");
    expect(item.sinceReturn).toEqual([
      { field: "staff_cadres", returned: values.staff_cadres, current: values.staff_cadres! + 1 },
      { field: "feedback_received", returned: values.feedback_received, current: values.feedback_received! + 2 },
    ]);
  });
});
