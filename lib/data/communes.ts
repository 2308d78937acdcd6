/** Commune lists with search, filters and sorting, one commune's reference data, lineage and report history. */
import type { ReportStatus } from "@/lib/domain/aggregate";
import type { CommuneFilters } from "@/lib/domain/range-query";
import { type Actor, canReadReturnComment } from "@/lib/domain/permissions";
import { searchKey } from "@/lib/domain/text";
import { type Period, type PeriodRange, periodsInRange } from "@/lib/domain/periods";
import { type ReportCell, reportCell } from "@/lib/domain/completeness";
import { type Scope, scopeCondition } from "./aggregates";
import type { CommuneRow } from "./org-units";
import { raw, readRows, sql } from "./read-sql";

export const COMMUNE_SORT_COLUMNS = ["code", "name", "kind", "district", "area", "population", "formerUnits"] as const;
export type CommuneSortColumn = (typeof COMMUNE_SORT_COLUMNS)[number];

const ORDER_BY: Record<CommuneSortColumn, string> = {
  code: "u.code",
  name: "u.search_name",
  kind: "u.kind",
  district: "u.former_districts[1]",
  area: "u.area_km2",
  population: "u.population",
  formerUnits: `"formerUnits"`,
};

export interface CommuneListRow extends CommuneRow {
  formerUnits: number;
}

/** The scope of a province narrowed by the list filters (kind, former district); the text search is separate. */
export function scopeOf(provinceCode: string, filters: CommuneFilters): Scope {
  return {
    provinceCode,
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.district ? { district: filters.district } : {}),
  };
}

/**
 * Communes of a province matching the filters. The search compares accent-free forms ("lai chau" finds "Lai Châu")
 * against `search_name` (the accent-free full name) and the former districts' names, or matches a code exactly.
 */
export async function searchCommunes(
  provinceCode: string,
  filters: CommuneFilters,
  sort: { column: CommuneSortColumn; descending: boolean } = { column: "name", descending: false },
): Promise<CommuneListRow[]> {
  const cond = scopeCondition(scopeOf(provinceCode, filters));
  const key = filters.q ? searchKey(filters.q) : null;
  // Former district names match accent-insensitively too ("than uyen" finds the communes of Huyện Than Uyên).
  const districts = key ? (await listFormerDistricts(provinceCode)).filter((d) => searchKey(d).includes(key)) : [];
  const direction = sort.descending ? "DESC NULLS LAST" : "ASC NULLS LAST";
  return readRows<CommuneListRow>(
    sql`SELECT u.id, u.code, u.name, u.full_name AS "fullName", u.kind, u.former_districts AS "formerDistricts",
       u.area_km2 AS "areaKm2", u.population, u.search_name AS "searchName",
       (SELECT count(*) FROM former_unit f WHERE f.org_unit_id = u.id)::int AS "formerUnits"
     FROM org_unit u
     WHERE ${cond}
       AND (${key}::text IS NULL OR u.search_name LIKE '%' || ${key}::text || '%' OR u.code = ${key}::text
         OR u.former_districts && ${districts}::text[])
     ORDER BY ${raw(ORDER_BY[sort.column])} ${raw(direction)}, u.code`,
  );
}

/** The former districts of a province's communes, for the filter. */
export async function listFormerDistricts(provinceCode: string): Promise<string[]> {
  const rows = await readRows<{ district: string }>(
    sql`SELECT DISTINCT d AS district FROM org_unit u JOIN org_unit p ON p.id = u.parent_id, unnest(u.former_districts) d
     WHERE p.code = ${provinceCode}::text AND u.level = 'COMMUNE' ORDER BY d`,
  );
  return rows.map((r) => r.district);
}

export interface FormerUnitRow {
  oldCode: string;
  name: string;
  oldDistrictCode: string;
  oldDistrict: string;
  mergeType: string;
}

export interface CommuneDetail extends CommuneRow {
  provinceCode: string;
  provinceName: string;
  hqAddress: string | null;
  resolution: string | null;
  formerUnits: FormerUnitRow[];
}

