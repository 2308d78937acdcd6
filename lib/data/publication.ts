/**
 * The public view (issue 26): publishing and withdrawing months, the switch, and the only reads the public pages make.
 *
 * Publishing month M copies the approved values and reports of M (commune-level raw indicators only) into public_value
 * and public_report, records the publication, and recomputes the snapshot (public_snapshot) of every public period
 * that ends in M or later (stock figures carry, the running total of pages accumulates) from those copies alone, with
 * lib/domain/publication.ts's buildSnapshot. Withdrawing deletes the month's copies and recomputes the same way.
 * Both are one transaction with an audit row and a new version of public_setting (the public cache's key).
 *
 * The public reads (publicState, publicSnapshot) take no viewer and return only what is in those tables, for months
 * published now and only while the switch is on; a period is chosen by its key among the published ones.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { now as clockNow } from "@/lib/clock";
import type { Observation } from "@/lib/domain/aggregate";
import { type RawCode, RAW_INDICATORS } from "@/lib/domain/indicators";
import { canPublish, canSwitchPublicView } from "@/lib/domain/permissions";
import { type Period, REFORM_START, isPeriod, lastFullMonth, periodsInRange } from "@/lib/domain/periods";
import {
  type PublicPeriod, type PublicUnit, type SnapshotPayload, buildSnapshot, parsePublicKey, publicPeriods, publishProblems,
  withdrawProblems,
} from "@/lib/domain/publication";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { optionalText } from "./text-input";
import { appendAudit } from "./audit-write";
import { db } from "./db";
import { DataError, forbidden } from "./errors";
import { transaction } from "./transaction";

type Tx = Prisma.TransactionClient;

const COMMUNE_RAW_CODES: RawCode[] = RAW_INDICATORS.filter((i) => i.entryLevel === "COMMUNE").map((i) => i.code);
/** One publication or withdrawal at a time (they recompute the same snapshots). */
const PUBLICATION_LOCK = 2026_26;

export interface MonthPublication {
  period: Period;
  published: boolean;
  publishedAt: Date | null;
  locked: boolean;
  expected: number;
  approved: number;
  awaitingApproval: number;
  /** Why it cannot be published now (empty: it can). */
  problems: string[];
}

async function provinceId(client: { $queryRaw: Tx["$queryRaw"] }, code = HOME_PROVINCE): Promise<number> {
  const rows = await client.$queryRaw<{ id: number }[]>`SELECT id FROM org_unit WHERE code = ${code} AND level = 'PROVINCE'`;
  if (!rows[0]) throw new DataError("NOT_FOUND", "Không tìm thấy tỉnh.");
  return rows[0].id;
}

/** Every month from 07/2025 to the last full month, with what stands in the way of publishing it. For the publication page. */
export async function listMonthPublications(viewer: Viewer, at: Date = clockNow()): Promise<{ enabled: boolean; months: MonthPublication[] }> {
  if (!canPublish(viewer)) throw forbidden();
  const prisma = db().prisma;
  const pid = await provinceId(prisma);
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
      problems: publishProblems({ period: c.period, now: at, published: published.has(c.period), awaitingApproval: c.awaiting, approved: c.approved }),
    })),
  };
}

async function monthState(tx: Tx, pid: number, period: string): Promise<{ published: boolean; approved: number; awaiting: number }> {
  const [row] = await tx.$queryRaw<{ approved: number; awaiting: number; published: boolean }[]>`
    SELECT count(*) FILTER (WHERE r.status = 'APPROVED')::int AS approved,
      count(*) FILTER (WHERE r.status = 'SUBMITTED')::int AS awaiting,
      EXISTS (SELECT 1 FROM publication p WHERE p.province_id = ${pid} AND p.period = ${period}) AS published
    FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
    WHERE u.parent_id = ${pid} AND u.level = 'COMMUNE' AND r.period = ${period}`;
  return row ?? { published: false, approved: 0, awaiting: 0 };
}

async function publicUnits(client: { $queryRaw: Tx["$queryRaw"] }, pid: number): Promise<PublicUnit[]> {
  return client.$queryRaw<PublicUnit[]>`
    SELECT code, name AS "nameVi", kind::text AS kind FROM org_unit
    WHERE parent_id = ${pid} AND level = 'COMMUNE' ORDER BY search_name, code`;
}

