/**
 * The one reader of numbers typed by people (month form, offline drafts, import), keyed by the interface's language:
 * Vietnamese writes 1.234 and 1.234,5 (dot for thousands, comma for decimals), English 1,234 and 1,234.5; both accept
 * plain digits (1234) and spaces between thousands. A text whose reading depends on the convention for the field's type
 * is refused with how it was read, never guessed: "1,000" in Vietnamese is one (1,000 = 1) and "1.000" in English is
 * one, so for a whole-number field both are refused rather than stored as 1. Exponents (1e5) are refused everywhere.
 */
import type { Locale } from "./format";

export type NumberKind = "integer" | "decimal";
export type ReadNumber =
  | { ok: true; value: number | null }
  | { ok: false; reason: "not-a-number" | "ambiguous" | "not-integer"; message: string };

const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  vi: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function patterns(locale: Locale) {
  const g = escape(SEPARATORS[locale].group);
  const d = escape(SEPARATORS[locale].decimal);
  return {
    grouped: new RegExp(`^-?\\d{1,3}((?:${g}|[ \\u00a0])\\d{3})+(${d}\\d+)?$`),
    plain: new RegExp(`^-?\\d+(${d}\\d+)?$`),
  };
}

const PATTERNS = { vi: patterns("vi"), en: patterns("en") };

/** How a value is shown back in the user's convention, e.g. "1,5" (vi) or "1.5" (en). */
function shown(value: number, locale: Locale): string {
  return value.toLocaleString(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 10 });
}

/**
 * A count typed by a person (every field of the month report): a whole number written ambiguously is refused; other
 * numbers are read as they are, so the field's own rule says "must be a whole number" with the value as read.
 */
export function readCount(text: string, locale: Locale): ReadNumber {
  const whole = readNumber(text, locale, "integer");
  return !whole.ok && whole.reason === "ambiguous" ? whole : readNumber(text, locale, "decimal");
}

export function readNumber(text: string, locale: Locale, kind: NumberKind): ReadNumber {
  const t = text.trim();
  if (t === "") return { ok: true, value: null };
  const { group, decimal } = SEPARATORS[locale];
  const p = PATTERNS[locale];
  if (!p.grouped.test(t) && !p.plain.test(t)) {
    const hint = locale === "vi" ? "ví dụ 1234, 1.234 hoặc 1.234,5" : "e.g. 1234, 1,234 or 1,234.5";
    return {
      ok: false,
      reason: "not-a-number",
      message: locale === "vi" ? `“${t}” không phải là số (${hint})` : `“${t}” is not a number (${hint})`,
    };
  }
  const [whole, fraction] = t.split(decimal) as [string, string | undefined];
  const digits = whole
    .split(group)
    .join("")
    .replace(/[ \u00a0]/g, "");
  const value = Number(fraction === undefined ? digits : `${digits}.${fraction}`);
  if (kind === "integer" && fraction !== undefined) {
    // "1,000" (vi) / "1.000" (en): one, or a thousand typed in the other convention? Refused with both readings.
    if (/^\d{3}$/.test(fraction) && !whole.includes(group)) {
      const thousand = Number(`${whole}${fraction}`);
      return {
        ok: false,
        reason: "ambiguous",
        message:
          locale === "vi"
            ? `“${t}” được đọc là ${shown(value, locale)} (dấu phẩy là dấu thập phân). Nếu là ${shown(thousand, locale)}, hãy viết ${shown(thousand, locale)} hoặc ${thousand}`
            : `“${t}” reads as ${shown(value, locale)} (the dot is the decimal point). If you mean ${shown(thousand, locale)}, write ${shown(thousand, locale)} or ${thousand}`,
      };
    }
    if (!Number.isInteger(value)) {
      return {
        ok: false,
        reason: "not-integer",
        message:
          locale === "vi"
            ? `“${t}” được đọc là ${shown(value, locale)}, nhưng ô này chỉ nhận số nguyên`
            : `“${t}” reads as ${shown(value, locale)}, but this field takes whole numbers only`,
      };
    }
  }
  return { ok: true, value };
}
