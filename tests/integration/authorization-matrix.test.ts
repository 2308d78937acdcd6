/**
 * SPEC §2 as a matrix: every role × every read and write function of lib/data/reports (plus the audit log and
 * user administration) × a target in the acting commune user's own commune and in a foreign one. Each cell puts
 * the database into a state where the call would succeed, calls it as that role, and checks it either succeeds
 * or is refused with FORBIDDEN, leaving no audit row behind.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { addMonths } from "@/lib/domain/periods";
import { closeDb } from "@/lib/data/db";
import { DataError } from "@/lib/data/errors";
import { readAuditLog } from "@/lib/data/audit";
import {
  approvalQueue,
  approveReport,
  bulkApprove,
  latestOpenPeriod,
  listCommuneMonths,
  listPeriodLocks,
  loadMonthForm,
  lockPeriod,
  recentDecisions,
  reopenReport,
  returnReport,
  saveDraft,
  submitReport,
  unlockPeriod,
} from "@/lib/data/reports";
import { listUsers, setUserDisabled, setUserEmail } from "@/lib/data/users";
import { createAccount, resetAccount, unlockAccount, updateAccount } from "@/lib/data/accounts";
import { resetSecondFactor } from "@/lib/data/two-factor";
import {
  ALL_WARNING_KEYS,
  auditCount,
  communeId,
  demoDatabase,
  setReport,
  validMonth,
  viewerOf,
} from "./support/reports";
import { runAt } from "../support/clock";

// 10:00 on 28 November 2026 in Vietnam: October is overdue, November is the running month.
const TODAY = runAt("2026-11-28T10:00:00+07:00");
const P = latestOpenPeriod(TODAY);
const LOCK_PERIOD = "2025-07";
const OWN = "03637"; // Xã Mường Kim: the acting commune user is xa-03637
const FOREIGN = "03451";

type Actor = "ADMIN" | "PROVINCE" | "COMMUNE" | "ANALYST";
type Target = "own" | "foreign";
const ACTORS: Actor[] = ["ADMIN", "PROVINCE", "COMMUNE", "ANALYST"];
const TARGETS: Target[] = ["own", "foreign"];

let pool: pg.Pool;
const viewers = {} as Record<Actor, Viewer>;
const units = {} as Record<Target, number>;
const targetUser = {} as Record<Target, string>;
const matrix: { fn: string; actor: Actor; target: Target; expected: "allow" | "deny"; actual: "allow" | "deny" }[] = [];

beforeAll(async () => {
  pool = await demoDatabase(TODAY);
  viewers.ADMIN = await viewerOf(pool, "admin");
  viewers.PROVINCE = await viewerOf(pool, "tinh");
  viewers.COMMUNE = await viewerOf(pool, `xa-${OWN}`);
  viewers.ANALYST = await viewerOf(pool, "phantich");
  units.own = await communeId(pool, OWN);
  units.foreign = await communeId(pool, FOREIGN);
  // The user to disable: the own commune's account, or a foreign commune's.
  targetUser.own = viewers.COMMUNE.id;
  targetUser.foreign = (await viewerOf(pool, `xa-${FOREIGN}`)).id;
});

afterAll(async () => {
  const allowed = matrix.filter((m) => m.actual === "allow").length;
  const fns = new Set(matrix.map((m) => m.fn)).size;
  console.log(
    `authorization matrix: ${ACTORS.length} roles × ${fns} functions × ${TARGETS.length} targets = ${matrix.length} cells (${allowed} allowed, ${matrix.length - allowed} denied)`,
  );
  for (const fn of [...new Set(matrix.map((m) => m.fn))]) {
    const row = matrix
      .filter((m) => m.fn === fn)
      .map((m) => `${m.actor}/${m.target}:${m.actual === "allow" ? "✓" : "✗"}`)
      .join(" ");
    console.log(`  ${fn.padEnd(26)} ${row}`);
  }
  await pool?.end();
  await closeDb();
});

interface Cell {
  /** Who may: the allowed (actor, target) pairs; everything else must be refused. */
  allow: (actor: Actor, target: Target) => boolean;
  /** Puts the database in a state where the call succeeds for an allowed actor. */
  setup: (target: Target) => Promise<unknown>;
  call: (viewer: Viewer, target: Target, fixture: unknown) => Promise<unknown>;
}

const reviewer = (a: Actor) => a === "ADMIN" || a === "PROVINCE";
const ownCommune = (a: Actor, t: Target) => a === "COMMUNE" && t === "own";
const everyone = () => true;

