/**
 * The freshness bound of the page cache under concurrent saves and reads, with pages kept once per scope (issue 24,
 * lib/web/shared-page.ts), on a real PostgreSQL.
 *
 * A miniature of scripts/server.ts's decision, with its real inputs: the session with the user's role, commune and
 * last write (sessionByToken), the data counters (dataVersion), the scope's slot (viewerScope, sharedPageSlot), the
 * write clock (WriteClock), the store and its rule (VersionedPageStore, freshness), and a "render" that reads the
 * province's reports. Communes submit and the province returns, all at once, while officials who write nothing and
 * the communes themselves read; a second province official shares the province's pages with the one who returns
 * reports. Time is a virtual clock the test moves (never the machine's). It checks, for every page served:
 *  - everyone: nothing committed more than FRESHNESS_MS before the request is missing from the page;
 *  - the user who saved (a commune, or the province official sharing their pages): their own save is on the next
 *    page they get, at once, whoever's request rendered it;
 *  - no page goes to a reader of another scope than the one it was rendered for;
 * and that pages were in fact served stale and shared (the bound is exercised, not avoided by rendering everything).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { addMonths } from "@/lib/domain/periods";
import { closeDb } from "@/lib/data/db";
import { dataVersion, sessionByToken } from "@/lib/data/data-version";
import { latestOpenPeriod, returnReport, submitReport } from "@/lib/data/reports";
import { FRESHNESS_MS, VersionedPageStore } from "@/lib/web/page-cache";
import { WriteClock, sharedPageSlot, viewerScope } from "@/lib/web/shared-page";
import { ALL_WARNING_KEYS, demoDatabase, setReport, validMonth, viewersOf } from "./support/reports";
import { runAt } from "../support/clock";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const P = latestOpenPeriod(TODAY);
const COMMUNES = ["xa-03637", "xa-03388", "xa-03390"] as const;
let pool: pg.Pool;
let communes: Viewer[];
let province: Viewer;
const tokens = new Map<string, string>();

/** What a rendered page shows: each commune's report version this month, read at the render, and for whom. */
interface Figures {
  versions: Record<number, number>;
  scope: string;
  renderedFor: string;
}

/** The virtual clock (ms). */
let clock = TODAY.getTime();

