/**
 * The public view (issue 26) against a real PostgreSQL: random reports in every state, random sequences of publish,
 * lock-and-publish and withdraw; after each step, what the public reads return equals the domain rule applied to the
 * approved values of the months published at that moment, and nothing else reaches them: no unpublished month, no
 * draft, submitted or returned figure, no staff name or account, nothing while the view is off.
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import type { Observation } from "@/lib/domain/aggregate";
import { type Index766Inputs, scoreIndex766 } from "@/lib/domain/index766";
import { COMMUNE_RAW_INDICATORS } from "@/lib/domain/indicators";
import { periodsInRange } from "@/lib/domain/periods";
import { buildSnapshot, parsePublicKey, publicPeriods } from "@/lib/domain/publication";
import { closeDb } from "@/lib/data/db";
import {
  listMonthPublications,
  previewPublication,
  publishMonth,
  setPublicView,
  withdrawMonth,
} from "@/lib/data/publication";
import { publicSnapshot, publicState } from "@/lib/data/public-reads";
import { seedIndicators, upsertProvince } from "@/lib/data/seed";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { publicCsv, snapshotRows } from "@/lib/domain/public-view";
import { GET as download } from "@/app/cong-khai/tai-ve/[file]/route";
import sitemap from "@/app/sitemap";
import { resetDatabase, testDatabaseUrl } from "./support/db";

const UNITS = ["91001", "91002", "91003", "91004"];
const MONTHS = periodsInRange("2025-07", "2025-12");
const STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "APPROVED", "APPROVED"] as const;
const SECRET_NAME = "Nguyễn Bí Mật";
const NOW = new Date("2026-11-28T03:00:00Z");

let client: pg.Client;
let ids: Map<string, number>;
const admin: Viewer = {
  id: "u-admin",
  username: "quantri-bimat",
  name: SECRET_NAME,
  role: "ADMIN",
  orgUnitId: null,
  communeCode: null,
};
const province: Viewer = {
  id: "u-tinh",
  username: "tinh-bimat",
  name: SECRET_NAME,
  role: "PROVINCE",
  orgUnitId: null,
  communeCode: null,
};
const analyst: Viewer = {
  id: "u-pt",
  username: "phantich-bimat",
  name: SECRET_NAME,
  role: "ANALYST",
  orgUnitId: null,
  communeCode: null,
};

beforeAll(async () => {
  client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await resetDatabase(client);
  await seedIndicators(client);
  ids = await upsertProvince(
    client,
    { code: "12", name: "Lai Châu", fullName: "Tỉnh Lai Châu" },
    UNITS.map((code, i) => ({
      code,
      name: `Xã ${i}`,
      fullName: `Xã Thử ${i}`,
      kind: i === 3 ? "PHUONG" : "XA",
      formerDistricts: [],
      areaKm2: null,
      population: 1000,
      hqAddress: null,
      centroid: null,
      resolution: null,
      predecessors: [],
    })),
  );
  for (const v of [admin, province, analyst]) {
    await client.query(
      `INSERT INTO "user" (id, name, email, username, role, updated_at) VALUES ($1, $2, $3, $4, $5::"Role", now())`,
      [v.id, v.name, `${v.username}@example.test`, v.username, v.role],
    );
  }
});

afterAll(async () => {
  await client.end();
  await closeDb();
});

type Cell = { status?: (typeof STATUSES)[number]; values: Record<string, number> };

/** Writes the reports; returns the approved observations and reports (all the public may ever see of them). */
async function load(cells: Cell[]) {
  await client.query(
    "DELETE FROM data_value; DELETE FROM monthly_report; DELETE FROM period_lock; DELETE FROM publication; DELETE FROM public_value; DELETE FROM public_report; DELETE FROM public_snapshot",
  );
  const approved: Observation[] = [];
  const approvedReports: { unit: string; period: string; firstSubmittedAt: Date | null }[] = [];
  const hidden = new Set<number>(); // values of reports that are not approved: marked so they can be searched for
  let k = 0;
  for (const unit of UNITS) {
    for (const period of MONTHS) {
      const c = cells[k++]!;
      if (!c.status) continue;
      const [y, m] = period.split("-").map(Number);
      const submitted = c.status === "DRAFT" ? null : new Date(Date.UTC(y!, m!, 3 + (k % 6), 3));
      await client.query(
        `INSERT INTO monthly_report (org_unit_id, period, status, first_submitted_at, updated_at, return_comment) VALUES ($1, $2, $3::"ReportStatus", $4, now(), $5)`,
        [ids.get(unit), period, c.status, submitted, c.status === "RETURNED" ? `Bình luận ${SECRET_NAME}` : null],
      );
      if (c.status === "APPROVED") approvedReports.push({ unit, period, firstSubmittedAt: submitted });
      for (const [code, value] of Object.entries(c.values)) {
        // A value no approved report has: 7-digit numbers ending in 777 mark the others.
        const v = c.status === "APPROVED" ? value : 1_000_777 + value * 1000;
        await client.query(
          `INSERT INTO data_value (org_unit_id, period, indicator_code, value) VALUES ($1, $2, $3, $4)`,
          [ids.get(unit), period, code, v],
        );
        if (c.status === "APPROVED") approved.push({ unit, period, code: code as Observation["code"], value: v });
        else hidden.add(v);
      }
    }
  }
  return { approved, approvedReports, hidden };
}

