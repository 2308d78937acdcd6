/** Reads of the org unit tree: provinces, communes and their merger lineage. Public reference data. */
import { db } from "./db";

export interface CommuneRow {
  id: number;
  code: string;
  name: string;
  fullName: string;
  kind: "XA" | "PHUONG" | "DAC_KHU";
  formerDistricts: string[];
  areaKm2: number | null;
  population: number | null;
  searchName: string;
}

export async function listCommunes(provinceCode: string): Promise<CommuneRow[]> {
  const { rows } = await db().readPool.query<CommuneRow>(
    `SELECT u.id, u.code, u.name, u.full_name AS "fullName", u.kind, u.former_districts AS "formerDistricts",
       u.area_km2 AS "areaKm2", u.population, u.search_name AS "searchName"
     FROM org_unit u JOIN org_unit p ON p.id = u.parent_id
     WHERE p.code = $1 AND u.level = 'COMMUNE' ORDER BY u.search_name, u.code`,
    [provinceCode],
  );
  return rows;
}

export async function getProvince(
  code: string,
): Promise<{ id: number; code: string; name: string; fullName: string } | null> {
  const { rows } = await db().readPool.query<{ id: number; code: string; name: string; fullName: string }>(
    `SELECT id, code, name, full_name AS "fullName" FROM org_unit WHERE code = $1 AND level = 'PROVINCE'`,
    [code],
  );
  return rows[0] ?? null;
}

/** The latest month for which any commune of the province has a received report; null before any data. */
export async function latestReportedPeriod(provinceCode: string): Promise<string | null> {
  const { rows } = await db().readPool.query<{ period: string | null }>(
    `SELECT max(r.period) AS period FROM monthly_report r
     JOIN org_unit u ON u.id = r.org_unit_id JOIN org_unit p ON p.id = u.parent_id
     WHERE p.code = $1 AND r.status IN ('SUBMITTED', 'APPROVED')`,
    [provinceCode],
  );
  return rows[0]?.period ?? null;
}
