/** Free text a person typed (reasons, comments, names), as lib/data keeps it: lib/domain/text.ts's cleanText, bounded. */
import { cleanText, hasLetterOrDigit } from "@/lib/domain/text";
import { DataError, type DataErrorText } from "./errors";

export const MAX_TEXT = 2000;

/** The cleaned text, or null when nothing visible is left; refused when longer than `max`. */
export function optionalText(text: unknown, max = MAX_TEXT): string | null {
  const t = typeof text === "string" ? cleanText(text) : "";
  if (t.length > max)
    throw new DataError("INVALID", { key: "textInput.tooLong", values: { max: max.toLocaleString("vi-VN") } });
  return t.length === 0 ? null : t;
}

/**
 * As optionalText, but a text without a letter or digit (lib/domain/text hasLetterOrDigit) is refused with `message`:
 * a zero-width space, a Hangul filler or a blank Braille cell is not a reason.
 */
export function requiredText(text: unknown, message: DataErrorText, max = MAX_TEXT): string {
  const t = optionalText(text, max);
  if (t === null || !hasLetterOrDigit(t)) throw new DataError("INVALID", message);
  return t;
}
