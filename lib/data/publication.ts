/**
 * The public view (issue 26): publishing and withdrawing months, the switch, and the only reads the public pages make.
 *
 * Publishing month M copies the approved values and reports of M (commune-level raw indicators only) into public_value
 * and public_report, records the publication, and recomputes the snapshot (public_snapshot) of every public period
 * that ends in M or later (stock figures carry, the running total of pages accumulates) from those copies alone, with
 * lib/domain/publication.ts's buildSnapshot. Withdrawing deletes the month's copies and recomputes the same way.
 * Both are one transaction with an audit row and a new version of public_setting (the public cache's key).
 *
 * The public reads (publicState, publicSnapshot, in ./public-reads.ts) take no viewer and return only what is in those tables, for months
 * published now and only while the switch is on; a period is chosen by its key among the published ones.
 */
import type pg from "pg";
import type { Viewer } from "@/lib/auth/viewer";
import { now as clockNow } from "@/lib/clock";
import { canPublish, canSwitchPublicView } from "@/lib/domain/permissions";
import { type Period, REFORM_START, isPeriod, lastFullMonth, periodsInRange } from "@/lib/domain/periods";
import { isMonthComplete } from "@/lib/domain/coverage";
import {
  type PublishRule,
  type PublishState,
  type SnapshotPayload,
  type WithdrawRule,
  buildSnapshot,
  publishMessageVi,
  publishRefusals,
  withdrawRefusals,
} from "@/lib/domain/publication";
import type { Wording } from "@/lib/domain/wording";
import { optionalText } from "./text-input";
import { appendAudit } from "./audit-write";
import { db } from "./db";
import { DataError, forbidden } from "./errors";
import { transaction } from "./transaction";
import {
  Tx,
  Sql,
  txSql,
  pgSql,
  PUBLICATION_LOCK,
  provinceId,
  monthState,
  publicUnits,
  approvedMonth,
  publishedData,
  rebuildSnapshots,
  bumpVersion,
  publishCore,
} from "./publication-core";

export interface MonthPublication {
  period: Period;
  published: boolean;
  publishedAt: Date | null;
  locked: boolean;
  expected: number;
  approved: number;
  awaitingApproval: number;
  /** Why it cannot be published now (empty: it can), in Vietnamese and as rules (the catalogue's `dataErrors.publish`). */
  problems: string[];
  refusals: Wording<PublishRule>[];
}

/** A month's publishing refusals, in Vietnamese and as rules. */
function publishChecks(state: PublishState): { problems: string[]; refusals: Wording<PublishRule>[] } {
  const refusals = publishRefusals(state);
  return { problems: refusals.map(publishMessageVi), refusals };
}

/**
 * Refuses a publication or a withdrawal that breaks a rule: one refusal in the viewer's language (`dataErrors.publish`);
 * several (a month changed since its page was shown) in Vietnamese, joined, as before.
 */
function refuseFor(refusals: Wording<PublishRule | WithdrawRule>[]): void {
  if (refusals.length === 1)
    throw new DataError("INVALID", { key: `publish.${refusals[0]!.rule}`, values: refusals[0]!.values });
  if (refusals.length) throw new DataError("INVALID", refusals.map(publishMessageVi).join(" "));
}

/** Every month from 07/2025 to the last full month, with what stands in the way of publishing it. For the publication page. */
export async function listMonthPublications(
  viewer: Viewer,
  at: Date = clockNow(),
): Promise<{ enabled: boolean; months: MonthPublication[] }> {
  if (!canPublish(viewer)) throw forbidden();
  const prisma = db().prisma;
  const pid = await provinceId((text, params = []) => prisma.$queryRawUnsafe(text, ...params));
  const last = lastFullMonth(at);
  const [counts, pubs, locks, setting] = await Promise.all([
    prisma.$queryRaw<{ period: string; approved: number; awaiting: number; expected: number }[]>`
      SELECT m.period,
        count(r.id) FILTER (WHERE r.status = 'APPROVED')::int AS approved,
        count(r.id) FILTER (WHERE r.status = 'SUBMITTED')::int AS awaiting,
        (SELECT count(*) FROM org_unit c WHERE c.parent_id = ${pid} AND c.level = 'COMMUNE')::int AS expected
      FROM (SELECT to_char(d, 'YYYY-MM') AS period FROM generate_series(to_date(${REFORM_START}, 'YYYY-MM'), to_date(${last}, 'YYYY-MM'), interval '1 month') d) m
      LEFT JOIN org_unit u ON u.parent_id = ${pid} AND u.level = 'COMMUNE'
      LEFT JOIN monthly_report r ON r.org_unit_id = u.id AND r.period = m.period
      GROUP BY m.period ORDER BY m.period DESC`,
    prisma.publication.findMany({ where: { provinceId: pid } }),
    prisma.periodLock.findMany({ select: { period: true } }),
    prisma.publicSetting.findUnique({ where: { id: 1 } }),
  ]);
  const published = new Map(pubs.map((p) => [p.period, p.publishedAt]));
  const locked = new Set(locks.map((l) => l.period));
  return {
    enabled: setting?.enabled ?? false,
    months: counts.map((c) => ({
      period: c.period,
      published: published.has(c.period),
      publishedAt: published.get(c.period) ?? null,
      locked: locked.has(c.period),
      expected: c.expected,
      approved: c.approved,
      awaitingApproval: c.awaiting,
      ...publishChecks({
        period: c.period,
        now: at,
        published: published.has(c.period),
        awaitingApproval: c.awaiting,
        approved: c.approved,
      }),
    })),
  };
}

