/**
 * Deterministic demo data (SPEC §4). Per commune and month it produces plausible raw values scaled to the
 * unit's population, and monthly reports with statuses and submission times. In Lai Châu mode the first
 * quarter is calibrated so that the province aggregates reproduce the published figures exactly:
 * Σ staff_quota = 13,054 and Σ (cadres + civil servants) = 2,334 at 2025-09; on-time rate Jul–Sep = 98.8%;
 * pages digitised Jul–Sep in [3.8 M, 4 M); 38/38 one-stop shops; 17,418 staff province-wide.
 * Pure TypeScript: the loaders in lib/data/seed.ts write what this returns.
 */
import type { Observation, ReportRecord, ReportStatus } from "../domain/aggregate";
import type { RawCode } from "../domain/indicators";
import {
  type Period,
  REFORM_START,
  lastFullMonth,
  monthsBetween,
  periodsInRange,
  reportDeadline,
} from "../domain/periods";
import { type Rng, apportion, between, createRng, intBetween } from "./random";

export const PUBLISHED = {
  staffQuota: 13054,
  staffCbcc: 2334,
  onTimeRate: 98.8,
  pagesMin: 3_800_000,
  pagesMax: 3_999_999,
  staffAllLevels: 17418,
  calibrationEnd: "2025-09",
} as const;

export interface DemoCommune {
  code: string;
  population: number;
}

export interface DemoReport extends ReportRecord {
  submittedAt: Date | null;
  approvedAt: Date | null;
  returnComment: string | null;
}

export interface CommuneSeries {
  code: string;
  values: Map<Period, Partial<Record<RawCode, number>>>;
  reports: DemoReport[];
}

type MonthValues = Partial<Record<RawCode, number>>;

interface Base {
  quota: number;
  cbcc: number;
}

const SEED = "lai-chau-2025";

/** Local (UTC+7) date-time of a day in the month after `period`. */
function dayAfterPeriod(period: Period, day: number, hour: number): Date {
  const deadline = reportDeadline(period, day);
  return new Date(deadline.getTime() - (24 - hour) * 3600 * 1000 + 1);
}

/**
 * What the story of a report looks like at `today`: a submission still to come is a draft the commune is typing, an
 * approval still to come leaves the report waiting. No timestamp of the demo data is after the instant it was made.
 */
function asOf(report: DemoReport | null, today: Date): DemoReport | null {
  if (!report) return null;
  if (report.submittedAt && report.submittedAt > today) {
    return {
      ...report,
      status: "DRAFT",
      firstSubmittedAt: null,
      submittedAt: null,
      approvedAt: null,
      returnComment: null,
    };
  }
  if (report.approvedAt && report.approvedAt > today) return { ...report, status: "SUBMITTED", approvedAt: null };
  return report;
}

/** The status story of one commune's month: how late the last months are depends on their distance to `until`. */
function reportFor(code: string, period: Period, until: Period, rng: Rng): DemoReport | null {
  const age = monthsBetween(period, until); // 0 = the last full month
  const roll = rng();
  const base = { unit: code, period, returnComment: null } as const;
  const make = (
    status: ReportStatus,
    submitDay: number | null,
    approveAfterDays: number | null,
    returnComment: string | null = null,
  ): DemoReport => {
    const submittedAt = submitDay === null ? null : dayAfterPeriod(period, submitDay, 8 + intBetween(rng, 0, 8));
    return {
      ...base,
      status,
      firstSubmittedAt: submittedAt,
      submittedAt,
      approvedAt:
        submittedAt && approveAfterDays !== null ? new Date(submittedAt.getTime() + approveAfterDays * 86400000) : null,
      returnComment,
    };
  };
  if (period <= PUBLISHED.calibrationEnd) return make("APPROVED", intBetween(rng, 1, 5), intBetween(rng, 1, 4));
  if (age === 0) {
    if (roll < 0.1) return null;
    if (roll < 0.17) return make("DRAFT", null, null);
    if (roll < 0.24)
      return make("RETURNED", intBetween(rng, 2, 5), null, "Đề nghị rà soát lại số hồ sơ quá hạn và số trang số hoá.");
    if (roll < 0.58) return make("SUBMITTED", intBetween(rng, 1, 12), null);
    return make("APPROVED", intBetween(rng, 1, 5), intBetween(rng, 1, 3));
  }
  if (age === 1) {
    if (roll < 0.04) return null;
    if (roll < 0.14) return make("SUBMITTED", intBetween(rng, 3, 20), null);
    return make("APPROVED", roll < 0.24 ? intBetween(rng, 6, 15) : intBetween(rng, 1, 5), intBetween(rng, 1, 5));
  }
  if (roll < 0.015) return null;
  return make("APPROVED", roll < 0.1 ? intBetween(rng, 6, 20) : intBetween(rng, 1, 5), intBetween(rng, 1, 6));
}

