/**
 * Notices (table notice): written by lib/data/reports inside the transaction of the status change they tell of,
 * by lib/data/reminders.ts for the reporting deadline, and by scripts/db-drill.ts when a restore drill fails,
 * read and marked read by their recipient only. Every read and write here is scoped in the query itself to the
 * viewer's own rows that their role and commune may read (./notice-scope.ts).
 *
 * Marking a notice read is not audited: it is the reader's own inbox state, not data of the tracker (SPEC §3's audit
 * covers values, statuses, imports, accounts and locks).
 */
import type { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import {
  MAX_NOTICES_PAGE,
  NOTICES_PAGE_SIZE,
  NOTICE_AUDIENCE,
  type NoticeKind,
  type NoticeMail,
  isMailable,
} from "@/lib/domain/notices";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { currentPeriod } from "@/lib/domain/periods";
import { REVIEWER_ROLES } from "@/lib/domain/permissions";
import { isRowInt } from "@/lib/domain/text";
import { db } from "./db";
import { DataError } from "./errors";
import { NOTICES_FROM, NOTICE_UNIT, VISIBLE_NOTICE, bellSql } from "./notice-scope";

export interface NoticeEvent {
  kind: NoticeKind;
  reportId: number;
  /** The province's comment (returns). */
  comment: string | null;
}

/**
 * Writes one notice per recipient of each event in the caller's transaction, so the status change and its notices
 * commit or fail together. Recipients are resolved now: for a submission every active reviewer (PROVINCE, ADMIN), for
 * a return or an approval every active account of the report's commune. Returns the e-mails to send once the
 * transaction has committed (addresses that cannot receive mail left out).
 */
export async function writeNotices(
  tx: Prisma.TransactionClient,
  events: readonly NoticeEvent[],
  at: Date,
): Promise<NoticeMail[]> {
  if (events.length === 0) return [];
  const rows = await tx.$queryRaw<
    { email: string; kind: NoticeKind; period: string; communeName: string; comment: string | null }[]
  >`
    WITH e AS (
      SELECT * FROM unnest(${events.map((e) => e.kind)}::text[], ${events.map((e) => NOTICE_AUDIENCE[e.kind])}::text[],
        ${events.map((e) => e.reportId)}::int[], ${events.map((e) => e.comment)}::text[]) AS e(kind, audience, report_id, comment)
    ), recipients AS (
      SELECT u.id AS user_id, u.email, e.kind, e.report_id, e.comment, r.period, o.full_name AS commune_name
      FROM e JOIN monthly_report r ON r.id = e.report_id JOIN org_unit o ON o.id = r.org_unit_id
      JOIN "user" u ON NOT coalesce(u.banned, false) AND (
        (e.audience = 'reviewers' AND u.role::text = ANY(${[...REVIEWER_ROLES]}::text[]))
        OR (e.audience = 'commune' AND u.role = 'COMMUNE' AND u.org_unit_id = r.org_unit_id))
    ), written AS (
      INSERT INTO notice (user_id, kind, report_id, comment, created_at)
      SELECT user_id, kind::"NoticeKind", report_id, comment, ${at}::timestamptz FROM recipients
    )
    SELECT email, kind, period, commune_name AS "communeName", comment FROM recipients ORDER BY report_id, user_id`;
  return rows
    .filter((r) => isMailable(r.email))
    .map((r) => ({
      to: r.email,
      kind: r.kind,
      period: r.period,
      communeName: r.communeName,
      comment: r.comment,
    }));
}

/** A failed restore drill's summary kept in its notice: enough to say what differed, bounded like a comment. */
export const DRILL_SUMMARY_MAX = 1_000;

/**
 * Tells every active administrator that the restore drill failed (scripts/db-drill.ts): one notice each, under the
 * province and the month of `at`, with the drill's summary; returns the e-mails to send.
 */
export async function noticeDrillFailed(summary: string, at: Date): Promise<NoticeMail[]> {
  const period = currentPeriod(at);
  const comment = summary.slice(0, DRILL_SUMMARY_MAX);
  const rows = await db().prisma.$queryRaw<{ email: string | null; provinceName: string }[]>`
    WITH province AS (SELECT id, full_name FROM org_unit WHERE code = ${HOME_PROVINCE}),
    written AS (
      INSERT INTO notice (user_id, kind, org_unit_id, period, comment, created_at)
      SELECT u.id, 'DRILL_FAILED'::"NoticeKind", p.id, ${period}, ${comment}, ${at}::timestamptz
      FROM "user" u CROSS JOIN province p WHERE u.role = 'ADMIN' AND NOT coalesce(u.banned, false)
      RETURNING user_id
    )
    SELECT u.email, p.full_name AS "provinceName" FROM written w JOIN "user" u ON u.id = w.user_id CROSS JOIN province p`;
  return rows
    .filter((r) => isMailable(r.email))
    .map((r) => ({ to: r.email!, kind: "DRILL_FAILED" as const, period, communeName: r.provinceName, comment }));
}

/** The viewer's unread notices (counted up to UNREAD_CAP): the bell in the header. */
export async function unreadNotices(viewer: Viewer): Promise<number> {
  const { rows } = await db().pool.query<{ unread: number }>(bellSql("$1"), [viewer.id]);
  return rows[0]?.unread ?? 0;
}

export interface NoticeRow {
  id: number;
  kind: NoticeKind;
  period: string;
  communeCode: string;
  communeName: string;
  comment: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** One page of the viewer's notices, newest first, with the number of pages (at most MAX_NOTICES_PAGE). */
export async function listNotices(
  viewer: Viewer,
  input: { page: number },
): Promise<{ items: NoticeRow[]; page: number; pages: number; unread: number }> {
  if (!isRowInt(input.page) || input.page > MAX_NOTICES_PAGE)
    throw new DataError("INVALID", { key: "notices.badPage" });
  const pool = db().pool;
  const limit = MAX_NOTICES_PAGE * NOTICES_PAGE_SIZE;
  const [{ rows: counted }, unread] = await Promise.all([
    pool.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM ${NOTICES_FROM} WHERE n.user_id = $1 AND ${VISIBLE_NOTICE} LIMIT ${limit}) shown`,
      [viewer.id],
    ),
    unreadNotices(viewer),
  ]);
  const pages = Math.max(1, Math.ceil(counted[0]!.total / NOTICES_PAGE_SIZE));
  const page = Math.min(input.page, pages);
  const { rows } = await pool.query<NoticeRow>(
    `SELECT n.id, n.kind::text AS kind, coalesce(r.period, n.period) AS period, o.code AS "communeCode",
       o.full_name AS "communeName", n.comment, n.created_at AS "createdAt", n.read_at AS "readAt"
     FROM ${NOTICES_FROM} JOIN org_unit o ON o.id = ${NOTICE_UNIT}
     WHERE n.user_id = $1 AND ${VISIBLE_NOTICE}
     ORDER BY n.id DESC LIMIT $2 OFFSET $3`,
    [viewer.id, NOTICES_PAGE_SIZE, (page - 1) * NOTICES_PAGE_SIZE],
  );
  return { items: rows, page, pages, unread };
}

/** Marks the viewer's own notices read: the ones named (at most one page), or all. Returns how many changed. */
export async function markNoticesRead(
  viewer: Viewer,
  input: { ids: readonly number[] } | { all: true },
): Promise<{ marked: number }> {
  const ids = "all" in input ? null : input.ids;
  if (ids && (ids.length === 0 || ids.length > NOTICES_PAGE_SIZE || !ids.every((id) => isRowInt(id)))) {
    throw new DataError("INVALID", { key: "notices.badNotice" });
  }
  const { rowCount } = await db().pool.query(
    `UPDATE notice SET read_at = $2 WHERE id IN (
       SELECT n.id FROM ${NOTICES_FROM}
       WHERE n.user_id = $1 AND n.read_at IS NULL AND ${VISIBLE_NOTICE} AND ($3::int[] IS NULL OR n.id = ANY($3::int[])))`,
    [viewer.id, now(), ids],
  );
  return { marked: rowCount ?? 0 };
}
