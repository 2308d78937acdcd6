/**
 * Loads reference data (the indicator catalogue, Lai Châu and its 38 units with lineage) and the demo data.
 * Bulk writes go through `unnest` of arrays: one statement per batch, not one per row, and it runs the same
 * on PostgreSQL and on the embedded PGlite.
 */
import type pg from "pg";
import { INDICATORS, storedFormula } from "@/lib/domain/indicators";
import { searchKey } from "@/lib/domain/text";
import { LAI_CHAU, LAI_CHAU_COMMUNES } from "@/lib/demo/communes";
import type { DemoProvince, DemoReport } from "@/lib/demo/generate";

type Queryable = pg.Pool | pg.PoolClient | pg.Client;

export async function seedIndicators(client: Queryable): Promise<void> {
  for (const [i, ind] of INDICATORS.entries()) {
    const f = ind.kind === "COMPUTED" ? storedFormula(ind) : { numerator: [], denominator: [], factor: 1 };
    await client.query(
      `INSERT INTO indicator (code, name_vi, name_en, description_vi, description_en, unit, category, kind, temporal_type,
         entry_level, numerator, denominator, factor, target, direction, sort_order)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8::"IndicatorKind",$9::"TemporalType",$10::"OrgUnitLevel",$11,$12,$13,$14,$15::"TargetDirection",$16)
       ON CONFLICT (code) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
         description_vi = EXCLUDED.description_vi, description_en = EXCLUDED.description_en, unit = EXCLUDED.unit,
         category = EXCLUDED.category, kind = EXCLUDED.kind, temporal_type = EXCLUDED.temporal_type,
         entry_level = EXCLUDED.entry_level, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
         factor = EXCLUDED.factor, target = EXCLUDED.target, direction = EXCLUDED.direction, sort_order = EXCLUDED.sort_order`,
      [
        ind.code,
        ind.nameVi,
        ind.nameEn,
        ind.descriptionVi,
        ind.descriptionEn,
        ind.unit,
        ind.category,
        ind.kind,
        ind.kind === "RAW" ? ind.temporalType : null,
        ind.kind === "RAW" ? ind.entryLevel : null,
        f.numerator,
        f.denominator,
        f.factor,
        ind.target ?? null,
        ind.direction ?? null,
        i,
      ],
    );
  }
}

export interface UnitInput {
  code: string;
  name: string;
  fullName: string;
  kind: "XA" | "PHUONG";
  formerDistricts: string[];
  areaKm2: number | null;
  population: number;
  hqAddress: string | null;
  centroid: [number, number] | null;
  resolution: string | null;
  predecessors: { oldCode: string; name: string; oldDistrictCode: string; oldDistrict: string; mergeType: string }[];
}

