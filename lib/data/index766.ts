/** Decision 766 scores (the supported components) for the province and each commune, from the dashboards' aggregates. */
import type { RawAggregates } from "@/lib/domain/aggregate";
import type { RawCode } from "@/lib/domain/indicators";
import { type Index766Inputs, type Index766Score, scoreIndex766 } from "@/lib/domain/index766";
import type { PeriodRange } from "@/lib/domain/periods";
import { rawAggregates, rawValuesByCommune } from "./aggregates";
import { listCommunes, type CommuneRow } from "./org-units";

export const INDEX_766_CODES: RawCode[] = [
  "proc_resolved_early", "proc_resolved_on_time", "proc_resolved_late", "proc_received", "proc_received_online",
  "dossiers_digitised", "feedback_received", "feedback_resolved",
];

export function index766Inputs(raw: RawAggregates): Index766Inputs {
  const v = (c: RawCode) => raw[c]?.sum ?? null;
  return {
    resolvedEarly: v("proc_resolved_early"),
    resolvedOnTime: v("proc_resolved_on_time"),
    resolvedLate: v("proc_resolved_late"),
    received: v("proc_received"),
    receivedOnline: v("proc_received_online"),
    dossiersDigitised: v("dossiers_digitised"),
    feedbackReceived: v("feedback_received"),
    feedbackResolved: v("feedback_resolved"),
  };
}

export async function index766Scores(provinceCode: string, range: PeriodRange): Promise<{
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
    communes: communes.map((commune) => ({ commune, score: scoreIndex766(index766Inputs(byCommune.get(commune.code) ?? {})) })),
  };
}