const cellArb: fc.Arbitrary<Cell> = fc.record({
  status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
  values: fc.dictionary(
    fc.constantFrom(...COMMUNE_RAW_INDICATORS.map((i) => i.code)),
    fc.integer({ min: 0, max: 400 }),
  ),
});
const opArb = fc.record({
  kind: fc.constantFrom("publish", "publish", "lockPublish", "withdraw"),
  month: fc.constantFrom(...MONTHS),
});

/** Decision 766's inputs summed by hand (every input is a monthly flow) over the approved values of a period. */
function sums766(observations: readonly Observation[], from: string, to: string): Index766Inputs {
  const total = (code: string) => {
    const xs = observations.filter((o) => o.code === code && o.period >= from && o.period <= to);
    return xs.length ? xs.reduce((s, o) => s + o.value, 0) : null;
  };
  return {
    resolvedEarly: total("proc_resolved_early"),
    resolvedOnTime: total("proc_resolved_on_time"),
    resolvedLate: total("proc_resolved_late"),
    received: total("proc_received"),
    receivedOnline: total("proc_received_online"),
    dossiersDigitised: total("dossiers_digitised"),
    feedbackReceived: total("feedback_received"),
    feedbackResolved: total("feedback_resolved"),
  };
}

/** A score as the snapshot keeps it, from the decision's rules on hand-summed inputs. */
function expected766(observations: readonly Observation[], from: string, to: string) {
  const score = scoreIndex766(sums766(observations, from, to));
  return {
    total: score.total,
    totalMax: score.totalMax,
    components: score.components.map((c) => ({ id: c.id, rate: c.rate, points: c.points })),
  };
}

/** A public download as its route answers it. */
const get = (file: string) =>
  download(new Request(`http://localhost/cong-khai/tai-ve/${file}`), { params: Promise.resolve({ file }) });

const units = () =>
  UNITS.map((code, i) => ({ code, nameVi: `Xã ${i}`, kind: (i === 3 ? "PHUONG" : "XA") as "XA" | "PHUONG" }));

