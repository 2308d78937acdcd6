/**
 * The rules of a commune's monthly report (SPEC §3.1), in one place for the browser form, the server actions
 * and lib/data/reports.ts. Two levels, as in DHIS2:
 *  - errors (impossible values) block saving a draft and submitting;
 *  - warnings (unusual values) are shown and must be acknowledged, one by one, when submitting.
 * Pure TypeScript (zod), no Next.js, no Prisma.
 */
import { z } from "zod";
import type { Locale } from "./format";
import { COMMUNE_RAW_INDICATORS, type Category, type RawCode, rawIndicator } from "./indicators";
import { readCount, readNumber } from "./numbers";
import { type IssueWording, issue, validationMessageVi, worded } from "./validation-wording";

export { type IssueWording, type ValidationRule, issueWording, validationMessageVi } from "./validation-wording";

/** The raw codes a commune enters, in form order. */
export const REPORT_FIELDS = COMMUNE_RAW_INDICATORS.map((i) => i.code) as RawCode[];
export type ReportField = (typeof REPORT_FIELDS)[number];

/** What a commune has entered for a month; a missing field has not been entered yet (allowed in a draft). */
export type MonthValues = Partial<Record<RawCode, number>>;

export interface ValidationIssue {
  /** The field the message is about (the first one when a rule involves several). */
  field: RawCode;
  /** Stable identifier, e.g. "online_gt_received" or "outlier_high:proc_received": warnings are acknowledged by key. */
  key: string;
  /** In Vietnamese, as stored and audited; `issueWording` gives what other languages need to say it. */
  message: string;
}

