/**
 * Which notices a user may read, as SQL shared by lib/data/notices.ts and the page cache's check on every request
 * (lib/data/data-version.ts, plain pg, no Prisma): the user's own rows, of the kinds their role receives now, and for a
 * commune account only those about its own commune's reports. Rows are written for the right people already
 * (lib/data/notices.ts writeNotices); this keeps an account that moved to another role or commune from reading what
 * it received before. Aliases: `n` the notice, `u` the reading user, `r` the notice's report (none for a reminder,
 * whose unit is `n.org_unit_id`).
 */
import { UNREAD_CAP, kindsFor } from "@/lib/domain/notices";
import { REVIEWER_ROLES } from "@/lib/domain/permissions";

// Constants of our own code, never input: safe to write into the statement.
const quoted = (values: readonly string[]) => values.map((v) => `'${v.replace(/[^A-Z_]/g, "")}'`).join(", ");

export const NOTICES_FROM = `notice n JOIN "user" u ON u.id = n.user_id LEFT JOIN monthly_report r ON r.id = n.report_id`;

/** The notice's unit: its report's commune, or a reminder's own unit. */
export const NOTICE_UNIT = `coalesce(r.org_unit_id, n.org_unit_id)`;

export const VISIBLE_NOTICE = `(
  (u.role IN (${quoted(REVIEWER_ROLES)}) AND n.kind IN (${quoted(kindsFor("reviewers"))}))
  OR (u.role = 'COMMUNE' AND n.kind IN (${quoted(kindsFor("commune"))}) AND ${NOTICE_UNIT} = u.org_unit_id)
  OR (u.role = 'ADMIN' AND n.kind IN (${quoted(kindsFor("administrators"))})))`;

/**
 * The bell of the user whose id is the SQL expression `userId`: `unread`, the unread notices they may read counted up
 * to UNREAD_CAP, and `newest`, the id of their newest notice. The page cache keys on both: `newest` only grows and,
 * while it stays, `unread` only falls, so a page rendered while either moved is never served for a later state.
 */
export function bellSql(userId: string): string {
  return `SELECT
    (SELECT count(*) FROM (SELECT 1 FROM ${NOTICES_FROM} WHERE n.user_id = ${userId} AND n.read_at IS NULL AND ${VISIBLE_NOTICE}
      LIMIT ${UNREAD_CAP}) capped)::int AS unread,
    (SELECT coalesce(max(id), 0) FROM notice WHERE user_id = ${userId})::int AS newest`;
}
