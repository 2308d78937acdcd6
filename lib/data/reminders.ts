/**
 * Deadline reminders (issue 28, rule in lib/domain/reminders.ts): each run claims the reminders due at `at` in
 * `reminder_sent`, whose primary key (unit, month, kind) lets each go out once however many app servers sweep at the
 * same moment, and writes the notices of what it claimed in the same transaction. E-mails go out after the commit,
 * to active accounts with a deliverable address (as the status-change notices do).
 */
import { Prisma } from "@/generated/prisma/client";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { type NoticeMail, isMailable, lateListText } from "@/lib/domain/notices";
import { REFORM_START } from "@/lib/domain/periods";
import { REVIEWER_ROLES } from "@/lib/domain/permissions";
import { type ReminderKind, SUBMITTED_STATES, remindersDue } from "@/lib/domain/reminders";
import { sendNoticeMails } from "@/lib/mail/notices";
import { transaction } from "./transaction";

export interface ReminderRun {
  period: string;
  kind: ReminderKind;
  /** Units whose reminder this run claimed (communes; the province for LATE). */
  units: number;
  /** Notices written (one per recipient). */
  notices: number;
}

/** Communes of the home province without a submitted or approved report for `period`. */
const lacking = (period: string) => Prisma.sql`
  SELECT u.id, u.full_name, u.search_name FROM org_unit u
  WHERE u.level = 'COMMUNE' AND u.parent_id IN (SELECT p.id FROM org_unit p WHERE p.code = ${HOME_PROVINCE})
    AND NOT EXISTS (SELECT 1 FROM monthly_report r WHERE r.org_unit_id = u.id AND r.period = ${period}
      AND r.status::text = ANY(${[...SUBMITTED_STATES]}::text[]))`;

/** Claims and writes every reminder due at `at`; returns what it did and sends the e-mails once committed. */
export async function sendDueReminders(at: Date): Promise<ReminderRun[]> {
  const runs: ReminderRun[] = [];
  const mails: NoticeMail[] = [];
  for (const { period, kind } of remindersDue(at)) {
    if (period < REFORM_START) continue;
    const run = await transaction((tx) =>
      kind === "LATE" ? lateList(tx, period, at) : communeReminders(tx, period, kind, at),
    );
    runs.push({ period, kind, units: run.units, notices: run.notices });
    mails.push(...run.mails);
  }
  sendNoticeMails(mails);
  return runs;
}

type Written = { units: number; notices: number; mails: NoticeMail[] };

async function communeReminders(
  tx: Prisma.TransactionClient,
  period: string,
  kind: ReminderKind,
  at: Date,
): Promise<Written> {
  const rows = await tx.$queryRaw<{ unitId: number; email: string | null; communeName: string }[]>`
    WITH lacking AS (${lacking(period)}),
    claimed AS (
      INSERT INTO reminder_sent (org_unit_id, period, kind, sent_at)
      SELECT id, ${period}, ${kind}::"NoticeKind", ${at}::timestamptz FROM lacking
      ON CONFLICT DO NOTHING RETURNING org_unit_id
    ), recipients AS (
      SELECT us.id AS user_id, us.email, c.org_unit_id, l.full_name
      FROM claimed c JOIN lacking l ON l.id = c.org_unit_id
      JOIN "user" us ON us.role = 'COMMUNE' AND us.org_unit_id = c.org_unit_id AND NOT coalesce(us.banned, false)
    ), written AS (
      INSERT INTO notice (user_id, kind, org_unit_id, period, created_at)
      SELECT user_id, ${kind}::"NoticeKind", org_unit_id, ${period}, ${at}::timestamptz FROM recipients
    )
    SELECT c.org_unit_id AS "unitId", r.email, l.full_name AS "communeName"
    FROM claimed c JOIN lacking l ON l.id = c.org_unit_id LEFT JOIN recipients r ON r.org_unit_id = c.org_unit_id`;
  const recipients = rows.filter((r) => r.email !== null);
  return {
    units: new Set(rows.map((r) => r.unitId)).size,
    notices: recipients.length,
    mails: recipients
      .filter((r) => isMailable(r.email))
      .map((r) => ({
        to: r.email!,
        kind,
        period,
        communeName: r.communeName,
        comment: null,
      })),
  };
}

async function lateList(tx: Prisma.TransactionClient, period: string, at: Date): Promise<Written> {
  const late = await tx.$queryRaw<{ name: string }[]>`
    SELECT full_name AS name FROM (${lacking(period)}) l ORDER BY search_name, id`;
  if (late.length === 0) return { units: 0, notices: 0, mails: [] };
  const claimed = await tx.$queryRaw<{ id: number; name: string }[]>`
    INSERT INTO reminder_sent (org_unit_id, period, kind, sent_at)
    SELECT id, ${period}, 'LATE'::"NoticeKind", ${at}::timestamptz FROM org_unit WHERE code = ${HOME_PROVINCE}
    ON CONFLICT DO NOTHING RETURNING org_unit_id AS id, (SELECT full_name FROM org_unit WHERE code = ${HOME_PROVINCE}) AS name`;
  const province = claimed[0];
  if (!province) return { units: 0, notices: 0, mails: [] };
  const comment = lateListText(late.map((l) => l.name));
  const recipients = await tx.$queryRaw<{ email: string | null }[]>`
    INSERT INTO notice (user_id, kind, org_unit_id, period, comment, created_at)
    SELECT id, 'LATE'::"NoticeKind", ${province.id}, ${period}, ${comment}, ${at}::timestamptz FROM "user"
    WHERE role::text = ANY(${[...REVIEWER_ROLES]}::text[]) AND NOT coalesce(banned, false)
    RETURNING (SELECT email FROM "user" WHERE id = user_id) AS email`;
  return {
    units: 1,
    notices: recipients.length,
    mails: recipients
      .filter((r) => isMailable(r.email))
      .map((r) => ({
        to: r.email!,
        kind: "LATE" as const,
        period,
        communeName: province.name,
        comment,
      })),
  };
}
