/** The 38 units of Lai Châu shipped in data/lai_chau_communes_2025.json (see data/SOURCES.md). */
import raw from "../../data/lai_chau_communes_2025.json";

export interface PredecessorRecord {
  old_code: string;
  name_gso: string;
  old_district_code: string;
  old_district: string;
  merge_type: string;
}

export interface CommuneRecord {
  code: string;
  province_code: string;
  name: string;
  full_name: string;
  type: "xã" | "phường";
  resolution: string;
  predecessors: PredecessorRecord[];
  former_districts: string[];
  area_km2: number;
  population: number;
  hq_address: string;
  centroid: [number, number];
}

export const LAI_CHAU = { code: "12", name: "Lai Châu", fullName: "Tỉnh Lai Châu" } as const;

export const LAI_CHAU_COMMUNES = (raw as unknown as { units: CommuneRecord[] }).units;
