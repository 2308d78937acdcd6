/**
 * The parts of Decision 766/QĐ-TTg (23/6/2022) that the tracker's monthly data can support, scored with the
 * decision's rules as the national portal applies them (unofficial catalogue: data/indicators_766_catalogue.json).
 * Pure: raw sums in, points out. Components the data cannot support are listed, never estimated.
 *
 * Where our data only approximates the decision's definition, the component says how (`basis`):
 *  - 2.1 progress: the portal counts dossiers still in process within their deadline; we only know resolved ones,
 *    so the share is (early + on time) / resolved.
 *  - 3.x online: the group's 12 points are split among 3.1–3.3 in a way nobody has published; we score the only
 *    part our data touches (3.3, online share of dossiers received, full marks at ≥ 50%) on the whole 12 points
 *    and mark it as an estimate.
 *  - 4.2 digitisation: dossiers digitised / dossiers resolved, full marks at ≥ 80%.
 *  - 5.2 feedback: feedback resolved / received (we do not know "on time"); 6 points when there was none.
 */

import { z } from "zod";
import type { RawAggregates } from "./aggregate";
import type { RawCode } from "./indicators";
import type { Locale } from "./format";
import { parseNumberInput } from "./validation";
import type { Wording } from "./wording";

export const DECISION_766 = "Quyết định 766/QĐ-TTg ngày 23/6/2022";

export interface Index766Inputs {
  resolvedEarly: number | null;
  resolvedOnTime: number | null;
  resolvedLate: number | null;
  received: number | null;
  receivedOnline: number | null;
  dossiersDigitised: number | null;
  feedbackReceived: number | null;
  feedbackResolved: number | null;
}

/** The monthly reports' raw indicators the supported components are scored from (all commune-reported flows). */
export const INDEX_766_CODES: RawCode[] = [
  "proc_resolved_early",
  "proc_resolved_on_time",
  "proc_resolved_late",
  "proc_received",
  "proc_received_online",
  "dossiers_digitised",
  "feedback_received",
  "feedback_resolved",
];

/** The scoring's inputs from a unit's (or the province's) raw sums over the period. */
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

export type SupportedComponentId = "2.1" | "3.x" | "4.2" | "5.2";

export interface ComponentScore {
  id: SupportedComponentId;
  group: string;
  name: string;
  max: number;
  /** The share that drives the score (0–1), null when the unit has no data for it. */
  rate: number | null;
  points: number | null;
  rule: string;
  basis: string;
  estimated: boolean;
}

export interface UnsupportedComponent {
  /** Unique key of the component (its id, or a name for the one the portal leaves unnumbered). */
  key: string;
  id: string;
  group: string;
  name: string;
  max: number;
}

export const SUPPORTED_COMPONENTS: Omit<ComponentScore, "rate" | "points">[] = [
  {
    id: "2.1",
    group: "Tiến độ giải quyết",
    name: "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
    max: 20,
    rule: "20 × tỷ lệ hồ sơ đúng và trước hạn",
    basis: "(trước hạn + đúng hạn) / đã giải quyết; chưa tính hồ sơ đang giải quyết trong hạn",
    estimated: false,
  },
  {
    id: "3.x",
    group: "Dịch vụ công trực tuyến",
    name: "Tỷ lệ hồ sơ nộp trực tuyến (chỉ tiêu 3.3)",
    max: 12,
    rule: "đủ điểm khi tỷ lệ ≥ 50%, dưới đó 12 × tỷ lệ / 50%",
    basis:
      "hồ sơ tiếp nhận trực tuyến / hồ sơ tiếp nhận; cách chia 12 điểm giữa 3.1–3.3 chưa được công bố nên đây là ước tính",
    estimated: true,
  },
  {
    id: "4.2",
    group: "Số hóa hồ sơ",
    name: "Tỷ lệ hồ sơ TTHC thực hiện số hóa",
    max: 4,
    rule: "đủ điểm khi tỷ lệ ≥ 80%, dưới đó 4 × tỷ lệ / 80%",
    basis: "hồ sơ được số hóa / hồ sơ đã giải quyết",
    estimated: false,
  },
  {
    id: "5.2",
    group: "Mức độ hài lòng",
    name: "Tỷ lệ phản ánh, kiến nghị được xử lý",
    max: 6,
    rule: "6 × tỷ lệ; 6 điểm khi không có phản ánh, kiến nghị",
    basis: "phản ánh đã xử lý / tiếp nhận (chưa phân biệt đúng hạn)",
    estimated: false,
  },
];

/**
 * Everything else in the catalogue: the monthly reports cannot compute them, so the province enters each month the
 * points the national portal (Cổng DVCQG) shows for them (ENTERED_COMPONENTS).
 */
