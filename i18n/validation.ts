/**
 * A month's validation issue (lib/domain/validation) in the viewer's language: its rule worded by the catalogue's
 * `validation` namespace with the field's name and the issue's figures in that language's format. Used by the month
 * form (live checks) and by the save action (the server's refusal); an issue without a wording (one that came over the network) keeps its
 * message.
 */
import { type RawCode, rawIndicator } from "@/lib/domain/indicators";
import { type IssueWording, type ValidationIssue, issueWording } from "@/lib/domain/validation";
import type { Locale } from "./locale";

/** A translator of the `validation` namespace (next-intl's `t`). */
export type ValidationWords = (key: string, values: Record<string, string | number>) => string;

const FIGURES: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 6 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 6 }),
};

export function issueText(t: ValidationWords, issue: ValidationIssue, locale: Locale): string {
  const wording = issueWording(issue);
  return wording ? ruleText(t, { ...wording, field: issue.field }, locale) : issue.message;
}

/** A rule of the month form on a field, with its figures (an import's check carries these across threads). */
export function ruleText(t: ValidationWords, rule: IssueWording & { field: RawCode }, locale: Locale): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(rule.values)) {
    // `months` chooses a plural form: a number; the other figures are shown as the language writes them.
    values[k] = typeof v === "number" && k !== "months" ? FIGURES[locale].format(v) : v;
  }
  const field = rawIndicator(rule.field);
  return t(rule.rule, { ...values, name: locale === "en" ? field.nameEn : field.nameVi });
}
