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
 * Text a person typed, as it is kept: control characters (but line breaks and tabs) and invisible format characters
 * (zero-width spaces and joiners, direction marks, soft hyphens, BOM: Unicode category Cf) removed, spaces at both ends
 * trimmed. A "required" reason or comment is checked on this, so one made only of invisible characters is empty.
 */
export function cleanText(text: string): string {
  return text.replace(/[\p{Cf}\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, "").trim();
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