export const UNSUPPORTED_COMPONENTS: UnsupportedComponent[] = [
  { key: "1.1", id: "1.1", group: "Công khai, minh bạch", name: "Tỷ lệ TTHC công bố đúng hạn", max: 6 },
  {
    key: "1.2",
    id: "1.2",
    group: "Công khai, minh bạch",
    name: "Tỷ lệ TTHC được cập nhật, công khai đúng hạn trên CSDL quốc gia về TTHC",
    max: 4,
  },
  {
    key: "1.3",
    id: "1.3",
    group: "Công khai, minh bạch",
    name: "Tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành",
    max: 2,
  },
  { key: "1.4", id: "1.4", group: "Công khai, minh bạch", name: "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG", max: 6 },
  { key: "3.6", id: "3.6", group: "Thanh toán trực tuyến", name: "Tỷ lệ hồ sơ thanh toán trực tuyến", max: 10 },
  { key: "4.1", id: "4.1", group: "Số hóa hồ sơ", name: "Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử", max: 6 },
  {
    key: "4.cthuc",
    id: "-",
    group: "Số hóa hồ sơ",
    name: "Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
    max: 2,
  },
  { key: "4.3", id: "4.3", group: "Số hóa hồ sơ", name: "Tỷ lệ hồ sơ khai thác, sử dụng lại dữ liệu số hóa", max: 2 },
  {
    key: "4.4",
    id: "4.4",
    group: "Số hóa hồ sơ",
    name: "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ (kho dữ liệu cá nhân)",
    max: 4,
  },
  {
    key: "4.5a",
    id: "4.5a",
    group: "Số hóa hồ sơ",
    name: "Tỷ lệ hồ sơ TTHC có sử dụng dữ liệu dân cư (cấp tỉnh)",
    max: 2,
  },
  {
    key: "4.5b",
    id: "4.5b",
    group: "Số hóa hồ sơ",
    name: "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư (cấp tỉnh)",
    max: 2,
  },
  { key: "5.3", id: "5.3", group: "Mức độ hài lòng", name: "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", max: 6 },
  { key: "5.4", id: "5.4", group: "Mức độ hài lòng", name: "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", max: 6 },
];

export const TOTAL_MAX = 100;
export const SUPPORTED_MAX = SUPPORTED_COMPONENTS.reduce((s, c) => s + c.max, 0);

function share(num: number | null, den: number | null): number | null {
  if (num == null || den == null || den <= 0) return null;
  return Math.min(1, Math.max(0, num / den));
}

/** max × rate / threshold, capped at max: the decision's "full marks from X%" rule. */
export function thresholdScore(max: number, rate: number, threshold: number): number {
  return Math.min(max, (max * rate) / threshold);
}

function sum(...xs: (number | null)[]): number | null {
  return xs.every((x) => x == null) ? null : xs.reduce<number>((s, x) => s + (x ?? 0), 0);
}

export interface Index766Score {
  components: ComponentScore[];
  /** Σ points of the supported components that have data. */
  total: number | null;
  /** Σ maxima of those components (the total is out of this). */
  totalMax: number;
}

export function scoreIndex766(x: Index766Inputs): Index766Score {
  const resolved = sum(x.resolvedEarly, x.resolvedOnTime, x.resolvedLate);
  const progress = share(sum(x.resolvedEarly, x.resolvedOnTime), resolved);
  const online = share(x.receivedOnline, x.received);
  const digitised = share(x.dossiersDigitised, resolved);
  const feedbackNone = x.feedbackReceived === 0;
  const feedback = feedbackNone ? 1 : share(x.feedbackResolved, x.feedbackReceived);
  const points: Record<SupportedComponentId, [number | null, number | null]> = {
    "2.1": [progress, progress == null ? null : 20 * progress],
    "3.x": [online, online == null ? null : thresholdScore(12, online, 0.5)],
    "4.2": [digitised, digitised == null ? null : thresholdScore(4, digitised, 0.8)],
    "5.2": [feedback, feedback == null ? null : 6 * feedback],
  };
  const components = SUPPORTED_COMPONENTS.map((c) => ({ ...c, rate: points[c.id][0], points: points[c.id][1] }));
  const scored = components.filter((c) => c.points != null);
  return {
    components,
    total: scored.length ? scored.reduce((s, c) => s + c.points!, 0) : null,
    totalMax: scored.reduce((s, c) => s + c.max, 0),
  };
}

/**
 * Ranks by total, highest first; totals equal at the one decimal shown share a rank (1, 2, 2, 4), so the table never
 * shows two equal scores with different ranks; units without a total come last, unranked.
 */
export function rankByTotal<T extends { total: number | null; name: string }>(
  rows: T[],
): (T & { rank: number | null })[] {
  const sorted = [...rows].sort(
    (a, b) => (b.total ?? -Infinity) - (a.total ?? -Infinity) || a.name.localeCompare(b.name, "vi"),
  );
  let rank = 0;
  return sorted.map((r, i) => {
    if (r.total == null) return { ...r, rank: null };
    if (i === 0 || Math.round(r.total * 10) !== Math.round(sorted[i - 1]!.total! * 10)) rank = i + 1;
    return { ...r, rank };
  });
}

/** "1.1 Tỷ lệ TTHC công bố đúng hạn" (the portal leaves one component unnumbered). */
export function componentLabel(c: { id: string; name: string }): string {
  return c.id !== "-" ? `${c.id} ${c.name}` : c.name;
}