function generateCommune(
  commune: DemoCommune,
  base: Base,
  months: Period[],
  until: Period,
  today: Date,
  seed: string,
): CommuneSeries {
  const rng = createRng(`${seed}:${commune.code}`);
  const pop = commune.population;
  const fill = between(rng, 0.9, 0.985);
  const cadreShare = between(rng, 0.36, 0.46);
  const lateRate = rng() < 0.2 ? between(rng, 0.02, 0.06) : between(rng, 0.002, 0.015);
  const onlineStart = between(rng, 0.25, 0.45);
  const activity = between(rng, 0.008, 0.014); // dossiers per inhabitant per month
  const shortages: Record<"shortage_finance" | "shortage_construction" | "shortage_land" | "shortage_it", number> = {
    shortage_finance: rng() < 0.45 ? intBetween(rng, 1, 2) : 0,
    shortage_construction: rng() < 0.55 ? intBetween(rng, 1, 2) : 0,
    shortage_land: rng() < 0.5 ? intBetween(rng, 1, 2) : 0,
    shortage_it: rng() < 0.7 ? intBetween(rng, 1, 3) : 0,
  };
  let cbcc = base.cbcc;
  let cadres = Math.round(cbcc * cadreShare);
  let publicEmployees = Math.max(0, Math.round(base.quota * fill) - cbcc);
  let pending = Math.round(pop * activity * between(rng, 0.1, 0.3));
  const values = new Map<Period, MonthValues>();
  const reports: DemoReport[] = [];

  months.forEach((period, i) => {
    const report = asOf(reportFor(commune.code, period, until, rng), today);
    // Staffing drifts a little after the first quarter, which is pinned to the published totals.
    if (period > PUBLISHED.calibrationEnd) {
      const change = intBetween(rng, -1, 2);
      cbcc = Math.max(1, cbcc + change);
      cadres = Math.min(cbcc, Math.max(0, cadres + (change > 0 && rng() < 0.3 ? 1 : 0)));
      publicEmployees = Math.max(0, publicEmployees + intBetween(rng, -2, 3));
      for (const key of Object.keys(shortages) as (keyof typeof shortages)[]) {
        if (shortages[key] > 0 && rng() < 0.12) shortages[key] -= 1;
      }
    }
    const seasonal = 1 + 0.15 * Math.sin((i / 12) * 2 * Math.PI);
    const received = Math.max(5, Math.round(pop * activity * seasonal * between(rng, 0.8, 1.2)));
    const online = Math.min(
      received,
      Math.round(received * Math.min(0.85, onlineStart + i * 0.015) * between(rng, 0.9, 1.1)),
    );
    const resolved = Math.round((pending + received) * between(rng, 0.8, 0.93));
    const late = Math.min(resolved, Math.round(resolved * lateRate * between(rng, 0.5, 1.5)));
    const early = Math.round((resolved - late) * between(rng, 0.15, 0.4));
    pending = pending + received - resolved;
    const feedbackReceived = Math.round((pop / 6000) * between(rng, 0.3, 1.7));
    const month: MonthValues = {
      staff_quota: base.quota,
      staff_cadres: cadres,
      staff_civil_servants: cbcc - cadres,
      staff_public_employees: publicEmployees,
      ...shortages,
      one_stop_operating: 1,
      proc_received: received,
      proc_received_online: online,
      proc_resolved_early: early,
      proc_resolved_on_time: resolved - late - early,
      proc_resolved_late: late,
      proc_pending: pending,
      pages_digitised: Math.round(pop * between(rng, 0.4, 0.9)),
      dossiers_digitised: Math.round(resolved * Math.min(0.97, between(rng, 0.55, 0.75) + i * 0.01)),
      feedback_received: feedbackReceived,
      feedback_resolved: Math.round(feedbackReceived * between(rng, 0.8, 1)),
    };
    // A missing report has no values at all; a draft keeps what the commune has typed so far.
    if (report) {
      values.set(period, month);
      reports.push(report);
    }
  });
  return { code: commune.code, values, reports };
}

