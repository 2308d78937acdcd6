/** Decision 766 scores (the supported components) for the province and each commune, from the dashboards' aggregates. */
import { INDEX_766_CODES, type Index766Score, index766Inputs, scoreIndex766 } from "@/lib/domain/index766";
import type { PeriodRange } from "@/lib/domain/periods";
import { rawAggregates, rawValuesByCommune } from "./aggregates";
import { listCommunes, type CommuneRow } from "./org-units";

export async function index766Scores(
  provinceCode: string,
  range: PeriodRange,
): Promise<{
  province: Index766Score;
  communes: { commune: CommuneRow; score: Index766Score }[];
}> {
  const scope = { provinceCode };
  const [province, byCommune, communes] = await Promise.all([
    rawAggregates(scope, range, INDEX_766_CODES),
    rawValuesByCommune(scope, range, INDEX_766_CODES),
    listCommunes(provinceCode),
  ]);
  return {
    province: scoreIndex766(index766Inputs(province)),
    communes: communes.map((commune) => ({
      commune,
      score: scoreIndex766(index766Inputs(byCommune.get(commune.code) ?? {})),
    })),
  };
}