/** The approved values and reports of one month as they stand in the reports (what publishing it would copy). */
async function approvedMonth(client: { $queryRaw: Tx["$queryRaw"] }, pid: number, period: string) {
  const [values, reports] = await Promise.all([
    client.$queryRaw<{ unit: string; code: RawCode; value: number }[]>`
      SELECT u.code AS unit, dv.indicator_code AS code, dv.value::float8 AS value
      FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
      JOIN data_value dv ON dv.org_unit_id = r.org_unit_id AND dv.period = r.period
      WHERE u.parent_id = ${pid} AND u.level = 'COMMUNE' AND r.period = ${period} AND r.status = 'APPROVED'
        AND dv.indicator_code = ANY(${COMMUNE_RAW_CODES}::text[])`,
    client.$queryRaw<{ unit: string; firstSubmittedAt: Date | null }[]>`
      SELECT u.code AS unit, r.first_submitted_at AS "firstSubmittedAt"
      FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
      WHERE u.parent_id = ${pid} AND u.level = 'COMMUNE' AND r.period = ${period} AND r.status = 'APPROVED'`,
  ]);
  return {
    observations: values.map((v): Observation => ({ unit: v.unit, period, code: v.code, value: v.value })),
    reports: reports.map((r) => ({ unit: r.unit, period, firstSubmittedAt: r.firstSubmittedAt })),
  };
}

/** What the public view holds (copied values and reports of published months). */
async function publishedData(client: { $queryRaw: Tx["$queryRaw"] }, pid: number) {
  const [values, reports, pubs] = await Promise.all([
    client.$queryRaw<{ unit: string; period: string; code: RawCode; value: number }[]>`
      SELECT unit_code AS unit, period, indicator_code AS code, value FROM public_value WHERE province_id = ${pid}`,
    client.$queryRaw<{ unit: string; period: string; firstSubmittedAt: Date | null }[]>`
      SELECT unit_code AS unit, period, first_submitted_at AS "firstSubmittedAt" FROM public_report WHERE province_id = ${pid}`,
    client.$queryRaw<{ period: string; publishedAt: Date }[]>`
      SELECT period, published_at AS "publishedAt" FROM publication WHERE province_id = ${pid}`,
  ]);
  return { observations: values as Observation[], reports, publications: new Map(pubs.map((p) => [p.period, p.publishedAt])) };
}

/** The period's publication date: the latest publication among its months. */
function periodPublishedAt(p: PublicPeriod, publications: Map<string, Date>): Date {
  let latest = new Date(0);
  for (const m of periodsInRange(p.from, p.to)) {
    const at = publications.get(m);
    if (at && at > latest) latest = at;
  }
  return latest;
}

/** Rebuilds the snapshots of every public period ending in `from` or later, and drops those no longer public. */
async function rebuildSnapshots(tx: Tx, pid: number, from: Period): Promise<number> {
  const units = await publicUnits(tx, pid);
  const data = await publishedData(tx, pid);
  const periods = publicPeriods(data.publications.keys());
  await tx.$executeRaw`DELETE FROM public_snapshot WHERE province_id = ${pid} AND to_period >= ${from}`;
  // Periods no longer made only of published months (a withdrawal) are gone whatever their end.
  const keys = periods.map((p) => p.key);
  await tx.$executeRaw`DELETE FROM public_snapshot WHERE province_id = ${pid} AND NOT (period_key = ANY(${keys}::text[]))`;
  let written = 0;
  for (const p of periods) {
    if (p.to < from) continue;
    const payload = buildSnapshot(p, units, data.observations, data.reports);
    await tx.publicSnapshot.create({
      data: {
        provinceId: pid, periodKey: p.key, fromPeriod: p.from, toPeriod: p.to,
        publishedAt: periodPublishedAt(p, data.publications), payload: payload as unknown as Prisma.InputJsonValue,
      },
    });
    written++;
  }
  return written;
}

async function bumpVersion(tx: Tx): Promise<void> {
  await tx.$executeRaw`UPDATE public_setting SET version = version + 1, changed_at = ${clockNow()} WHERE id = 1`;
}