function assertMonth(period: unknown): asserts period is Period {
  if (!isPeriod(period)) throw new DataError("INVALID", { key: "publication.badMonth" });
}

/**
 * Exactly what publishing the month would make public: the month's snapshot computed from its approved values now
 * and the months already published, with the reasons it cannot be published yet (if any). Writes nothing.
 */
export async function previewPublication(
  viewer: Viewer,
  input: { period: unknown },
  at: Date = clockNow(),
): Promise<{
  period: Period;
  problems: string[];
  refusals: Wording<PublishRule>[];
  payload: SnapshotPayload;
}> {
  if (!canPublish(viewer)) throw forbidden();
  assertMonth(input.period);
  const period = input.period;
  return transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const sql = txSql(tx);
    const pid = await provinceId(sql);
    const state = await monthState(sql, pid, period);
    const checks = publishChecks({
      period,
      now: at,
      published: state.published,
      awaitingApproval: state.awaiting,
      approved: state.approved,
    });
    const units = await publicUnits(sql, pid);
    const data = await publishedData(sql, pid);
    const month = state.published ? { observations: [], reports: [] } : await approvedMonth(sql, pid, period);
    const payload = buildSnapshot(
      { from: period, to: period },
      units,
      [...data.observations, ...month.observations],
      [...data.reports, ...month.reports],
    );
    return { period, ...checks, payload };
  });
}

/**
 * A publication or withdrawal of one month by a viewer who may publish: one transaction, after the other changes of
 * publications (an advisory lock), with the month checked and the reason trimmed.
 */
function changePublication<T>(
  viewer: Viewer,
  input: { period: unknown; reason?: unknown },
  change: (c: { tx: Tx; sql: Sql; pid: number; period: Period; reason: string | null }) => Promise<T>,
): Promise<T> {
  if (!canPublish(viewer)) throw forbidden();
  assertMonth(input.period);
  const period = input.period;
  const reason = optionalText(input.reason);
  return transaction(
    async (tx) => {
      const sql = txSql(tx);
      await sql(`SELECT 1 AS ok FROM pg_advisory_xact_lock($1)`, [PUBLICATION_LOCK]);
      return change({ tx, sql, pid: await provinceId(sql), period, reason });
    },
    { timeoutMs: 120_000 },
  );
}

/**
 * Publishes a month: with `lock`, locks it first (no report of it can change afterwards: "khoá sổ và công bố").
 * Refused, with nothing written, while a report of it waits for approval, before the month has ended, or when already
 * published. Audited (publication.publish, and period.lock when it locks).
 */
export async function publishMonth(
  viewer: Viewer,
  input: { period: unknown; lock?: boolean; reason?: unknown },
  at: Date = clockNow(),
): Promise<{ snapshots: number }> {
  return changePublication(viewer, input, async ({ tx, sql, pid, period, reason }) => {
    if (input.lock) {
      // Waits for saves in flight (they hold period_lock in SHARE mode); none of the month's can start afterwards.
      const rows = await tx.$queryRaw<{ period: string }[]>`
        INSERT INTO period_lock (period, locked_by_id, reason, locked_at) VALUES (${period}, ${viewer.id}, ${reason}, ${at})
        ON CONFLICT (period) DO NOTHING RETURNING period`;
      if (rows.length) {
        await appendAudit(tx, viewer, {
          action: "period.lock",
          entity: "period_lock",
          entityId: period,
          period,
          changes: { locked: { old: false, new: true } },
          reason: reason ?? "Khoá sổ để công bố",
        });
      }
    }
    const state = await monthState(sql, pid, period);
    refuseFor(
      publishRefusals({
        period,
        now: at,
        published: state.published,
        awaitingApproval: state.awaiting,
        approved: state.approved,
      }),
    );
    const { reports, snapshots } = await publishCore(sql, pid, period, at, viewer.id);
    await appendAudit(tx, viewer, {
      action: "publication.publish",
      entity: "publication",
      entityId: period,
      period,
      changes: { published: { old: false, new: true }, reports: { old: null, new: reports } },
      reason,
    });
    return { snapshots };
  });
}