export interface ValidationResult {
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

/** What the rules need besides the month itself; everything is optional and a rule without its input is skipped. */
export interface ValidationContext {
  /** The commune's previous month (for the pending backlog), or null when there is no report for it. */
  previous?: MonthValues | null;
  /** The commune's previous (up to) 6 months, any order: the outlier warnings compare with their median. */
  history?: MonthValues[];
}

export const OUTLIER_FACTOR = 3;
/**
 * An outlier also needs an absolute change of at least this much from the median (issue 28): "Phản ánh (0) nhỏ hơn
 * 1/3 trung vị (1)" is a change of one, not a figure to check, and must not block a bulk approval.
 */
export const OUTLIER_MIN_CHANGE = 5;
export const HISTORY_MONTHS = 6;

// ---------------------------------------------------------------------------------------------------------------
// Field level: the zod schema.

/**
 * A number typed in a form, read by the interface's language (lib/domain/numbers): Vietnamese "1.234" and "1 234" are
 * thousands (1234), "1,5" is a decimal. Empty means "not entered" (null); anything that is not a number gives NaN.
 */
export function parseNumberInput(text: string, locale: Locale = "vi"): number | null {
  const r = readNumber(text, locale, "decimal");
  return r.ok ? r.value : Number.NaN;
}

/**
 * The largest value any field accepts: far above what one commune reports in a month (the province's cumulative
 * pages digitised are about 4 million), so a value above it is a typing error, refused rather than only warned about.
 */
export const MAX_FIELD_VALUE = 100_000_000;

/** What is wrong with a number typed in a field, in the order the checks run (the first that holds), or null. */
function numberProblem(code: RawCode, v: number): IssueWording | null {
  if (!Number.isFinite(v)) return { rule: "notANumber", values: {} };
  if (!Number.isInteger(v)) return { rule: "notInteger", values: { value: v } };
  if (v < 0) return { rule: "negative", values: { value: v } };
  if (v > MAX_FIELD_VALUE) return { rule: "tooLarge", values: { value: v, max: MAX_FIELD_VALUE } };
  if (rawIndicator(code).temporalType === "FLAG" && v > 1) return { rule: "flagOnly", values: { value: v } };
  return null;
}

function fieldSchema(code: RawCode, locale: Locale = "vi") {
  return z
    .unknown()
    .transform((v, ctx): number | null | undefined => {
      if (v === undefined || v === null) return v;
      let value: number;
      if (typeof v === "string") {
        // "1,000" in Vietnamese is one, not a thousand: refused with how it was read rather than stored as 1.
        const r = readCount(v, locale);
        if (!r.ok && r.reason === "ambiguous") {
          const params: IssueWording = { rule: "ambiguous", values: { reading: r.message } };
          ctx.addIssue({
            code: "custom",
            message: validationMessageVi("ambiguous", code, params.values),
            params,
            input: v,
          });
          return z.NEVER;
        }
        if (r.ok && r.value === null) return null;
        value = r.ok ? r.value! : Number.NaN;
      } else value = typeof v === "number" ? v : Number.NaN;
      const problem = numberProblem(code, value);
      if (problem) {
        const message = validationMessageVi(problem.rule, code, problem.values);
        ctx.addIssue({ code: "custom", message, params: problem, input: v });
        return z.NEVER;
      }
      return value;
    })
    .optional();
}

/**
 * A month's raw values, each optional (a draft may be incomplete): non-negative integers, the one-stop flag 0 or 1.
 * Accepts numbers or the strings of a form (see parseNumberInput).
 */
const monthSchema = (locale: Locale) =>
  z.object(
    Object.fromEntries(REPORT_FIELDS.map((code) => [code, fieldSchema(code, locale)])) as Record<
      RawCode,
      ReturnType<typeof fieldSchema>
    >,
  );
export const ZMonthValues = monthSchema("vi");
const MONTH_SCHEMAS: Record<Locale, typeof ZMonthValues> = { vi: ZMonthValues, en: monthSchema("en") };
export type TMonthValuesInput = z.input<typeof ZMonthValues>;

/**
 * Input whose fields are all numbers (or absent) that numberProblem accepts, as the schema would read it, without its
 * per-field transforms; null for anything else (strings, a bad number: the schema reads those and words the errors).
 * An import checks a national year's 39,852 months with validateMonth: the schema's allocations were more than a
 * third of its peak memory.
 */
function typedValues(input: unknown): MonthValues | null {
  if (input === null || input === undefined) return {};
  if (typeof input !== "object" || Array.isArray(input)) return null;
  const values: MonthValues = {};
  for (const code of REPORT_FIELDS) {
    const v = (input as Record<string, unknown>)[code];
    if (v === undefined || v === null) continue;
    if (typeof v !== "number" || numberProblem(code, v)) return null;
    values[code] = v;
  }
  return values;
}

/** Parses raw form or JSON input into MonthValues, with one error per bad field; typed numbers read by `locale`. */
export function parseMonthValues(
  input: unknown,
  locale: Locale = "vi",
): { values: MonthValues; errors: ValidationIssue[] } {
  const typed = typedValues(input);
  if (typed) return { values: typed, errors: [] };
  const parsed = MONTH_SCHEMAS[locale].safeParse(input ?? {});
  if (parsed.success) {
    const values: MonthValues = {};
    for (const code of REPORT_FIELDS) {
      const v = parsed.data[code];
      if (typeof v === "number") values[code] = v;
    }
    return { values, errors: [] };
  }
  const errors: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as RawCode;
    if (seen.has(field)) continue;
    seen.add(field);
    const wording = (issue as { params?: IssueWording }).params;
    errors.push(worded({ field, key: `field:${field}`, message: issue.message }, wording));
  }
  // Keep the good fields so the cross-field rules can still run on them.
  const values: MonthValues = {};
  for (const code of REPORT_FIELDS) {
    if (seen.has(code)) continue;
    const one = fieldSchema(code, locale).safeParse((input as Record<string, unknown> | null)?.[code]);
    if (one.success && typeof one.data === "number") values[code] = one.data;
  }
  return { values, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Totals shown live in the form.

function sum(values: MonthValues, codes: RawCode[]): number | null {
  let total = 0;
  for (const c of codes) {
    const v = values[c];
    if (v == null) return null;
    total += v;
  }
  return total;
}

export const RESOLVED_CODES: RawCode[] = ["proc_resolved_early", "proc_resolved_on_time", "proc_resolved_late"];
export const STAFF_CODES: RawCode[] = ["staff_cadres", "staff_civil_servants", "staff_public_employees"];

export interface MonthTotals {
  staffTotal: number | null;
  resolved: number | null;
  /** (early + on time) / resolved × 100; null when nothing was resolved. */
  onTimeRate: number | null;
  onlineRate: number | null;
  shortageTotal: number | null;
}

export function monthTotals(values: MonthValues): MonthTotals {
  const resolved = sum(values, RESOLVED_CODES);
  const onTime = sum(values, ["proc_resolved_early", "proc_resolved_on_time"]);
  const received = values.proc_received;
  const online = values.proc_received_online;
  return {
    staffTotal: sum(values, STAFF_CODES),
    resolved,
    onTimeRate: resolved && onTime != null ? (onTime / resolved) * 100 : null,
    onlineRate: received && online != null ? (online / received) * 100 : null,
    shortageTotal: sum(values, ["shortage_finance", "shortage_construction", "shortage_land", "shortage_it"]),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-field rules.

/** Median of the numbers (mean of the two middle ones for an even count); null for none. */
export function median(numbers: number[]): number | null {
  if (numbers.length === 0) return null;
  const s = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Errors and warnings for one month's values. Rules whose inputs are missing are skipped (a draft may be partial);
 * `requireComplete` (submission) adds an error for every field not entered.
 *
 * Errors:
 *  - each field: number, integer, ≥ 0; the one-stop flag 0 or 1 (ZMonthValues);
 *  - online ≤ received;
 *  - resolved (early + on time + late) ≤ previous month's pending + this month's received
 *    (only when the previous month's pending is known: before the first report the backlog is unknown);
 *  - dossiers digitised ≤ resolved + pending;
 *  - feedback resolved ≤ feedback received. The feedback backlog is not a field of the report, so feedback
 *    resolved this month is compared with feedback received this month only.
 * Warnings:
 *  - a value above 3× or below ⅓ of the median of the commune's previous 6 months and at least OUTLIER_MIN_CHANGE
 *    away from it (when there is history and the median is > 0; not for the one-stop flag);
 *  - staff in post (cadres + civil servants + public employees) above the quota.
 */
export function validateMonth(
  input: unknown,
  context: ValidationContext = {},
  options: { requireComplete?: boolean; locale?: Locale } = {},
): ValidationResult & { values: MonthValues } {
  const { values, errors } = parseMonthValues(input, options.locale);
  const warnings: ValidationIssue[] = [];
  const bad = new Set(errors.map((e) => e.field));

  if (options.requireComplete) {
    for (const code of REPORT_FIELDS) {
      if (values[code] == null && !bad.has(code)) errors.push(issue(code, `missing:${code}`, "missing"));
    }
  }

  const v = values;
  if (v.proc_received_online != null && v.proc_received != null && v.proc_received_online > v.proc_received) {
    errors.push(
      issue("proc_received_online", "online_gt_received", "onlineGtReceived", {
        online: v.proc_received_online,
        received: v.proc_received,
      }),
    );
  }

  const resolved = sum(v, RESOLVED_CODES);
  const previousPending = context.previous?.proc_pending;
  if (
    resolved != null &&
    v.proc_received != null &&
    previousPending != null &&
    resolved > previousPending + v.proc_received
  ) {
    errors.push(
      issue("proc_resolved_early", "resolved_gt_available", "resolvedGtAvailable", {
        resolved,
        pending: previousPending,
        received: v.proc_received,
        available: previousPending + v.proc_received,
      }),
    );
  }

  if (
    v.dossiers_digitised != null &&
    resolved != null &&
    v.proc_pending != null &&
    v.dossiers_digitised > resolved + v.proc_pending
  ) {
    errors.push(
      issue("dossiers_digitised", "digitised_gt_dossiers", "digitisedGtDossiers", {
        digitised: v.dossiers_digitised,
        resolved,
        pending: v.proc_pending,
        total: resolved + v.proc_pending,
      }),
    );
  }

  if (v.feedback_resolved != null && v.feedback_received != null && v.feedback_resolved > v.feedback_received) {
    errors.push(
      issue("feedback_resolved", "feedback_resolved_gt_received", "feedbackResolvedGtReceived", {
        resolved: v.feedback_resolved,
        received: v.feedback_received,
      }),
    );
  }

  // Warnings.
  const history = (context.history ?? []).slice(0, HISTORY_MONTHS);
  for (const code of REPORT_FIELDS) {
    if (rawIndicator(code).temporalType === "FLAG") continue;
    const value = v[code];
    if (value == null) continue;
    const past = history.map((h) => h[code]).filter((x): x is number => typeof x === "number");
    const m = median(past);
    if (m == null || m <= 0 || Math.abs(value - m) < OUTLIER_MIN_CHANGE) continue;
    if (value > OUTLIER_FACTOR * m) {
      warnings.push(issue(code, `outlier_high:${code}`, "outlierHigh", { value, months: past.length, median: m }));
    } else if (value < m / OUTLIER_FACTOR) {
      warnings.push(issue(code, `outlier_low:${code}`, "outlierLow", { value, months: past.length, median: m }));
    }
  }

  const staff = sum(v, STAFF_CODES);
  if (staff != null && v.staff_quota != null && staff > v.staff_quota) {
    warnings.push(issue("staff_quota", "staff_above_quota", "staffAboveQuota", { staff, quota: v.staff_quota }));
  }

  return { values, errors, warnings };
}

/** Warnings the submitter has not acknowledged (by key). */
/**
 * The most characters of the submitter's note on the warnings they confirm (why the figures are right, issue 28): a
 * sentence or two for the reviewer, not a report of its own.
 */
export const WARNING_NOTE_MAX = 500;

export function unacknowledged(warnings: ValidationIssue[], acknowledgedKeys: readonly string[]): ValidationIssue[] {
  const ack = new Set(acknowledgedKeys);
  return warnings.filter((w) => !ack.has(w.key));
}

// ---------------------------------------------------------------------------------------------------------------
// Form layout.

export interface FormSection {
  id: Category;
  title: string;
  fields: RawCode[];
}

const SECTION_TITLES: Partial<Record<Category, string>> = {
  staffing: "Biên chế và nhân sự",
  shortage: "Vị trí chuyên môn còn thiếu",
  one_stop: "Bộ phận một cửa",
  procedures: "Thủ tục hành chính",
  digitisation: "Số hoá",
  feedback: "Phản ánh, kiến nghị",
};

/** The form's sections, in catalogue order: staffing, specialists missing, one-stop shop, procedures, digitisation, feedback. */
export const FORM_SECTIONS: FormSection[] = (Object.keys(SECTION_TITLES) as Category[]).map((id) => ({
  id,
  title: SECTION_TITLES[id]!,
  fields: REPORT_FIELDS.filter((code) => rawIndicator(code).category === id),
}));

/** Field-by-field differences between two versions of a month (for conflicts and "changes vs last month"). */
export function diffValues(
  before: MonthValues,
  after: MonthValues,
): { field: RawCode; old: number | null; new: number | null }[] {
  const out: { field: RawCode; old: number | null; new: number | null }[] = [];
  for (const code of REPORT_FIELDS) {
    const a = before[code] ?? null;
    const b = after[code] ?? null;
    if (a !== b) out.push({ field: code, old: a, new: b });
  }
  return out;
}
