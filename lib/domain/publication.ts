/**
 * The public view's rules (issue 26), in plain TypeScript:
 *  - which months may be published (every report received for the month approved; missing ones are coverage) and
 *    withdrawn;
 *  - which periods the public sees: each published month, and the quarters, half-years and years made only of
 *    published months (from 07/2025, when reporting starts);
 *  - how a reader's `?period=` / `?from=&to=` picks one of them (anything else: not found);
 *  - the public figures of a period, computed from the approved values of published months only (`buildSnapshot`),
 *    with lib/domain/aggregate.ts's rules: lib/data/publication.ts stores its result at publication, the public pages
 *    read it as is; with it, the Decision 766 components those values support (lib/domain/index766.ts's scoring).
 *    The components the province enters from the national portal are not in it: they are not commune reports, and
 *    no publication approves them.
 */
import { type Observation, type ReportRecord, aggregateRaw, indicatorValue } from "./aggregate";
import {
  INDEX_766_CODES,
  type Index766Score,
  type SupportedComponentId,
  index766Inputs,
  scoreIndex766,
} from "./index766";
import { INDICATORS, type Indicator, inputsOf, rawIndicator } from "./indicators";
import { type Period, REFORM_START, currentPeriod, isPeriod, periodsInRange } from "./periods";
import type { Wording } from "./wording";

export type PublicPeriodKind = "month" | "quarter" | "half" | "year";

export interface PublicPeriod {
  /** '2026-10', '2026-Q3', '2026-H2' or '2026'. */
  key: string;
  kind: PublicPeriodKind;
  from: Period;
  to: Period;
}

/** The indicators of the public view: every indicator computed from what communes report (no province-entered figure). */
export const PUBLIC_INDICATORS: readonly Indicator[] = INDICATORS.filter((i) =>
  i.kind === "RAW" ? i.entryLevel === "COMMUNE" : inputsOf(i).every((c) => rawIndicator(c).entryLevel === "COMMUNE"),
);

export function isPublicIndicator(code: string): boolean {
  return PUBLIC_INDICATORS.some((i) => i.code === code);
}

const pad = (n: number) => String(n).padStart(2, "0");

export function monthPeriod(period: Period): PublicPeriod {
  return { key: period, kind: "month", from: period, to: period };
}

/** A period key back to its months, or null for anything that is not one (the months are then clipped to 07/2025). */
export function parsePublicKey(key: string): PublicPeriod | null {
  if (typeof key !== "string" || key.length > 7) return null;
  if (isPeriod(key)) return monthPeriod(key);
  let m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const q = Number(m[2]);
    return clip({ key, kind: "quarter", from: `${m[1]}-${pad(q * 3 - 2)}`, to: `${m[1]}-${pad(q * 3)}` });
  }
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) {
    const h = Number(m[2]);
    return clip({ key, kind: "half", from: `${m[1]}-${pad(h * 6 - 5)}`, to: `${m[1]}-${pad(h * 6)}` });
  }
  m = /^(\d{4})$/.exec(key);
  if (m) return clip({ key, kind: "year", from: `${m[1]}-01`, to: `${m[1]}-12` });
  return null;
}

/** Periods before reporting started hold only the months from 07/2025 (the year 2025 is 07–12/2025). */
function clip(p: PublicPeriod): PublicPeriod | null {
  if (p.to < REFORM_START) return null;
  return p.from < REFORM_START ? { ...p, from: REFORM_START } : p;
}

/** The quarters, half-years and years all of whose months are published. */
export function aggregatePeriods(published: Iterable<Period>): PublicPeriod[] {
  const months = new Set(published);
  const candidates = new Set<string>();
  for (const m of months) {
    const year = m.slice(0, 4);
    const month = Number(m.slice(5));
    candidates.add(`${year}-Q${Math.ceil(month / 3)}`);
    candidates.add(`${year}-H${month <= 6 ? 1 : 2}`);
    candidates.add(year);
  }
  const out: PublicPeriod[] = [];
  for (const key of candidates) {
    const p = parsePublicKey(key);
    if (p && periodsInRange(p.from, p.to).every((x) => months.has(x))) out.push(p);
  }
  return sortPeriods(out);
}

const KIND_ORDER: Record<PublicPeriodKind, number> = { month: 0, quarter: 1, half: 2, year: 3 };