function assertMonth(period: unknown): asserts period is Period {
  if (!isPeriod(period)) throw new DataError("INVALID", "Tháng không hợp lệ (định dạng YYYY-MM).");
}

/**
 * Exactly what publishing the month would make public: the month's snapshot computed from its approved values now
 * and the months already published, with the reasons it cannot be published yet (if any). Writes nothing.
 */
export async function previewPublication(viewer: Viewer, input: { period: unknown }, at: Date = clockNow()): Promise<{
  period: Period; problems: string[]; payload: SnapshotPayload;
}> {
  if (!canPublish(viewer)) throw forbidden();
  assertMonth(input.period);
  const period = input.period;
  return transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const pid = await provinceId(tx);
    const state = await monthState(tx, pid, period);
    const problems = publishProblems({ period, now: at, published: state.published, awaitingApproval: state.awaiting, approved: state.approved });
    const units = await publicUnits(tx, pid);
    const data = await publishedData(tx, pid);
    const month = state.published ? { observations: [], reports: [] } : await approvedMonth(tx, pid, period);
    const payload = buildSnapshot({ from: period, to: period }, units,
      [...data.observations, ...month.observations], [...data.reports, ...month.reports]);
    return { period, problems, payload };
  });
}

/**
 * Publishes a month: with `lock`, locks it first (no report of it can change afterwards: "khoá sổ và công bố").
 * Refused, with nothing written, while a report of it waits for approval, before the month has ended, or when already
 * published. Audited (publication.publish, and period.lock when it locks).
 */
export async function publishMonth(viewer: Viewer, input: { period: unknown; lock?: boolean; reason?: unknown }, at: Date = clockNow()): Promise<{ snapshots: number }> {
  if (!canPublish(viewer)) throw forbidden();
  assertMonth(input.period);
  const period = input.period;
  const reason = optionalText(input.reason);
  return transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLICATION_LOCK})`;
    const pid = await provinceId(tx);
    if (input.lock) {
      // Waits for saves in flight (they hold period_lock in SHARE mode); none of the month's can start afterwards.
      const rows = await tx.$queryRaw<{ period: string }[]>`
        INSERT INTO period_lock (period, locked_by_id, reason, locked_at) VALUES (${period}, ${viewer.id}, ${reason}, ${at})
        ON CONFLICT (period) DO NOTHING RETURNING period`;
      if (rows.length) {
        await appendAudit(tx, viewer, {
          action: "period.lock", entity: "period_lock", entityId: period, period,
          changes: { locked: { old: false, new: true } }, reason: reason ?? "Khoá sổ để công bố",
        });
      }
    }
    const state = await monthState(tx, pid, period);
    const problems = publishProblems({ period, now: at, published: state.published, awaitingApproval: state.awaiting, approved: state.approved });
    if (problems.length) throw new DataError("INVALID", problems.join(" "));
    const month = await approvedMonth(tx, pid, period);
    if (month.observations.length) {
      await tx.publicValue.createMany({
        data: month.observations.map((o) => ({ provinceId: pid, period, unitCode: o.unit, indicatorCode: o.code, value: o.value })),
      });
    }
    await tx.publicReport.createMany({
      data: month.reports.map((r) => ({ provinceId: pid, period, unitCode: r.unit, firstSubmittedAt: r.firstSubmittedAt })),
    });
    await tx.publication.create({ data: { provinceId: pid, period, publishedAt: at, publishedById: viewer.id } });
    const snapshots = await rebuildSnapshots(tx, pid, period);
    await bumpVersion(tx);
    await appendAudit(tx, viewer, {
      action: "publication.publish", entity: "publication", entityId: period, period,
      changes: { published: { old: false, new: true }, reports: { old: null, new: month.reports.length } }, reason,
    });
    return { snapshots };
  }, { timeoutMs: 120_000 });
}

/** Withdraws a published month: its figures leave the public view at once (and every period that contained it). */
export async function withdrawMonth(viewer: Viewer, input: { period: unknown; reason?: unknown }): Promise<{ snapshots: number }> {
  if (!canPublish(viewer)) throw forbidden();
  assertMonth(input.period);
  const period = input.period;
  const reason = optionalText(input.reason);
  return transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLICATION_LOCK})`;
    const pid = await provinceId(tx);
    const { count } = await tx.publication.deleteMany({ where: { provinceId: pid, period } });
    const problems = withdrawProblems({ period, published: count > 0 });
    if (problems.length) throw new DataError("INVALID", problems.join(" "));
    await tx.publicValue.deleteMany({ where: { provinceId: pid, period } });
    await tx.publicReport.deleteMany({ where: { provinceId: pid, period } });
    const snapshots = await rebuildSnapshots(tx, pid, period);
    await bumpVersion(tx);
    await appendAudit(tx, viewer, {
      action: "publication.withdraw", entity: "publication", entityId: period, period,
      changes: { published: { old: true, new: false } }, reason,
    });
    return { snapshots };
  }, { timeoutMs: 120_000 });
}

