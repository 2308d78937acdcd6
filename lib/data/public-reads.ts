/**
 * The public reads (issue 26), the only reads the public pages make: no viewer, nothing but the snapshot tables,
 * published months only, and only while the view is on. ./publication.ts writes those tables.
 */
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { periodsInRange } from "@/lib/domain/periods";
import {
  type PublicPeriod,
  type SnapshotPayload,
  parsePublicKey,
  periodPublishedAt,
  publicPeriods,
} from "@/lib/domain/publication";
import { db } from "./db";

export interface PublicState {
  enabled: boolean;
  /** Moves with every publication, withdrawal and switch: the public cache's key. */
  version: string;
  periods: (PublicPeriod & { publishedAt: Date })[];
}

/** The switch, the version and the published periods (newest first). Off: no periods at all. */
export async function publicState(provinceCode = HOME_PROVINCE): Promise<PublicState> {
  const { rows } = await db().pool.query<{
    enabled: boolean;
    version: string;
    period: string | null;
    published_at: Date | null;
  }>(
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
