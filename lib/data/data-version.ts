/**
 * What the page cache (scripts/server.ts) reads on every request: the session behind a verified cookie token with its
 * user's notice bell, and the change counters of table data_version (kept by triggers: see its migration) that a page depends on.
 * The session is read from the primary (a session ended a moment ago must not be served from a lagging replica);
 * the counters from the same pool as the dashboards' figures, so a replica that shows a counter also shows the
 * changes that bumped it (they commit together and replicas apply commits in order).
 * Plain pg, no Prisma: the server in front of Next.js stays small.
 */
import { bellSql } from "./notice-scope";
import { pools } from "./pool";
import type { PageScope } from "@/lib/web/page-cache";

export interface SessionRow {
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  banned: boolean;
  /**
   * The state of the user's notice bell, "<newest notice id>:<unread, capped>" (./notice-scope.ts bellSql): every
   * page's header shows the user's unread count, so the page cache keys on it too. Notices change no data_version
   * counter: reading one must not empty everyone's cache.
   */
  bell: string;
  /**
   * The user's writes so far: "<newest audit row id>:<their audit rows>" ("0" if none). Every write is audited in its
   * own transaction, so another value means the user has saved something since. The page cache never serves such a
   * user a page older than their save (read-your-writes), whichever app instance or process wrote it. The count is
   * there because ids are taken before commit: of two saves at once (two tabs), the one with the smaller id may commit
   * second, which moves no maximum but does move the count.
   */
  lastWrite: string;
  /**
   * What a dashboard page depends on besides the data (lib/web/shared-page.ts viewerScope): pages are kept once for
   * every reader of the same role and commune, and the server fills the header's name and bell for each reader.
   */
  name: string;
  role: string;
  orgUnitId: number | null;
  mustChangePassword: boolean;
  twoFactorEnabled: boolean;
}

export async function sessionByToken(token: string): Promise<SessionRow | null> {
  const { rows } = await pools().pool.query<SessionRow>(
    `SELECT s.user_id AS "userId", s.expires_at AS "expiresAt", s.created_at AS "createdAt", coalesce(su.banned, false) AS banned,
       b.newest || ':' || b.unread AS bell,
       (SELECT CASE WHEN count(*) = 0 THEN '0' ELSE max(a.id)::text || ':' || count(*) END
          FROM audit_log a WHERE a.user_id = s.user_id) AS "lastWrite",
       su.name, su.role::text AS role, su.org_unit_id AS "orgUnitId",
       coalesce(su.must_change_password, false) AS "mustChangePassword",
       coalesce(su.two_factor_enabled, false) AS "twoFactorEnabled"
     FROM session s JOIN "user" su ON su.id = s.user_id CROSS JOIN LATERAL (${bellSql("s.user_id")}) b
     WHERE s.token = $1`,
    [token],
  );
  return rows[0] ?? null;
}

/** The sum of the counters a page of this scope depends on: changes to everything (row 0) plus the province's, or all. */
export async function dataVersion(scope: PageScope, provinceCode: string): Promise<string> {
  const { readPool } = pools();
  const { rows } =
    scope === "national"
      ? await readPool.query<{ v: string | null }>(`SELECT sum(version)::text AS v FROM data_version`)
      : await readPool.query<{ v: string | null }>(
          `SELECT sum(version)::text AS v FROM data_version WHERE scope_id = 0 OR scope_id = (SELECT id FROM org_unit WHERE code = $1)`,
          [provinceCode],
        );
  return rows[0]?.v ?? "0";
}
