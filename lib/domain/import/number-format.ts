/**
 * How the numbers of an imported file are written, decided once for the whole file, never per cell and never by the
 * interface's language: "vi" (1.234 and 1.234,5: dot for thousands, comma for decimals, as the export's
 * "Excel / LibreOffice (Việt Nam)" preset writes them) or "en" (1,234 and 1234.5, the RFC 4180 preset and most tools).
 *
 * The person may choose on the form; otherwise the file says it by a number only one convention can read ("12,5",
 * "1.234.567", "1.234,5" are Vietnamese; "12.5", "1,234,567", "1,234.5" are not). Plain digits ("10620", what the
 * export writes for counts) read the same either way. A file whose numbers could be read two ways ("10.620" alone:
 * 10620 or 10,62) or that writes both ways is refused with both readings named.
 */
import type { Locale } from "../format";
import { type ImportPlace, importRefusal } from "./refusals";

export type NumberFormat = Locale;
export type NumberFormatChoice = NumberFormat | "auto";

export const NUMBER_FORMAT_LABEL: Record<NumberFormat, string> = {
  vi: "kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy thập phân (1.234,5)",
  en: "dấu chấm thập phân, không ngăn cách hàng nghìn hoặc dấu phẩy ngăn cách (1234.5)",
};

type Evidence = NumberFormat | "ambiguous" | "neutral";

/** Which convention a written number shows (text that is not a number at all is "neutral": its own rule refuses it). */
export function numberEvidence(text: string): Evidence {
  const t = text.trim().replace(/[ \u00a0]/g, "");
  if (!/^-?[\d.,]+$/.test(t) || !/\d/.test(t)) return "neutral";
  const dots = (t.match(/\./g) ?? []).length;
  const commas = (t.match(/,/g) ?? []).length;
  if (dots === 0 && commas === 0) return "neutral";
  if (dots > 0 && commas > 0) return t.lastIndexOf(",") > t.lastIndexOf(".") ? "vi" : "en";
  if (dots > 1) return "vi";
  if (commas > 1) return "en";
  const [, after = ""] = t.split(dots ? "." : ",");
  if (after.length === 3 && !/^-?0[.,]/.test(t)) return "ambiguous";
  return dots ? "en" : "vi";
}

export interface WrittenNumber {
  text: string;
  /** Where it is: a CSV's line, or a workbook's sheet and cell. */
  place: ImportPlace;
}

/** A number that reads two ways: as a whole number (its mark separates thousands) or as a decimal. */
const both = (text: string): { whole: number; decimal: number } => {
  const t = text.trim().replace(/[ \u00a0]/g, "");
  return { whole: Number(t.replace(/[.,]/g, "")), decimal: Number(t.replace(",", ".")) };
};

/**
 * The file's convention from its written numbers, or why none can be chosen. `choice` "auto" reads it from the file;
 * a chosen convention is used as it is.
 */
export function decideNumberFormat(
  numbers: Iterable<WrittenNumber>,
  choice: NumberFormatChoice,
): { ok: true; format: NumberFormat } | { ok: false; message: string } {
  if (choice !== "auto") return { ok: true, format: choice };
  const first: Partial<Record<Evidence, WrittenNumber>> = {};
  for (const n of numbers) {
    const e = numberEvidence(n.text);
    if (e !== "neutral" && !first[e]) first[e] = n;
    if (first.vi && first.en) break;
  }
  if (first.vi && first.en) {
    return importRefusal({
      rule: "mixedNumbers",
      values: { vi: first.vi.text, en: first.en.text },
      places: { viAt: first.vi.place, enAt: first.en.place },
    });
  }
  if (first.vi) return { ok: true, format: "vi" };
  if (first.en) return { ok: true, format: "en" };
  if (first.ambiguous) {
    const { text, place } = first.ambiguous;
    return importRefusal({
      rule: text.includes(".") ? "ambiguousDot" : "ambiguousComma",
      values: { text, ...both(text) },
      places: { at: place },
    });
  }
  return { ok: true, format: "vi" };
}
