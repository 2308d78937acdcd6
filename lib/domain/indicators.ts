/**
 * The indicator catalogue of SPEC §3.1: the single source of truth. It is seeded into the `indicator` table
 * (for exports, the API and the admin view) but every formula is evaluated from this catalogue
 * (its entries in ./indicators-raw.ts and ./indicators-computed.ts).
 */

import { COMPUTED_INDICATORS } from "./indicators-computed";
import { RAW_INDICATORS } from "./indicators-raw";

export { COMPUTED_INDICATORS, RAW_INDICATORS };

export type TemporalType = "FLOW" | "STOCK" | "FLAG";
export type Direction = "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";
export type Category = "staffing" | "shortage" | "one_stop" | "procedures" | "digitisation" | "feedback" | "reporting";
export type EntryLevel = "COMMUNE" | "PROVINCE";

export const RAW_CODES = [
  "staff_quota",
  "staff_cadres",
  "staff_civil_servants",
  "staff_public_employees",
  "shortage_finance",
  "shortage_construction",
  "shortage_land",
  "shortage_it",
  "one_stop_operating",
  "proc_received",
  "proc_received_online",
  "proc_resolved_early",
  "proc_resolved_on_time",
  "proc_resolved_late",
  "proc_pending",
  "pages_digitised",
  "dossiers_digitised",
  "feedback_received",
  "feedback_resolved",
  "staff_all_levels",
] as const;
export type RawCode = (typeof RAW_CODES)[number];

/** How a computed indicator is evaluated from aggregated raw values. */
export type Formula =
  /** Σ numerator / Σ denominator × factor; with no denominator, just Σ numerator. Ratio of sums, never a mean of rates. */
  | { type: "ratio"; numerator: RawCode[]; denominator: RawCode[]; factor: number }
  /** Units with the flag at 1 / units that reported the flag × 100. */
  | { type: "coverage"; flag: RawCode }
  /** A FLOW summed from the start of the reform to the end of the range, whatever the range's start. */
  | { type: "cumulative"; of: RawCode }
  /** Reports submitted (or submitted on time) / reports expected × 100. */
  | { type: "reporting"; onTimeOnly: boolean };

interface IndicatorBase {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  unit: string;
  category: Category;
  target?: number;
  direction?: Direction;
}

export interface RawIndicator extends IndicatorBase {
  kind: "RAW";
  code: RawCode;
  temporalType: TemporalType;
  entryLevel: EntryLevel;
}

export interface ComputedIndicator extends IndicatorBase {
  kind: "COMPUTED";
  formula: Formula;
}

export type Indicator = RawIndicator | ComputedIndicator;

export const INDICATORS: Indicator[] = [...RAW_INDICATORS, ...COMPUTED_INDICATORS];

const BY_CODE = new Map<string, Indicator>(INDICATORS.map((i) => [i.code, i]));

export function findIndicator(code: string): Indicator | undefined {
  return BY_CODE.get(code);
}

export function getIndicator(code: string): Indicator {
  const found = BY_CODE.get(code);
  if (!found) throw new Error(`Unknown indicator: ${code}`);
  return found;
}

export function isRawCode(code: string): code is RawCode {
  return (RAW_CODES as readonly string[]).includes(code);
}

export function rawIndicator(code: RawCode): RawIndicator {
  return getIndicator(code) as RawIndicator;
}

/** Raw indicators a commune enters in its monthly report, in form order. */
export const COMMUNE_RAW_INDICATORS = RAW_INDICATORS.filter((i) => i.entryLevel === "COMMUNE");

/** The raw codes a computed indicator reads. */
export function inputsOf(indicator: Indicator): RawCode[] {
  if (indicator.kind === "RAW") return [indicator.code];
  const f = indicator.formula;
  switch (f.type) {
    case "ratio":
      return [...new Set([...f.numerator, ...f.denominator])];
    case "coverage":
      return [f.flag];
    case "cumulative":
      return [f.of];
    case "reporting":
      return [];
  }
}

/** How the formula is stored in the `indicator` table (numerator / denominator term lists) for display and export. */
export function storedFormula(indicator: ComputedIndicator): {
  numerator: string[];
  denominator: string[];
  factor: number;
} {
  const f = indicator.formula;
  switch (f.type) {
    case "ratio":
      return { numerator: f.numerator, denominator: f.denominator, factor: f.factor };
    case "coverage":
      return { numerator: [f.flag], denominator: [`count(${f.flag})`], factor: 100 };
    case "cumulative":
      return { numerator: [`cumulative(${f.of})`], denominator: [], factor: 1 };
    case "reporting":
      return {
        numerator: [f.onTimeOnly ? "reports_on_time" : "reports_submitted"],
        denominator: ["reports_expected"],
        factor: 100,
      };
  }
}

export type KpiStatus = "good" | "warning" | "bad" | "none";

/**
 * Colour band of a value against its target: good when the target is met, warning when within
 * 5% of the target (or 1 unit for counts whose target is 0), bad otherwise.
 */
export function kpiStatus(indicator: Indicator, value: number | null | undefined): KpiStatus {
  if (value == null || indicator.target == null || indicator.direction == null) return "none";
  const t = indicator.target;
  if (indicator.direction === "HIGHER_IS_BETTER") {
    if (value >= t) return "good";
    return value >= t * 0.95 ? "warning" : "bad";
  }
  if (value <= t) return "good";
  return value <= (t === 0 ? 1 : t * 1.05) ? "warning" : "bad";
}
