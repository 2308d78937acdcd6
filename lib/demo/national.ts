/**
 * National-scale synthetic data for benchmarks: Lai Châu's real 38 units plus 33 synthetic provinces,
 * 3,321 communes in all (the country's count since 2025), for 36 months from 2025-07.
 * Synthetic provinces and communes are named as such and use codes that no real unit has (S01…, 4xxxx).
 */
import { type Period, REFORM_START, addMonths, periodsInRange, reportDeadline } from "../domain/periods";
import { type DemoCommune, type DemoProvince, generateLaiChau, generateSyntheticProvince } from "./generate";
import { LAI_CHAU_COMMUNES } from "./communes";
import { createRng, intBetween } from "./random";

export const NATIONAL = { provinces: 34, communes: 3321, months: 36 } as const;

export interface SyntheticProvinceInfo {
  code: string;
  name: string;
  communes: (DemoCommune & { name: string; kind: "XA" | "PHUONG" })[];
}

/** The 33 synthetic provinces and their communes (deterministic). */
export function syntheticProvinces(): SyntheticProvinceInfo[] {
  const count = NATIONAL.provinces - 1;
  const communesLeft = NATIONAL.communes - LAI_CHAU_COMMUNES.length;
  const base = Math.floor(communesLeft / count);
  const extra = communesLeft - base * count;
  let next = 40000;
  return Array.from({ length: count }, (_, p) => {
    const rng = createRng(`national:S${p}`);
    const n = base + (p < extra ? 1 : 0);
    const code = `S${String(p + 1).padStart(2, "0")}`;
    return {
      code,
      name: `Tỉnh mô phỏng ${p + 1}`,
      communes: Array.from({ length: n }, (_, i) => ({
        code: String(next++),
        name: `${i % 12 === 0 ? "Phường" : "Xã"} mô phỏng ${p + 1}.${i + 1}`,
        kind: i % 12 === 0 ? ("PHUONG" as const) : ("XA" as const),
        population: intBetween(rng, 4000, 45000),
      })),
    };
  });
}

/**
 * The national set's months (36 from the reform) and the instant it describes: a day after the last month's deadline,
 * so every month is complete. It lies in the future of the demo data: the benchmark's data, not a calendar to read.
 */
export function nationalMonths(): { months: Period[]; until: Period; today: Date } {
  const until = addMonths(REFORM_START, NATIONAL.months - 1);
  return {
    months: periodsInRange(REFORM_START, until),
    until,
    today: new Date(reportDeadline(until).getTime() + 86_400_000),
  };
}

/** Generates one province at a time so the loader never holds the whole country in memory. */
export function* nationalProvinces(): Generator<{ info: { code: string; name: string }; data: DemoProvince }> {
  const { today } = nationalMonths();
  yield {
    info: { code: "12", name: "Lai Châu" },
    data: generateLaiChau(
      LAI_CHAU_COMMUNES.map((c) => ({ code: c.code, population: c.population })),
      today,
    ),
  };
  for (const p of syntheticProvinces()) {
    yield { info: p, data: generateSyntheticProvince(p.code, p.communes, today) };
  }
}
