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
  /** Where it is: "dòng 5" or "trang “Tháng 11”, ô F12". */
  place: string;
}

const both = (text: string): { vi: string; en: string } => {
  const t = text.trim().replace(/[ \u00a0]/g, "");
  const whole = Number(t.replace(/[.,]/g, ""));
  const decimal = Number(t.replace(",", "."));
  return t.includes(".")
    ? { vi: whole.toLocaleString("vi-VN"), en: decimal.toLocaleString("vi-VN", { maximumFractionDigits: 10 }) }
    : { vi: decimal.toLocaleString("vi-VN", { maximumFractionDigits: 10 }), en: whole.toLocaleString("vi-VN") };
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
  const how =
    "Hãy sửa cho thống nhất, hoặc chọn cách viết số của tệp ở mục “Cách viết số” rồi tải lại. Chưa có số liệu nào được ghi.";
  if (first.vi && first.en) {
    return {
      ok: false,
      message: `Tệp viết số theo hai cách: “${first.vi.text}” (${first.vi.place}) theo kiểu Việt Nam (dấu phẩy thập phân), “${first.en.text}” (${first.en.place}) theo kiểu dấu chấm thập phân. ${how}`,
    };
  }
  if (first.vi) return { ok: true, format: "vi" };
  if (first.en) return { ok: true, format: "en" };
  if (first.ambiguous) {
    const { text, place } = first.ambiguous;
    const r = both(text);
    const mark = text.includes(".") ? "dấu chấm" : "dấu phẩy";
    return {
      ok: false,
      message: `Số “${text}” (${place}) đọc được hai cách: ${text.includes(".") ? r.vi : r.en} (${mark} ngăn cách hàng nghìn) hoặc ${text.includes(".") ? r.en : r.vi} (${mark} thập phân), và tệp không có số nào khác cho biết cách viết. ${how}`,
    };
  }
  return { ok: true, format: "vi" };
}