/** Newest first; for the same end, the shorter period first. */
export function sortPeriods(periods: PublicPeriod[]): PublicPeriod[] {
  return [...periods].sort((a, b) =>
    a.to !== b.to ? (a.to < b.to ? 1 : -1) : KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
}

/** Everything the public sees for a set of published months: the months and the periods made only of them. */
export function publicPeriods(published: Iterable<Period>): PublicPeriod[] {
  const months = [...new Set(published)].filter(isPeriod);
  return sortPeriods([...months.map(monthPeriod), ...aggregatePeriods(months)]);
}

/** The period's publication date: the latest publication among its months. */
export function periodPublishedAt(p: PublicPeriod, publications: Map<string, Date>): Date {
  let latest = new Date(0);
  for (const m of periodsInRange(p.from, p.to)) {
    const at = publications.get(m);
    if (at && at > latest) latest = at;
  }
  return latest;
}

export interface PublicQuery {
  period?: string | null;
  from?: string | null;
  to?: string | null;
}

/**
 * The period a reader's address asks for, among those published: no parameter = the newest published month;
 * `?period=` a published month or period key; `?from=&to=` exactly a published period (or one month). Anything else,
 * including a month that exists but is not published, is null: the page answers 404.
 */
export function selectPublicPeriod(query: PublicQuery, available: readonly PublicPeriod[]): PublicPeriod | null {
  const { period, from, to } = query;
  if (period && (from || to)) return null;
  if (period) return available.find((p) => p.key === period) ?? null;
  if (from || to) {
    if (!from || !to) return null;
    return available.find((p) => p.from === from && p.to === to) ?? null;
  }
  return available.find((p) => p.kind === "month") ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Publishing and withdrawing a month

export interface PublishState {
  period: string;
  now: Date;
  /** Already published. */
  published: boolean;
  /** Reports of the month that are received but not yet approved (SUBMITTED). */
  awaitingApproval: number;
  /** Approved reports of the month. */
  approved: number;
}

export type PublishRule = "badMonth" | "notOver" | "alreadyPublished" | "awaitingApproval" | "noneApproved";
export type WithdrawRule = "badMonthWithdraw" | "notPublished";

const monthLabel = (period: string) => `${period.slice(5)}/${period.slice(0, 4)}`;

/** Why a month cannot be published now, as rules (the catalogue's `dataErrors.publish`); empty when it can. */
export function publishRefusals(s: PublishState): Wording<PublishRule>[] {
  if (!isPeriod(s.period) || s.period < REFORM_START) return [{ rule: "badMonth", values: {} }];
  const month = monthLabel(s.period);
  if (s.period >= currentPeriod(s.now)) return [{ rule: "notOver", values: { month } }];
  const problems: Wording<PublishRule>[] = [];
  if (s.published) problems.push({ rule: "alreadyPublished", values: { month } });
  if (s.awaitingApproval > 0) problems.push({ rule: "awaitingApproval", values: { month, count: s.awaitingApproval } });
  if (s.approved === 0) problems.push({ rule: "noneApproved", values: { month } });
  return problems;
}

export function withdrawRefusals(s: { period: string; published: boolean }): Wording<WithdrawRule>[] {
  if (!isPeriod(s.period)) return [{ rule: "badMonthWithdraw", values: {} }];
  return s.published ? [] : [{ rule: "notPublished", values: { month: monthLabel(s.period) } }];
}

/** A publishing or withdrawing refusal in Vietnamese (the catalogue's `dataErrors.publish` says the same). */
export function publishMessageVi(r: Wording<PublishRule | WithdrawRule>): string {
  const v = r.values;
  switch (r.rule) {
    case "badMonth":
      return "Tháng không hợp lệ: chọn một tháng từ 07/2025.";
    case "notOver":
      return `Tháng ${v.month} chưa kết thúc: chỉ công bố được tháng đã qua.`;
    case "alreadyPublished":
      return `Tháng ${v.month} đã được công bố.`;
    case "awaitingApproval":
      return `Còn ${v.count} báo cáo tháng ${v.month} chờ duyệt: duyệt hoặc trả lại trước khi công bố.`;
    case "noneApproved":
      return `Tháng ${v.month} chưa có báo cáo nào được duyệt.`;
    case "badMonthWithdraw":
      return "Tháng không hợp lệ.";
    case "notPublished":
      return `Tháng ${v.month} chưa được công bố.`;
  }
}

/** Why a month cannot be published now (Vietnamese, one sentence each); empty when it can. */
export function publishProblems(s: PublishState): string[] {
  return publishRefusals(s).map(publishMessageVi);
}

export function withdrawProblems(s: { period: string; published: boolean }): string[] {
  return withdrawRefusals(s).map(publishMessageVi);
}

// ---------------------------------------------------------------------------------------------------------------
// The snapshot

export interface PublicUnit {
  code: string;
  nameVi: string;
  kind: "XA" | "PHUONG";
}

export interface PublicFigure {
  value: number | null;
  /** Units whose values the figure rests on. */
  units: number;
}

export interface SnapshotPayload {
  from: Period;
  to: Period;
  units: PublicUnit[];
  /** Units with an approved report of a month of the period ("36/38 xã, phường có số liệu"). */
  reported: string[];
  province: Record<string, PublicFigure>;
  /** Per unit code, per indicator code: the unit's own value (null: none). */
  communes: Record<string, Record<string, number | null>>;
  /** The Decision 766 scores of the period (absent from snapshots stored before they were added: the page is a 404). */
  index766?: { province: Public766Score; communes: Record<string, Public766Score> };
}

/** A Decision 766 score as the snapshot keeps it: the points, without the components' wording (lib/domain/index766). */
export interface Public766Score {
  total: number | null;
  totalMax: number;
  components: { id: SupportedComponentId; rate: number | null; points: number | null }[];
}

function public766(score: Index766Score): Public766Score {
  return {
    total: score.total,
    totalMax: score.totalMax,
    components: score.components.map((c) => ({ id: c.id, rate: c.rate, points: c.points })),
  };
}

/** The Decision 766 scores of a period from the same observations as the snapshot's figures: the province, each unit. */
export function snapshot766(
  range: { from: Period; to: Period },
  units: readonly PublicUnit[],
  observations: readonly Observation[],
): NonNullable<SnapshotPayload["index766"]> {
  const communes: Record<string, Public766Score> = {};
  for (const u of units) {
    const own = observations.filter((o) => o.unit === u.code);
    communes[u.code] = public766(scoreIndex766(index766Inputs(aggregateRaw(INDEX_766_CODES, own, range))));
  }
  return {
    province: public766(scoreIndex766(index766Inputs(aggregateRaw(INDEX_766_CODES, observations, range)))),
    communes,
  };
}

/**
 * The public figures of a period, from the approved values (`observations`) and reports of published months only:
 * the province's figure and each unit's for every public indicator, and which units have data. The caller passes
 * nothing else: whatever is not in them cannot appear.
 */
export function buildSnapshot(
  range: { from: Period; to: Period },
  units: readonly PublicUnit[],
  observations: readonly Observation[],
  reports: readonly { unit: string; period: Period; firstSubmittedAt: Date | null }[],
): SnapshotPayload {
  const unitCodes = units.map((u) => u.code);
  const records: ReportRecord[] = reports.map((r) => ({ ...r, status: "APPROVED" }));
  const province: Record<string, PublicFigure> = {};
  for (const indicator of PUBLIC_INDICATORS) {
    const inputs = { observations, range, units: unitCodes, reports: records };
    const raw = aggregateRaw(
      inputsOf(indicator),
      observations,
      indicator.kind === "COMPUTED" && indicator.formula.type === "cumulative"
        ? { from: REFORM_START, to: range.to }
        : range,
    );
    const rests =
      indicator.kind === "COMPUTED" && indicator.formula.type === "reporting"
        ? new Set(records.filter((r) => r.period >= range.from && r.period <= range.to).map((r) => r.unit)).size
        : Math.max(0, ...inputsOf(indicator).map((c) => raw[c]?.units ?? 0));
    province[indicator.code] = { value: indicatorValue(indicator, inputs), units: rests };
  }
  const byUnit = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byUnit.get(o.unit) ?? [];
    list.push(o);
    byUnit.set(o.unit, list);
  }
  const communes: Record<string, Record<string, number | null>> = {};
  for (const u of units) {
    const own = byUnit.get(u.code) ?? [];
    const values: Record<string, number | null> = {};
    for (const indicator of PUBLIC_INDICATORS) {
      values[indicator.code] = indicatorValue(indicator, {
        observations: own,
        range,
        units: [u.code],
        reports: records.filter((r) => r.unit === u.code),
      });
    }
    communes[u.code] = values;
  }
  const reported = unitCodes.filter((code) =>
    records.some((r) => r.unit === code && r.period >= range.from && r.period <= range.to),
  );
  const index766 = snapshot766(range, units, observations);
  return { from: range.from, to: range.to, units: [...units], reported, province, communes, index766 };
}
