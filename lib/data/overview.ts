/** The province overview: headline figures of SPEC §4 and one row per commune, for a range of months. */
import type { RawCode } from "@/lib/domain/indicators";
import type { PeriodRange } from "@/lib/domain/periods";
import { type RawAggregates, unitReportedIn } from "@/lib/domain/aggregate";
import { type Scope, provinceUnitValue, rawValuesByCommune, scopeFigures, unitValue } from "./aggregates";
import { listCommunes, type CommuneRow } from "./org-units";
import { scopeOf, searchCommunes } from "./communes";
import type { CommuneFilters } from "@/lib/domain/range-query";

export const HEADLINE_CODES = [
  "one_stop_coverage",
  "staff_quota",
  "staff_cbcc",
  "staff_total",
  "quota_fill_rate",
  "proc_on_time_rate",
  "proc_online_rate",
  "pages_digitised_cumulative",
  "shortage_total",
  "feedback_resolution_rate",
  "reporting_rate",
  "reporting_timeliness",
] as const;

export interface CommuneOverviewRow extends CommuneRow {
  onTimeRate: number | null;
  staffCbcc: number | null;
  staffQuota: number | null;
  oneStop: number | null;
  reported: boolean;
  /** Not reported in the range: the newest month its carried figures come from (null when none within the look-back). */
  carriedFrom: string | null;
}

/** Headline figures and commune rows; `filters` (kind, former district) narrow the communes counted. */
export async function provinceOverview(provinceCode: string, range: PeriodRange, filters: CommuneFilters = {}) {
  const scope: Scope = scopeOf(provinceCode, filters);
  const filtered = Boolean(filters.kind || filters.district);
  const communeCodes: RawCode[] = [
    "staff_quota",
    "staff_cadres",
    "staff_civil_servants",
    "one_stop_operating",
    "proc_resolved_early",
    "proc_resolved_on_time",
    "proc_resolved_late",
  ];
  const [figures, staffAllLevels, communes, byCommune] = await Promise.all([
    scopeFigures(scope, range, HEADLINE_CODES),
    provinceUnitValue(provinceCode, range, "staff_all_levels"),
    filtered ? searchCommunes(provinceCode, { ...filters, q: undefined }) : listCommunes(provinceCode),
    rawValuesByCommune(scope, range, communeCodes),
  ]);
  const oneStop = figures.raw.one_stop_operating;
  const rows: CommuneOverviewRow[] = communes.map((c) => {
    const raw: RawAggregates = byCommune.get(c.code) ?? {};
    return {
      ...c,
      onTimeRate: unitValue("proc_on_time_rate", raw),
      staffCbcc: unitValue("staff_cbcc", raw),
      staffQuota: raw.staff_quota?.sum ?? null,
      oneStop: raw.one_stop_operating?.sum ?? null,
      ...unitReportedIn(raw, range),
    };
  });
  return {
    range,
    units: {
      total: communes.length,
      xa: communes.filter((c) => c.kind === "XA").length,
      phuong: communes.filter((c) => c.kind === "PHUONG").length,
    },
    oneStop: oneStop ? { covered: oneStop.sum, reporting: oneStop.units } : null,
    staffAllLevels,
    value: figures.value,
    reporting: figures.reporting,
    communes: rows,
  };
}