async function reportIn(target: Target, status: "DRAFT" | "SUBMITTED" | "APPROVED" | null): Promise<number | null> {
  const values = status === "DRAFT" || status === null ? {} : await validMonth(pool, units[target], addMonths(P, -1));
  return setReport(pool, units[target], P, status, values);
}

const CELLS: Record<string, Cell> = {
  listCommuneMonths: {
    allow: (a, t) => reviewer(a) || ownCommune(a, t),
    setup: async () => null,
    call: (v, t) => listCommuneMonths(v, { communeId: units[t], today: TODAY }),
  },
  "loadMonthForm(draft)": {
    allow: (a, t) => reviewer(a) || ownCommune(a, t),
    setup: (t) => reportIn(t, "DRAFT"),
    call: (v, t) => loadMonthForm(v, { communeId: units[t], period: P }),
  },
  "loadMonthForm(submitted)": {
    allow: (a, t) => reviewer(a) || ownCommune(a, t) || a === "ANALYST",
    setup: (t) => reportIn(t, "SUBMITTED"),
    call: (v, t) => loadMonthForm(v, { communeId: units[t], period: P }),
  },
  saveDraft: {
    allow: ownCommune,
    setup: (t) => reportIn(t, null),
    call: async (v, t) =>
      saveDraft(v, {
        communeId: units[t],
        period: P,
        version: 0,
        values: await validMonth(pool, units[t], addMonths(P, -1)),
      }),
  },
  submitReport: {
    allow: ownCommune,
    setup: (t) => reportIn(t, "DRAFT"),
    call: async (v, t) =>
      submitReport(v, {
        communeId: units[t],
        period: P,
        version: 1,
        values: await validMonth(pool, units[t], addMonths(P, -1)),
        acknowledgedWarnings: ALL_WARNING_KEYS,
      }),
  },
  recentDecisions: {
    // The decisions carry the return comments: the commune's own staff and the reviewers.
    allow: (a, t) => reviewer(a) || ownCommune(a, t),
    setup: async () => null,
    call: (v, t) => recentDecisions(v, { communeId: units[t] }),
  },
  approvalQueue: {
    allow: reviewer,
    setup: async () => null,
    call: (v) => approvalQueue(v, { period: P }),
  },
  approveReport: {
    allow: reviewer,
    setup: (t) => reportIn(t, "SUBMITTED"),
    call: (v, _t, id) => approveReport(v, { reportId: id as number }),
  },
  returnReport: {
    allow: reviewer,
    setup: (t) => reportIn(t, "SUBMITTED"),
    call: (v, _t, id) => returnReport(v, { reportId: id as number, comment: "Đề nghị rà soát số hồ sơ quá hạn" }),
  },
  reopenReport: {
    allow: reviewer,
    setup: (t) => reportIn(t, "APPROVED"),
    call: (v, _t, id) => reopenReport(v, { reportId: id as number, reason: "Xã báo cáo nhầm số liệu", to: "DRAFT" }),
  },
  bulkApprove: {
    allow: reviewer,
    setup: (t) => reportIn(t, "SUBMITTED"),
    call: (v) => bulkApprove(v, { period: P }),
  },
  listPeriodLocks: {
    allow: everyone,
    setup: async () => null,
    call: (v) => listPeriodLocks(v),
  },
  lockPeriod: {
    allow: reviewer,
    setup: () => pool.query(`DELETE FROM period_lock WHERE period = $1`, [LOCK_PERIOD]),
    call: (v) => lockPeriod(v, { period: LOCK_PERIOD, reason: "Khoá sổ" }),
  },
  unlockPeriod: {
    allow: reviewer,
    setup: () => pool.query(`INSERT INTO period_lock (period) VALUES ($1) ON CONFLICT DO NOTHING`, [LOCK_PERIOD]),
    call: (v) => unlockPeriod(v, { period: LOCK_PERIOD, reason: "Mở khoá" }),
  },
  readAuditLog: {
    allow: reviewer,
    setup: async () => null,
    call: (v, t) => readAuditLog(v, { communeId: units[t] }),
  },
  listUsers: {
    allow: (a) => a === "ADMIN",
    setup: async () => null,
    call: (v) => listUsers(v),
  },
  "setUserDisabled(enable)": {
    allow: (a) => a === "ADMIN",
    setup: (t) => pool.query(`UPDATE "user" SET banned = true WHERE id = $1`, [targetUser[t]]),
    call: (v, t) => setUserDisabled(v, { userId: targetUser[t], disabled: false }),
  },
  "setUserDisabled(disable)": {
    allow: (a) => a === "ADMIN",
    setup: (t) => pool.query(`UPDATE "user" SET banned = false WHERE id = $1`, [targetUser[t]]),
    call: (v, t) => setUserDisabled(v, { userId: targetUser[t], disabled: true, reason: "Nghỉ việc" }),
  },
  setUserEmail: {
    allow: (a) => a === "ADMIN",
    setup: async () => null,
    call: (v, t) => setUserEmail(v, { userId: targetUser[t], email: `xa-${t}@laichau.example` }),
  },
  createAccount: {
    allow: (a) => a === "ADMIN",
    setup: async () => null,
    call: (v, t) => createAccount(v, { name: "Cán bộ mới", role: "COMMUNE", communeCode: t === "own" ? OWN : FOREIGN }),
  },
  resetAccount: {
    allow: (a) => a === "ADMIN",
    setup: async () => null,
    call: (v, t) => resetAccount(v, targetUser[t]),
  },
  updateAccount: {
    allow: (a) => a === "ADMIN",
    setup: async () => null,
    call: (v, t) =>
      updateAccount(v, { userId: targetUser[t], role: "COMMUNE", communeCode: t === "own" ? OWN : FOREIGN }),
  },
  unlockAccount: {
    allow: (a) => a === "ADMIN",
    setup: async () => null,
    call: (v, t) => unlockAccount(v, targetUser[t]),
  },
  resetSecondFactor: {
    allow: (a) => a === "ADMIN",
    setup: (t) => pool.query(`UPDATE "user" SET two_factor_enabled = true WHERE id = $1`, [targetUser[t]]),
    call: (v, t) => resetSecondFactor(v, targetUser[t]),
  },
};