/** One commune with its merger lineage (one round trip); null for an unknown code. */
export async function getCommune(code: string): Promise<CommuneDetail | null> {
  const rows = await readRows<CommuneDetail>(
    sql`SELECT u.id, u.code, u.name, u.full_name AS "fullName", u.kind, u.former_districts AS "formerDistricts",
       u.area_km2 AS "areaKm2", u.population, u.search_name AS "searchName", u.hq_address AS "hqAddress",
       u.resolution, p.code AS "provinceCode", p.full_name AS "provinceName",
       coalesce((SELECT json_agg(json_build_object('oldCode', f.old_code, 'name', f.name, 'oldDistrictCode', f.old_district_code,
                  'oldDistrict', f.old_district, 'mergeType', f.merge_type) ORDER BY f.old_district, f.old_code)
                 FROM former_unit f WHERE f.org_unit_id = u.id), '[]') AS "formerUnits"
     FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE u.code = ${code}::text AND u.level = 'COMMUNE'`,
  );
  return rows[0] ?? null;
}

export interface ReportHistoryRow {
  period: Period;
  status: ReportStatus;
  firstSubmittedAt: Date | null;
  approvedAt: Date | null;
  returnComment: string | null;
  cell: ReportCell;
}

/**
 * Every monthly report of one commune in the range, newest first; months without a report appear as missing or pending.
 * The return comment only for those who may read it (canReadReturnComment), null for everyone else.
 */
export async function communeReportHistory(
  viewer: Actor,
  code: string,
  months: readonly Period[],
  now: Date,
): Promise<{ period: Period; report: ReportHistoryRow | null; cell: ReportCell }[]> {
  const rows = await readRows<Omit<ReportHistoryRow, "cell"> & { orgUnitId: number }>(
    sql`SELECT r.period, r.status, r.first_submitted_at AS "firstSubmittedAt", r.approved_at AS "approvedAt",
       r.return_comment AS "returnComment", r.org_unit_id AS "orgUnitId"
     FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id WHERE u.code = ${code}::text AND r.period = ANY(${months}::text[])`,
  );
  const byPeriod = new Map(
    rows.map(({ orgUnitId, ...r }) => [
      r.period,
      {
        ...r,
        returnComment: canReadReturnComment(viewer, orgUnitId) ? r.returnComment : null,
      },
    ]),
  );
  return [...months].reverse().map((period) => {
    const r = byPeriod.get(period);
    const cell = reportCell(period, r, now);
    return { period, report: r ? { ...r, cell } : null, cell };
  });
}

/** Communes × months report states for a scope: the completeness matrix. */
export async function reportStatusMatrix(
  scope: Scope,
  range: PeriodRange,
  now: Date,
): Promise<{ code: string; fullName: string; cells: Map<Period, ReportCell> }[]> {
  const cond = scopeCondition(scope);
  const [units, reports] = await Promise.all([
    readRows<{ code: string; fullName: string }>(
      sql`SELECT u.code, u.full_name AS "fullName" FROM org_unit u WHERE ${cond} ORDER BY u.search_name, u.code`,
    ),
    readRows<{ code: string; period: Period; status: ReportStatus; firstSubmittedAt: Date | null }>(
      sql`SELECT u.code, r.period, r.status, r.first_submitted_at AS "firstSubmittedAt"
       FROM org_unit u JOIN monthly_report r ON r.org_unit_id = u.id
         AND r.period BETWEEN ${range.from}::text AND ${range.to}::text
       WHERE ${cond}`,
    ),
  ]);
  const byKey = new Map(reports.map((r) => [`${r.code}|${r.period}`, r]));
  const months = periodsInRange(range.from, range.to);
  return units.map((u) => ({
    ...u,
    cells: new Map(months.map((m) => [m, reportCell(m, byKey.get(`${u.code}|${m}`), now)])),
  }));
}