/** Pins the first quarter to the published figures: exact late count for 98.8%, and the pages total. */
function calibrateFirstQuarter(series: CommuneSeries[], seed: string): void {
  const rng = createRng(`${seed}:calibration`);
  const quarter = periodsInRange(REFORM_START, PUBLISHED.calibrationEnd);
  const cells = series.flatMap((s) => quarter.map((p) => s.values.get(p)!));
  const resolved = cells.map((v) => v.proc_resolved_early! + v.proc_resolved_on_time! + v.proc_resolved_late!);
  const totalResolved = resolved.reduce((a, b) => a + b, 0);
  const totalLate = Math.round((totalResolved * (100 - PUBLISHED.onTimeRate)) / 100);
  const lateParts = apportion(
    totalLate,
    cells.map((v, i) => (v.proc_resolved_late! + 0.5) * (resolved[i]! > 0 ? 1 : 0)),
  );
  cells.forEach((v, i) => {
    const late = Math.min(lateParts[i]!, resolved[i]!);
    const timely = resolved[i]! - late;
    const earlyShare = v.proc_resolved_early! / Math.max(1, v.proc_resolved_early! + v.proc_resolved_on_time!);
    v.proc_resolved_late = late;
    v.proc_resolved_early = Math.round(timely * earlyShare);
    v.proc_resolved_on_time = timely - v.proc_resolved_early;
  });
  const pagesTotal = intBetween(rng, 3_850_000, 3_960_000);
  const monthWeight = [0.22, 0.34, 0.44];
  const pageParts = apportion(
    pagesTotal,
    cells.map((v, i) => v.pages_digitised! * monthWeight[i % 3]!),
  );
  cells.forEach((v, i) => (v.pages_digitised = pageParts[i]!));
}

export interface DemoProvince {
  code: string;
  /** The instant the data describes: no timestamp in it is later. */
  generatedAt: Date;
  communes: DemoCommune[];
  series: CommuneSeries[];
  provinceValues: Observation[];
}

/**
 * Lai Châu's demo data as it stands at `today`: from 2025-07 to the last full month (Vietnam's calendar), reproducing
 * SPEC §4; the newest month is as far along as its deadline allows (some reports in, some drafts, none late before
 * the deadline). Base staffing is apportioned from the published totals by population, so larger units get larger quotas.
 */
export function generateLaiChau(communes: DemoCommune[], today: Date, seed = SEED): DemoProvince {
  const until = lastFullMonth(today);
  if (until < PUBLISHED.calibrationEnd) throw new Error(`Demo data needs months up to ${PUBLISHED.calibrationEnd}`);
  const totalPop = communes.reduce((a, c) => a + c.population, 0);
  const n = communes.length;
  const quotas = apportion(
    PUBLISHED.staffQuota,
    communes.map((c) => 0.55 * (c.population / totalPop) + 0.45 / n),
  );
  const cbccs = apportion(
    PUBLISHED.staffCbcc,
    communes.map((c) => 0.3 * (c.population / totalPop) + 0.7 / n),
  );
  const months = periodsInRange(REFORM_START, until);
  const series = communes.map((c, i) =>
    generateCommune(c, { quota: quotas[i]!, cbcc: cbccs[i]! }, months, until, today, seed),
  );
  calibrateFirstQuarter(series, seed);
  const provinceValues: Observation[] = months.map((period, i) => ({
    unit: "12",
    period,
    code: "staff_all_levels",
    value: PUBLISHED.staffAllLevels + (period <= PUBLISHED.calibrationEnd ? 0 : Math.round(Math.sin(i) * 12)),
  }));
  return { code: "12", generatedAt: today, communes, series, provinceValues };
}

/** A synthetic province for national-scale benchmarks (no calibration; staffing scaled to population). */
export function generateSyntheticProvince(
  code: string,
  communes: DemoCommune[],
  today: Date,
  seed = SEED,
): DemoProvince {
  const until = lastFullMonth(today);
  const months = periodsInRange(REFORM_START, until);
  const series = communes.map((c) => {
    const rng = createRng(`${seed}:${c.code}:base`);
    const quota = Math.round(120 + c.population * between(rng, 0.012, 0.02));
    return generateCommune(c, { quota, cbcc: Math.round(40 + c.population * 0.0012) }, months, until, today, seed);
  });
  return { code, generatedAt: today, communes, series, provinceValues: [] };
}

/** Flattens a series into observations (the shape lib/domain aggregates). */
export function toObservations(province: DemoProvince): Observation[] {
  const out: Observation[] = [...province.provinceValues];
  for (const s of province.series) {
    for (const [period, month] of s.values) {
      for (const [code, value] of Object.entries(month))
        out.push({ unit: s.code, period, code: code as RawCode, value: value! });
    }
  }
  return out;
}