async function sessionFor(userId: string): Promise<string> {
  const token = randomBytes(16).toString("hex");
  await pool.query(
    `INSERT INTO session (id, token, user_id, expires_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
    [randomBytes(8).toString("hex"), token, userId, new Date(clock + 86_400_000), new Date(clock)],
  );
  return token;
}

const store = new VersionedPageStore(16 * 2 ** 20);
const writes = new WriteClock();
const served = { fresh: 0, stale: 0, render: 0, shared: 0 };

/** One page view as scripts/server.ts serves it, at the virtual time `at`. */
async function view(userId: string, at: number): Promise<Figures & { asOf: number; how: string }> {
  const [session, version] = await Promise.all([sessionByToken(tokens.get(userId)!), dataVersion("province", "12")]);
  const scope = viewerScope(session!);
  const slot = sharedPageSlot({ url: "/", scope, locale: "vi", day: "2026-11-28" });
  const order = writes.tick();
  const writeSeen = writes.observe(userId, session!.lastWrite, order);
  const { freshness, kept } = store.lookup(slot, { version, lastWrite: "", writeSeen, now: at });
  served[freshness]++;
  // The page's figures travel in its body, as on a real page.
  if (freshness !== "render") {
    const page = JSON.parse(kept!.page.parts[0]!.toString()) as Figures & { asOf: number };
    expect(page.scope, "a page served to a reader of another scope").toBe(scope);
    if (page.renderedFor !== userId) served.shared++;
    return { ...page, how: freshness };
  }
  // The render: begins at `at`, then reads.
  const { rows } = await pool.query<{ org_unit_id: number; version: number }>(
    `SELECT r.org_unit_id, r.version FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id JOIN org_unit p ON p.id = u.parent_id
     WHERE p.code = '12' AND r.period = $1`,
    [P],
  );
  const figures = {
    versions: Object.fromEntries(rows.map((r) => [r.org_unit_id, r.version])),
    scope,
    renderedFor: userId,
    asOf: at,
  };
  const body = Buffer.from(JSON.stringify(figures));
  const page = { status: 200, headers: [] as [string, string][], parts: [body], nonce: "n", bytes: body.length };
  store.set(slot, scope, { page, version, lastWrite: "", asOf: at, order });
  return { ...figures, how: "render" };
}

/** A second province official: a copy of `tinh` (same role, no commune), who reads and never writes. */
const SECOND = "tinh-hai";

beforeAll(async () => {
  pool = await demoDatabase(TODAY, 6);
  await pool.query(
    `INSERT INTO "user" (id, name, email, email_verified, username, display_username, role, org_unit_id, banned, updated_at)
     SELECT 'u-tinh-hai', 'Phòng Nội vụ', 'tinh-hai@demo.invalid', true, $1, $1, role, org_unit_id, false, now()
     FROM "user" WHERE username = 'tinh' ON CONFLICT (username) DO NOTHING`,
    [SECOND],
  );
  const viewers = await viewersOf(pool, ...COMMUNES, "tinh", "admin", "phantich", SECOND);
  communes = viewers.slice(0, COMMUNES.length);
  province = viewers[COMMUNES.length]!;
  for (const v of viewers) tokens.set(v.id, await sessionFor(v.id));
  for (const c of communes) await setReport(pool, c.orgUnitId!, P, null);
});

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

describe("page cache freshness", () => {
  it("shows everyone every change older than 5 s and the writer their own at once, under concurrent saves and reads", async () => {
    const readers = (await viewersOf(pool, "admin", "phantich", SECOND)).map((v) => v.id);
    const values = new Map<number, Awaited<ReturnType<typeof validMonth>>>();
    for (const c of communes) values.set(c.orgUnitId!, await validMonth(pool, c.orgUnitId!, addMonths(P, -1)));
    /** Each commune's acknowledged report versions, with the virtual time of the acknowledgement. */
    const acks: { orgUnitId: number; version: number; at: number }[] = [];
    const state = new Map<number, { reportId: number; version: number; status: "none" | "SUBMITTED" | "RETURNED" }>();
    for (const c of communes) state.set(c.orgUnitId!, { reportId: 0, version: 0, status: "none" });

    const checkBound = (page: Figures & { asOf: number }, at: number) => {
      for (const a of acks) {
        if (a.at > at - FRESHNESS_MS) continue;
        // Committed more than the bound before this request: the page shows it (or something newer).
        expect(
          page.versions[a.orgUnitId] ?? 0,
          `a save acknowledged at ${a.at} missing from a page served at ${at}`,
        ).toBeGreaterThanOrEqual(a.version);
      }
    };

    for (let round = 0; round < 24; round++) {
      // Between 0 and 1.9 s of virtual time per round: some reads fall within the bound of the last render, some after.
      clock += (round * 7919) % 1900;
      const at = clock;
      const writes = communes.map(async (c) => {
        const s = state.get(c.orgUnitId!)!;
        if (s.status === "SUBMITTED") {
          // The province returns it (the province is a writer too).
          const r = await returnReport(province, { reportId: s.reportId, version: s.version, comment: "Kiểm tra lại" });
          Object.assign(s, { version: r.version, status: "RETURNED" });
          acks.push({ orgUnitId: c.orgUnitId!, version: r.version, at });
          // Read-your-writes on the province's pages, which the second official's requests render too.
          const own = await view(province.id, at);
          expect(own.versions[c.orgUnitId!], "the province did not see its own return").toBeGreaterThanOrEqual(
            r.version,
          );
          checkBound(own, at);
          return;
        }
        if ((round + c.orgUnitId!) % 2) return; // not every commune acts every round
        // The commune looks at the page, then saves, then looks again at once.
        checkBound(await view(c.id, at), at);
        const r = await submitReport(c, {
          communeId: c.orgUnitId!,
          period: P,
          version: s.version,
          values: values.get(c.orgUnitId!)!,
          acknowledgedWarnings: ALL_WARNING_KEYS,
        });
        Object.assign(s, { reportId: r.reportId, version: r.version, status: "SUBMITTED" });
        acks.push({ orgUnitId: c.orgUnitId!, version: r.version, at });
        // Read-your-writes: the commune's next page, right after its save, shows it.
        const own = await view(c.id, at);
        expect(own.versions[c.orgUnitId!], `commune ${c.username} did not see its own save`).toBeGreaterThanOrEqual(
          r.version,
        );
        checkBound(own, at);
      });
      const reads = readers.map(async (userId) => checkBound(await view(userId, at), at));
      await Promise.all([...writes, ...reads]);
      // And after the round, at the same virtual instant, every reader again.
      for (const userId of readers) checkBound(await view(userId, at), at);
    }
    // The bound was exercised: stale pages were served, and so were renders and fresh hits.
    expect(served.stale).toBeGreaterThan(5);
    expect(served.render).toBeGreaterThan(5);
    // Pages were shared: served to a reader of the scope other than the one whose request rendered them.
    expect(served.shared).toBeGreaterThan(5);
    expect(acks.length).toBeGreaterThan(20);
  });
});