describe("public view", () => {
  it("is off by default: no period, no snapshot; only an administrator turns it on, audited", async () => {
    expect((await publicState()).periods).toEqual([]);
    await expect(setPublicView(province, { enabled: true })).rejects.toThrow();
    await expect(setPublicView(analyst, { enabled: true })).rejects.toThrow();
    expect(await setPublicView(admin, { enabled: true })).toEqual({ changed: true });
    expect(await setPublicView(admin, { enabled: true })).toEqual({ changed: false });
    const { rows } = await client.query(`SELECT action FROM audit_log WHERE entity = 'public_setting'`);
    expect(rows.map((r) => r.action)).toEqual(["public_view.enable"]);
  });

  it("random publish / withdraw sequences: the public reads equal the domain rule on approved values of published months, nothing else", async () => {
    await setPublicView(admin, { enabled: true });
    await fc.assert(
      fc.asyncProperty(
        fc.array(cellArb, { minLength: UNITS.length * MONTHS.length, maxLength: UNITS.length * MONTHS.length }),
        fc.array(opArb, { minLength: 3, maxLength: 8 }),
        async (cells, ops) => {
          const { approved, approvedReports, hidden } = await load(cells);
          const published = new Set<string>();
          const awaiting = (month: string) =>
            cells.some((c, i) => MONTHS[i % MONTHS.length] === month && c.status === "SUBMITTED");
          const anyApproved = (month: string) =>
            cells.some((c, i) => MONTHS[i % MONTHS.length] === month && c.status === "APPROVED");
          for (const op of ops) {
            const by = op.month.endsWith("1") ? admin : province;
            if (op.kind === "withdraw") {
              const result = withdrawMonth(by, { period: op.month, reason: "thử" });
              if (published.has(op.month)) {
                await result;
                published.delete(op.month);
              } else await expect(result).rejects.toThrow(/chưa được công bố/);
            } else {
              const ok = !published.has(op.month) && !awaiting(op.month) && anyApproved(op.month);
              const result = publishMonth(by, { period: op.month, lock: op.kind === "lockPublish" }, NOW);
              if (ok) {
                await result;
                published.add(op.month);
              } else await expect(result).rejects.toThrow();
            }
            const state = await publicState();
            const expectedPeriods = publicPeriods(published);
            expect(state.periods.map((p) => p.key)).toEqual(expectedPeriods.map((p) => p.key));
            const visibleObs = approved.filter((o) => published.has(o.period));
            const visibleReports = approvedReports.filter((r) => published.has(r.period));
            for (const p of expectedPeriods) {
              const snap = await publicSnapshot(p.key);
              expect(snap, p.key).not.toBeNull();
              const expected = buildSnapshot(p, units(), visibleObs, visibleReports);
              expect(JSON.parse(JSON.stringify(snap!.payload)), p.key).toEqual(JSON.parse(JSON.stringify(expected)));
              // Decision 766: the decision's rules on the period's approved values of published months, summed by hand.
              const index766 = snap!.payload.index766!;
              expect(index766.province, `${p.key} 766`).toEqual(expected766(visibleObs, p.from, p.to));
              for (const unit of UNITS) {
                const own = visibleObs.filter((o) => o.unit === unit);
                expect(index766.communes[unit], `${p.key} 766 ${unit}`).toEqual(expected766(own, p.from, p.to));
              }
              const text = JSON.stringify(snap);
              expect(text).not.toContain(SECRET_NAME);
              expect(text).not.toContain("bimat");
              // As a number of its own: the digits may also occur inside a rate's decimals (0.41000777…) by chance.
              for (const v of hidden) expect(text).not.toMatch(new RegExp(`(?<![\\d.])${v}(?!\\d)`));
            }
            // The downloads and the sitemap, as the routes answer them: the same published figures, nothing else.
            for (const p of expectedPeriods) {
              const expected = buildSnapshot(p, units(), visibleObs, visibleReports);
              // The bytes as sent (Response.text() would drop the BOM).
              const csv = Buffer.from(await (await get(`${p.key}.csv`)).arrayBuffer()).toString("utf8");
              expect(csv, p.key).toBe(publicCsv(snapshotRows(HOME_PROVINCE, "Tỉnh Lai Châu", p, expected), "std"));
            }
            const map = JSON.stringify(await sitemap());
            for (const m of MONTHS) {
              if (published.has(m)) continue;
              expect(await publicSnapshot(m), m).toBeNull();
              expect((await get(`${m}.csv`)).status, m).toBe(404);
              expect(map, m).not.toContain(`period=${m}`);
            }
            for (const key of ["2025-Q3", "2025-Q4", "2025-H2", "2025"]) {
              if (!expectedPeriods.some((p) => p.key === key)) expect(await publicSnapshot(key), key).toBeNull();
            }
          }
        },
      ),
      { numRuns: 6 },
    );
  }, 600_000);

  it("publishing refuses a month with a report awaiting approval and writes nothing; lock-and-publish locks; both audited", async () => {
    await setPublicView(admin, { enabled: true });
    const cells: Cell[] = UNITS.flatMap(() =>
      MONTHS.map((): Cell => ({ status: "APPROVED", values: { proc_received: 10, proc_resolved_on_time: 9 } })),
    );
    cells[0] = { status: "SUBMITTED", values: { proc_received: 5 } }; // 91001, 2025-07
    await load(cells);
    await expect(publishMonth(province, { period: "2025-07" }, NOW)).rejects.toThrow(
      "Còn 1 báo cáo tháng 07/2025 chờ duyệt",
    );
    expect((await client.query(`SELECT count(*)::int AS n FROM public_value`)).rows[0].n).toBe(0);
    await expect(publishMonth(analyst, { period: "2025-08" }, NOW)).rejects.toThrow();
    const preview = await previewPublication(province, { period: "2025-08" }, NOW);
    expect(preview.problems).toEqual([]);
    expect(preview.payload.province.proc_received!.value).toBe(40);
    expect(await publicSnapshot("2025-08")).toBeNull(); // a preview publishes nothing
    await publishMonth(province, { period: "2025-08", lock: true, reason: "Số liệu chính thức" }, NOW);
    expect((await publicSnapshot("2025-08"))!.payload.province.proc_received!.value).toBe(40);
    expect((await client.query(`SELECT count(*)::int AS n FROM period_lock WHERE period = '2025-08'`)).rows[0].n).toBe(
      1,
    );
    const { rows } = await client.query(
      `SELECT action, username, period FROM audit_log WHERE period = '2025-08' ORDER BY id DESC LIMIT 2`,
    );
    expect(rows.reverse()).toEqual([
      { action: "period.lock", username: "tinh-bimat", period: "2025-08" },
      { action: "publication.publish", username: "tinh-bimat", period: "2025-08" },
    ]);
    const list = await listMonthPublications(province, NOW);
    expect(list.months.find((m) => m.period === "2025-08")).toMatchObject({
      published: true,
      locked: true,
      approved: 4,
      expected: 4,
    });
    expect(list.months.find((m) => m.period === "2025-07")!.problems[0]).toMatch(/chờ duyệt/);
    await withdrawMonth(admin, { period: "2025-08", reason: "Sai số liệu" });
    expect(await publicSnapshot("2025-08")).toBeNull();
  });

  it("off again: every public read is empty, whatever is published", async () => {
    await setPublicView(admin, { enabled: true });
    const cells: Cell[] = UNITS.flatMap(() =>
      MONTHS.map((): Cell => ({ status: "APPROVED", values: { proc_received: 10 } })),
    );
    await load(cells);
    await publishMonth(admin, { period: "2025-09" }, NOW);
    expect(await publicSnapshot("2025-09")).not.toBeNull();
    for (const format of ["csv", "vi.csv", "xlsx"]) expect((await get(`2025-09.${format}`)).status, format).toBe(200);
    const before = (await publicState()).version;
    await setPublicView(admin, { enabled: false });
    const state = await publicState();
    expect(state).toMatchObject({ enabled: false, periods: [] });
    expect(state.version).not.toBe(before);
    expect(await publicSnapshot("2025-09")).toBeNull();
    for (const format of ["csv", "vi.csv", "xlsx"]) expect((await get(`2025-09.${format}`)).status, format).toBe(404);
    expect(await sitemap()).toEqual([]);
    expect(parsePublicKey("2025-09")).not.toBeNull();
  });
});