/** Inserts a province and its communes (idempotent on codes); returns the ids by code. */
export async function upsertProvince(
  client: Queryable,
  province: { code: string; name: string; fullName: string },
  units: UnitInput[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const p = await client.query<{ id: number }>(
    `INSERT INTO org_unit (code, level, name, full_name, search_name, former_districts)
     VALUES ($1, 'PROVINCE', $2, $3, $4, '{}')
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [province.code, province.name, province.fullName, searchKey(province.fullName)],
  );
  const provinceId = p.rows[0]!.id;
  ids.set(province.code, provinceId);
  const inserted = await client.query<{ id: number; code: string }>(
    `INSERT INTO org_unit (code, level, parent_id, name, full_name, search_name, kind, former_districts, area_km2,
       population, hq_address, centroid_lon, centroid_lat, resolution)
     SELECT u.code, 'COMMUNE', $1, u.name, u.full_name, u.search_name, u.kind::"CommuneKind",
       string_to_array(u.districts, '|'), u.area, u.population, u.hq, u.lon, u.lat, u.resolution
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::int[],
       $10::text[], $11::float8[], $12::float8[], $13::text[])
       AS u(code, name, full_name, search_name, kind, districts, area, population, hq, lon, lat, resolution)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
     RETURNING id, code`,
    [
      provinceId,
      units.map((u) => u.code),
      units.map((u) => u.name),
      units.map((u) => u.fullName),
      units.map((u) => searchKey(u.fullName)),
      units.map((u) => u.kind),
      units.map((u) => u.formerDistricts.join("|")),
      units.map((u) => u.areaKm2),
      units.map((u) => u.population),
      units.map((u) => u.hqAddress),
      units.map((u) => u.centroid?.[0] ?? null),
      units.map((u) => u.centroid?.[1] ?? null),
      units.map((u) => u.resolution),
    ],
  );
  for (const r of inserted.rows) ids.set(r.code, r.id);
  const preds = units.flatMap((u) => u.predecessors.map((pr) => ({ ...pr, unitId: ids.get(u.code)! })));
  // In place: a row that is still right keeps its id, a changed one is updated, a new one inserted, one no longer in
  // the list deleted (keyed by unit and old code). A start no longer deletes and re-inserts them all.
  const unitIds = [...ids.values()];
  const columns = [
    preds.map((x) => x.unitId),
    preds.map((x) => x.oldCode),
    preds.map((x) => x.name),
    preds.map((x) => x.oldDistrictCode),
    preds.map((x) => x.oldDistrict),
    preds.map((x) => x.mergeType),
  ];
  const wanted = `SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS w(org_unit_id, old_code, name, old_district_code, old_district, merge_type)`;
  await client.query(
    `DELETE FROM former_unit f WHERE f.org_unit_id = ANY($7::int[])
       AND NOT EXISTS (SELECT 1 FROM (${wanted}) w WHERE w.org_unit_id = f.org_unit_id AND w.old_code = f.old_code)`,
    [...columns, unitIds],
  );
  await client.query(
    `UPDATE former_unit f SET name = w.name, old_district_code = w.old_district_code, old_district = w.old_district,
       merge_type = w.merge_type
     FROM (${wanted}) w
     WHERE w.org_unit_id = f.org_unit_id AND w.old_code = f.old_code
       AND (f.name, f.old_district_code, f.old_district, f.merge_type) IS DISTINCT FROM (w.name, w.old_district_code, w.old_district, w.merge_type)`,
    columns,
  );
  await client.query(
    `INSERT INTO former_unit (org_unit_id, old_code, name, old_district_code, old_district, merge_type)
     SELECT * FROM (${wanted}) w
     WHERE NOT EXISTS (SELECT 1 FROM former_unit f WHERE f.org_unit_id = w.org_unit_id AND f.old_code = w.old_code)`,
    columns,
  );
  return ids;
}

export function laiChauUnits(): UnitInput[] {
  return LAI_CHAU_COMMUNES.map((c) => ({
    code: c.code,
    name: c.name,
    fullName: c.full_name,
    kind: c.type === "phường" ? "PHUONG" : "XA",
    formerDistricts: c.former_districts,
    areaKm2: c.area_km2,
    population: c.population,
    hqAddress: c.hq_address,
    centroid: c.centroid,
    resolution: c.resolution,
    predecessors: c.predecessors.map((p) => ({
      oldCode: p.old_code,
      name: p.name_gso,
      oldDistrictCode: p.old_district_code,
      oldDistrict: p.old_district,
      mergeType: p.merge_type,
    })),
  }));
}

/** Reference data every installation needs, demo or not: the catalogue and Lai Châu's units. */
export async function seedReferenceData(client: Queryable): Promise<Map<string, number>> {
  await seedIndicators(client);
  return upsertProvince(client, LAI_CHAU, laiChauUnits());
}

const BATCH = 40_000;

async function insertBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** Writes a generated province's reports and values (the org units must already exist). */
export async function loadDemoProvince(
  client: Queryable,
  province: DemoProvince,
  ids: Map<string, number>,
): Promise<{ values: number; reports: number }> {
  const reports: (DemoReport & { unitId: number })[] = province.series.flatMap((s) =>
    s.reports.map((r) => ({ ...r, unitId: ids.get(s.code)! })),
  );
  await insertBatches(reports, (b) =>
    client.query(
      `INSERT INTO monthly_report (org_unit_id, period, status, version, first_submitted_at, submitted_at, approved_at,
         return_comment, updated_at)
       SELECT u.unit, u.period, u.status::"ReportStatus", 1, u.first, u.submitted, u.approved, u.comment,
         coalesce(u.approved, u.submitted, $8)
       FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::text[])
         AS u(unit, period, status, first, submitted, approved, comment)
       ON CONFLICT (org_unit_id, period) DO NOTHING`,
      [
        b.map((r) => r.unitId),
        b.map((r) => r.period),
        b.map((r) => r.status),
        b.map((r) => r.firstSubmittedAt),
        b.map((r) => r.submittedAt),
        b.map((r) => r.approvedAt),
        b.map((r) => r.returnComment),
        province.generatedAt,
      ],
    ),
  );
  const values: { unitId: number; period: string; code: string; value: number }[] = [];
  for (const o of province.provinceValues)
    values.push({ unitId: ids.get(o.unit)!, period: o.period, code: o.code, value: o.value });
  for (const s of province.series) {
    const unitId = ids.get(s.code)!;
    for (const [period, month] of s.values) {
      for (const [code, value] of Object.entries(month)) values.push({ unitId, period, code, value: value! });
    }
  }
  await insertBatches(values, (b) =>
    client.query(
      `INSERT INTO data_value (org_unit_id, period, indicator_code, value, updated_at)
       SELECT u.unit, u.period, u.code, u.value, $5
       FROM unnest($1::int[], $2::text[], $3::text[], $4::float8[]) AS u(unit, period, code, value)
       ON CONFLICT DO NOTHING`,
      [
        b.map((v) => v.unitId),
        b.map((v) => v.period),
        b.map((v) => v.code),
        b.map((v) => v.value),
        province.generatedAt,
      ],
    ),
  );
  return { values: values.length, reports: reports.length };
}
