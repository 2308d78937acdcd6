/** Figures of the "Báo cáo tóm tắt" for a period, read with the same aggregates the dashboards use. */
import type { BriefingCommune, BriefingFigures, ComparableFigures, ShortageField } from "@/lib/domain/briefing";
import { SHORTAGE_FIELDS } from "@/lib/domain/briefing";
import { NO_REPORTS, type RawAggregates, carriedSummary, unitsBehind } from "@/lib/domain/aggregate";
import { isProvisional } from "@/lib/domain/coverage";
import { isRangeLocked } from "./coverage";
import { getIndicator } from "@/lib/domain/indicators";
import { type PeriodRange, previousRange, REFORM_START } from "@/lib/domain/periods";
import { type Scope, rawValuesByCommune, scopeFigures, unitValue } from "./aggregates";
import { provinceOverview } from "./overview";
import { reportingCountsByCommune, reportingStandingByCommune } from "./series";
import { now as clockNow } from "@/lib/clock";

const COMPARABLE_CODES = [
  "proc_on_time_rate",
  "proc_online_rate",
  "staff_cbcc",
  "staff_quota",
  "shortage_total",
  "pages_digitised",
  "reporting_rate",
  "one_stop_coverage",
] as const;

async function comparable(
  scope: Scope,
  range: PeriodRange,
): Promise<{ figures: ComparableFigures; hasData: boolean; raw: RawAggregates }> {
  const f = await scopeFigures(scope, range, COMPARABLE_CODES);
  const oneStop = f.raw.one_stop_operating;
  return {
    hasData: Object.keys(f.raw).length > 0,
    raw: f.raw,
    figures: {
      onTimeRate: f.value("proc_on_time_rate"),
      onlineRate: f.value("proc_online_rate"),
      oneStopCovered: oneStop ? oneStop.sum : null,
      staffCbcc: f.value("staff_cbcc"),
      staffQuota: f.value("staff_quota"),
      shortageTotal: f.value("shortage_total"),
      pagesInPeriod: f.value("pages_digitised"),
      reportingRate: f.value("reporting_rate"),
      unitsBehind: {
        oneStopCovered: unitsBehind(getIndicator("one_stop_operating"), f.raw),
        staffCbcc: unitsBehind(getIndicator("staff_cbcc"), f.raw),
        shortageTotal: unitsBehind(getIndicator("shortage_total"), f.raw),
        pagesInPeriod: unitsBehind(getIndicator("pages_digitised"), f.raw),
      },
    },
  };
}

export async function briefingFigures(
  provinceCode: string,
  range: PeriodRange,
  now: Date = clockNow(),
): Promise<BriefingFigures> {
  const scope: Scope = { provinceCode };
  const prev = previousRange(range);
  const [overview, current, previous, byCommune, reports, standing, locked] = await Promise.all([
    provinceOverview(provinceCode, range),
    comparable(scope, range),
    prev.to >= REFORM_START ? comparable(scope, prev) : Promise.resolve(null),
    rawValuesByCommune(scope, range, [
      ...SHORTAGE_FIELDS,
      "proc_resolved_early",
      "proc_resolved_on_time",
      "proc_resolved_late",
    ]),
    reportingCountsByCommune(scope, range),
    reportingStandingByCommune(scope, range, now),
    isRangeLocked(range),
  ]);
  // What the totals cover (issue 28): the staff figures' carried units stand for every stock total of the briefing.
  const staffInputs = [current.raw.staff_cadres, current.raw.staff_civil_servants, current.raw.staff_quota];
  const coverage = {
    received: overview.reporting.received,
    expected: overview.reporting.expected,
    provisional: isProvisional(
      { period: range.to, received: overview.reporting.received, expected: overview.reporting.expected },
      locked,
    ),
    carried: carriedSummary(staffInputs),
    missing: Math.max(0, overview.units.total - Math.max(0, ...staffInputs.map((a) => a?.units ?? 0))),
  };
  const shortages = {} as BriefingFigures["shortages"];
  for (const k of SHORTAGE_FIELDS) {
    let positions = 0;
    let communes = 0;
    let reported = false;
    for (const raw of byCommune.values()) {
      const v = raw[k]?.sum;
      if (v == null) continue;
      reported = true;
      positions += v;
      if (v > 0) communes++;
    }
    shortages[k as ShortageField] = reported ? { positions, communes } : null;
  }
  const communes: BriefingCommune[] = overview.communes.map((c) => {
    const raw: RawAggregates = byCommune.get(c.code) ?? {};
    const r = reports.get(c.code) ?? NO_REPORTS;
    // A commune is ranked on the reports already due: one still within the deadline is not behind.
    const pending = standing.get(c.code)?.pending ?? 0;
    return {
      code: c.code,
      fullName: c.fullName,
      // The overview already computed each commune's on-time rate from the same range.
      onTimeRate: c.onTimeRate,
      resolved: unitValue("proc_resolved", raw),
      reportsExpected: r.expected - pending,
      reportsReceived: r.received,
      reportsOnTime: r.onTime,
    };
  });
  return {
    range,
    hasData: current.hasData,
    units: overview.units,
    oneStop: overview.oneStop,
    pagesCumulative: overview.value("pages_digitised_cumulative"),
    staffAllLevels: overview.staffAllLevels,
    shortages,
    reporting: {
      ...overview.reporting,
      pending: [...standing.values()].reduce((a, s) => a + s.pending, 0),
      overdue: [...standing.values()].reduce((a, s) => a + s.overdue, 0),
      nextDeadline: [...standing.values()].find((s) => s.nextDeadline)?.nextDeadline?.at ?? null,
    },
    current: current.figures,
    previous: { range: prev, figures: previous?.hasData ? previous.figures : null },
    communes,
    coverage,
  };
}
