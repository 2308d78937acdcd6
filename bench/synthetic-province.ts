/** The benches' national scale: a province "99" of synthetic communes coded 90000, 90001, … (bench/import*.ts). */
import { upsertProvince } from "../lib/data/seed";

type Queryable = Parameters<typeof upsertProvince>[0];

export async function seedSyntheticProvince(client: Queryable, count: number): Promise<string[]> {
  const codes = Array.from({ length: count }, (_, i) => String(90000 + i));
  await upsertProvince(
    client,
    { code: "99", name: "Thử", fullName: "Tỉnh Thử" },
    codes.map((code) => ({
      code,
      name: `Xã ${code}`,
      fullName: `Xã ${code}`,
      kind: "XA" as const,
      formerDistricts: [],
      areaKm2: null,
      population: 1000,
      hqAddress: null,
      centroid: null,
      resolution: null,
      predecessors: [],
    })),
  );
  return codes;
}