/** Turns the public view on or off (administrators). Off, every public address answers 404. Audited. */
export async function setPublicView(viewer: Viewer, input: { enabled: unknown }): Promise<{ changed: boolean }> {
  if (!canSwitchPublicView(viewer)) throw forbidden();
  if (typeof input.enabled !== "boolean") throw new DataError("INVALID", "Giá trị không hợp lệ.");
  const enabled = input.enabled;
  return transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: number }[]>`
      UPDATE public_setting SET enabled = ${enabled}, version = version + 1, changed_at = ${clockNow()}
      WHERE id = 1 AND enabled <> ${enabled} RETURNING id`;
    if (rows.length === 0) return { changed: false };
    await appendAudit(tx, viewer, {
      action: enabled ? "public_view.enable" : "public_view.disable", entity: "public_setting", entityId: "1",
      changes: { enabled: { old: !enabled, new: enabled } },
    });
    return { changed: true };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The public reads: no viewer, nothing but the snapshot tables, published months only, and only while the view is on.

export interface PublicState {
  enabled: boolean;
  /** Moves with every publication, withdrawal and switch: the public cache's key. */
  version: string;
  periods: (PublicPeriod & { publishedAt: Date })[];
}

/** The switch, the version and the published periods (newest first). Off: no periods at all. */
export async function publicState(provinceCode = HOME_PROVINCE): Promise<PublicState> {
  const { rows } = await db().pool.query<{ enabled: boolean; version: string; period: string | null; published_at: Date | null }>(
    `SELECT s.enabled, s.version::text AS version, p.period, p.published_at
     FROM public_setting s
     LEFT JOIN publication p ON s.enabled AND p.province_id = (SELECT id FROM org_unit WHERE code = $1 AND level = 'PROVINCE')
     WHERE s.id = 1`,
    [provinceCode],
  );
  const first = rows[0];
  if (!first || !first.enabled) return { enabled: false, version: first?.version ?? "0", periods: [] };
  const publications = new Map(rows.filter((r) => r.period && r.published_at).map((r) => [r.period!, r.published_at!]));
  return {
    enabled: true,
    version: first.version,
    periods: publicPeriods(publications.keys()).map((p) => ({ ...p, publishedAt: periodPublishedAt(p, publications) })),
  };
}

export interface PublicSnapshot {
  period: PublicPeriod;
  publishedAt: Date;
  payload: SnapshotPayload;
}

/**
 * The stored snapshot of one public period, chosen by its key; null when the view is off, the key is not a period, or
 * any of its months is not published now (the query checks the publications itself, not only the caller).
 */
export async function publicSnapshot(key: string, provinceCode = HOME_PROVINCE): Promise<PublicSnapshot | null> {
  const period = parsePublicKey(key);
  if (!period) return null;
  const months = periodsInRange(period.from, period.to);
  const { rows } = await db().pool.query<{ published_at: Date; payload: SnapshotPayload }>(
    `SELECT s.published_at, s.payload
     FROM public_snapshot s JOIN public_setting ps ON ps.id = 1 AND ps.enabled
     WHERE s.province_id = (SELECT id FROM org_unit WHERE code = $1 AND level = 'PROVINCE') AND s.period_key = $2
       AND s.from_period = $3 AND s.to_period = $4
       AND (SELECT count(*) FROM publication p WHERE p.province_id = s.province_id AND p.period = ANY($5::text[])) = $6`,
    [provinceCode, period.key, period.from, period.to, months, months.length],
  );
  const row = rows[0];
  return row ? { period, publishedAt: row.published_at, payload: row.payload } : null;
}

