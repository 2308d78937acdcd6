/** Lower-case, accent-free form of Vietnamese text for search: "Lai Châu" → "lai chau", "Đoàn Kết" → "doan ket". */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Text a person typed, as it is kept: line breaks as LF (a bare CR, CRLF, NEL and the Unicode line and paragraph
 * separators become LF, so no CR ever reaches an e-mail body), other control characters (but tabs) and invisible
 * characters (Unicode category Cf, such as zero-width spaces and joiners, direction marks, soft hyphens, BOM, and the
 * other default-ignorable code points: Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation selectors, U+034F)
 * removed, spaces at both ends trimmed.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n")
    .replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, "")
    .trim();
}

/**
 * The one rule for a required text (a reason, a comment, a name): it says something only if it holds at least one
 * letter or digit once cleaned. Blank Braille cells (U+2800), Hangul fillers and runs of punctuation do not.
 */
export function hasLetterOrDigit(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(cleanText(text));
}

/** The largest id and version PostgreSQL's `integer` holds: anything above is no row's, refused before a query. */
export const MAX_INT4 = 2_147_483_647;

export function isRowInt(value: unknown, min = 1): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= MAX_INT4;
}

/** Whether a text holds a NUL byte, which PostgreSQL cannot store in text and refuses with an error. */
export function hasNul(text: string): boolean {
  return text.includes("\u0000");
}

/**
 * An uploaded file's name as shown and kept: the last path segment, without control or invisible characters (a NUL
 * in a multipart header makes the server's form parser fail), at most 200 characters.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return cleanText(base.replace(/[\u0000-\u001f\u007f]/g, "")).slice(0, 200) || "tệp không tên";
}