/** Withdraws a published month: its figures leave the public view at once (and every period that contained it). */
export async function withdrawMonth(
  viewer: Viewer,
  input: { period: unknown; reason?: unknown },
): Promise<{ snapshots: number }> {
  return changePublication(viewer, input, async ({ tx, sql, pid, period, reason }) => {
    const { count } = await tx.publication.deleteMany({ where: { provinceId: pid, period } });
    refuseFor(withdrawRefusals({ period, published: count > 0 }));
    await tx.publicValue.deleteMany({ where: { provinceId: pid, period } });
    await tx.publicReport.deleteMany({ where: { provinceId: pid, period } });
    const snapshots = await rebuildSnapshots(sql, pid, period);
    await bumpVersion(sql);
    await appendAudit(tx, viewer, {
      action: "publication.withdraw",
      entity: "publication",
      entityId: period,
      period,
      changes: { published: { old: true, new: false } },
      reason,
    });
    return { snapshots };
  });
}

/** Turns the public view on or off (administrators). Off, every public address answers 404. Audited. */
export async function setPublicView(viewer: Viewer, input: { enabled: unknown }): Promise<{ changed: boolean }> {
  if (!canSwitchPublicView(viewer)) throw forbidden();
  if (typeof input.enabled !== "boolean") throw new DataError("INVALID", { key: "publication.badSwitch" });
  const enabled = input.enabled;
  return transaction(async (tx) => {
    // No row yet means off (the migration writes none, so that a restore never meets it twice).
    const rows = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO public_setting (id, enabled, version, changed_at) VALUES (1, ${enabled}, 1, ${clockNow()})
      ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, version = public_setting.version + 1, changed_at = excluded.changed_at
      WHERE public_setting.enabled <> excluded.enabled
      RETURNING id`;
    if (rows.length && !enabled) {
      // A first write of "off" on a database without the row changes nothing a reader sees: not a change.
      const [{ v } = { v: "" }] = await tx.$queryRaw<
        { v: string }[]
      >`SELECT version::text AS v FROM public_setting WHERE id = 1`;
      if (v === "1") return { changed: false };
    }
    if (rows.length === 0) return { changed: false };
    await appendAudit(tx, viewer, {
      action: enabled ? "public_view.enable" : "public_view.disable",
      entity: "public_setting",
      entityId: "1",
      changes: { enabled: { old: !enabled, new: enabled } },
    });
    return { changed: true };
  });
}

/**
 * The demo data (lib/data/demo-seed.ts), inside the seed's own transaction: publishes every month up to the newest
 * complete one (every report received, or `completeAfterDays` past its deadline: lib/domain/coverage.ts) that may be
 * published (lib/domain/publication.ts), and turns the public view on, so that a trial shows it. Audited as the seed.
 */
export async function publishDemoMonths(
  client: pg.Client | pg.PoolClient,
  today: Date,
  completeAfterDays: number,
): Promise<Period[]> {
  const sql = pgSql(client);
  const pid = await provinceId(sql);
  const last = lastFullMonth(today);
  const [{ expected } = { expected: 0 }] = await sql<{ expected: number }>(
    `SELECT count(*)::int AS expected FROM org_unit WHERE parent_id = $1 AND level = 'COMMUNE'`,
    [pid],
  );
  const published: Period[] = [];
  for (const period of periodsInRange(REFORM_START, last)) {
    const state = await monthState(sql, pid, period);
    const [{ received } = { received: 0 }] = await sql<{ received: number }>(
      `SELECT count(*)::int AS received FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
       WHERE u.parent_id = $1 AND r.period = $2 AND r.status IN ('SUBMITTED', 'APPROVED')`,
      [pid, period],
    );
    if (!isMonthComplete({ period, received, expected }, today, { completeAfterDays })) continue;
    if (
      publishRefusals({
        period,
        now: today,
        published: state.published,
        awaitingApproval: state.awaiting,
        approved: state.approved,
      }).length
    )
      continue;
    // The publication date of a demo month: the 15th of the next month (or today, if sooner), as a province would.
    const [y, m] = period.split("-").map(Number);
    const at = new Date(Math.min(Date.UTC(y!, m!, 15, 3), today.getTime()));
    await publishCore(sql, pid, period, at, null);
    await sql(
      `INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, period, changes, reason)
       VALUES ($1, NULL, 'demo', 'publication.publish', 'publication', $2, $2, $3::jsonb, 'Dữ liệu mẫu')`,
      [at, period, JSON.stringify({ published: { old: false, new: true } })],
    );
    published.push(period);
  }
  await sql(`INSERT INTO public_setting (id, enabled, version) VALUES (1, true, 1)
    ON CONFLICT (id) DO UPDATE SET enabled = true, version = public_setting.version + 1 WHERE NOT public_setting.enabled`);
  return published;
}