/**
 * A component's key in the catalogue's `index766Components` (its name, group, rule and basis in each language; the
 * Vietnamese says what this module does): "1.1" → "c1_1", next-intl's keys holding no dots.
 */
export const componentMessageKey = (key: string) => `c${key.replace(/[^0-9a-z]/gi, "_")}`;

/** The components the province enters from the portal, in the portal's order. */
export const ENTERED_COMPONENTS = UNSUPPORTED_COMPONENTS;

const pointsVi = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

/** What an entered component's points may break: the catalogue's `dataErrors.index766Points` words each. */
export type Index766PointsRule = "notANumber" | "negative" | "tooMany";

/** A rule's Vietnamese message; its figures are the component (`componentLabel`) and, for tooMany, its weight. */
export function index766PointsMessageVi(w: Wording<Index766PointsRule>): string {
  const component = w.values.component;
  switch (w.rule) {
    case "notANumber":
      return `${component}: điểm nhập không phải là số`;
    case "negative":
      return `${component}: điểm không được âm`;
    case "tooMany":
      return `${component}: tối đa ${pointsVi.format(Number(w.values.max))} điểm`;
  }
}

const pointsWording = (rule: Index766PointsRule, c: UnsupportedComponent): Wording<Index766PointsRule> => ({
  rule,
  values: rule === "tooMany" ? { component: componentLabel(c), max: c.max } : { component: componentLabel(c) },
});

const POINTS_WORDINGS = new Map(
  ENTERED_COMPONENTS.flatMap((c) =>
    (["notANumber", "negative", "tooMany"] as const).map((rule) => {
      const wording = pointsWording(rule, c);
      return [index766PointsMessageVi(wording), wording] as const;
    }),
  ),
);

/** The rule and figures of one of ZIndex766Entries' messages; undefined for any other message. */
export function index766PointsWording(message: string): Wording<Index766PointsRule> | undefined {
  return POINTS_WORDINGS.get(message);
}

/**
 * The form of the entered components: points as the portal shows them ("5,5"), each between 0 and the component's
 * weight; empty means "not entered yet". The same schema reads the form on the server.
 */
export function index766EntriesSchema(locale: Locale = "vi") {
  return z.object(
    Object.fromEntries(
      ENTERED_COMPONENTS.map((c) => {
        const message = (rule: Index766PointsRule) => () => index766PointsMessageVi(pointsWording(rule, c));
        const points = z
          .number({ error: message("notANumber") })
          .min(0, { error: message("negative") })
          .max(c.max, { error: message("tooMany") });
        return [
          c.key,
          z.preprocess((v) => (typeof v === "string" ? parseNumberInput(v, locale) : v), points.nullable().optional()),
        ];
      }),
    ),
  );
}

/** The form read the Vietnamese way ("5,5"): the schema of a viewer reading Vietnamese. */
export const ZIndex766Entries = index766EntriesSchema("vi");
export type Index766EntryValues = Partial<Record<string, number | null>>;

export interface PortalTotal {
  /** Out of 100, once every component has a value; otherwise null. */
  total: number | null;
  computedPoints: number | null;
  enteredPoints: number;
  /** Components still without a value, by name. */
  missing: string[];
  /** The same components by key (for the page to name them in the viewer's language). */
  missingKeys: string[];
}

/** The score on the portal's scale: computed components plus entered ones; a total only when none is missing. */
export function portalTotal(score: Index766Score, entered: ReadonlyMap<string, number>): PortalTotal {
  const missingComponents = [
    ...score.components.filter((c) => c.points == null).map((c) => ({ ...c, key: c.id as string })),
    ...ENTERED_COMPONENTS.filter((c) => !entered.has(c.key)),
  ];
  const missing = missingComponents.map(componentLabel);
  const enteredPoints = ENTERED_COMPONENTS.reduce((s, c) => s + (entered.get(c.key) ?? 0), 0);
  return {
    total: missing.length === 0 ? (score.total ?? 0) + enteredPoints : null,
    computedPoints: score.total,
    enteredPoints,
    missing,
    missingKeys: missingComponents.map((c) => c.key),
  };
}

const GROUP_ORDER = [
  "Công khai, minh bạch",
  "Tiến độ giải quyết",
  "Dịch vụ công trực tuyến",
  "Thanh toán trực tuyến",
  "Số hóa hồ sơ",
  "Mức độ hài lòng",
];

export interface PortalComponent {
  key: string;
  id: string;
  group: string;
  name: string;
  max: number;
  /** "computed" from the monthly reports, or "entered" by the province from the portal. */
  source: "computed" | "entered";
}

/** Every component on the portal's scale of 100, in the portal's order of groups. */
export const PORTAL_COMPONENTS: PortalComponent[] = [
  ...SUPPORTED_COMPONENTS.map((c) => ({
    key: c.id,
    id: c.id,
    group: c.group,
    name: c.name,
    max: c.max,
    source: "computed" as const,
  })),
  ...ENTERED_COMPONENTS.map((c) => ({ ...c, source: "entered" as const })),
].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || a.id.localeCompare(b.id));