async function outcome(fn: () => Promise<unknown>): Promise<"allow" | "deny"> {
  try {
    await fn();
    return "allow";
  } catch (error) {
    if (error instanceof DataError && error.code === "FORBIDDEN") return "deny";
    throw error;
  }
}

describe("authorization matrix (SPEC §2)", () => {
  for (const [fn, cell] of Object.entries(CELLS)) {
    describe(fn, () => {
      for (const actor of ACTORS) {
        for (const target of TARGETS) {
          const expected = cell.allow(actor, target) ? "allow" : "deny";
          it(`${actor} on ${target} commune: ${expected}`, async () => {
            const fixture = await cell.setup(target);
            const before = await auditCount(pool);
            const actual = await outcome(() => cell.call(viewers[actor], target, fixture));
            matrix.push({ fn, actor, target, expected, actual });
            expect(actual).toBe(expected);
            // A refused call writes nothing, not even an audit row.
            if (actual === "deny") expect(await auditCount(pool)).toBe(before);
          });
        }
      }
    });
  }

  it("covers every exported function of lib/data/reports that reads or writes", async () => {
    const reports = await import("@/lib/data/reports");
    const exported = Object.entries(reports)
      .filter(([name, v]) => typeof v === "function" && name !== "latestOpenPeriod" && name !== "DataError")
      .map(([n]) => n);
    const covered = new Set(Object.keys(CELLS).map((k) => k.replace(/\(.*\)$/, "")));
    // 24 rows (loadMonthForm and setUserDisabled twice; the account functions of lib/data/accounts.ts and
    // lib/data/two-factor.ts) × 4 roles × 2 targets.
    expect(exported.filter((n) => !covered.has(n))).toEqual([]);
    expect(Object.keys(CELLS).length * ACTORS.length * TARGETS.length).toBe(192);
  });

  it("a commune user cannot write another commune by sending its id, nor read its drafts through the history", async () => {
    const foreignId = await reportIn("foreign", "DRAFT");
    const attempt = saveDraft(viewers.COMMUNE, {
      communeId: units.foreign,
      period: P,
      version: 1,
      values: { proc_received: 1 },
    });
    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { rows } = await pool.query(`SELECT version FROM monthly_report WHERE id = $1`, [foreignId]);
    expect(rows[0].version).toBe(1);
  });

  it("an analyst reading a submitted report sees only received months in its history", async () => {
    await reportIn("own", "SUBMITTED");
    await setReport(pool, units.own, addMonths(P, -1), "DRAFT", { proc_received: 5 });
    const form = await loadMonthForm(viewers.ANALYST, { communeId: units.own, period: P });
    expect(form.previousValues).toBeNull();
    expect(form.editable).toBe(false);
  });
});
