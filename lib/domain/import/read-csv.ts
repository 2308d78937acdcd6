/**
 * Reading an uploaded CSV into header + records with their line numbers, before anything is known about its columns:
 * size limits, empty file, encoding (must be UTF-8; Windows-1258 / Latin-1 bytes and mojibake are refused with a
 * message that says how to fix the file), separator (comma or semicolon, detected from the header line).
 * Pure TypeScript (csv-parse), no Next.js, no database.
 */
import { parse } from "csv-parse/sync";
import type { Wording } from "../wording";
import { type ImportLimits, STANDARD_IMPORT_LIMITS, limitMb } from "./limits";
import { type ImportWording, importMessageVi, importRefusal, importWording } from "./refusals";
import type { SourceTable } from "./table";

/** A province or commune account's limits (./limits.ts); an administrator's are larger. */
export const MAX_IMPORT_BYTES = STANDARD_IMPORT_LIMITS.bytes;
export const MAX_IMPORT_ROWS = STANDARD_IMPORT_LIMITS.rows;

export const MAX_IMPORT_MB = MAX_IMPORT_BYTES / 1024 / 1024;
/** Columns above this are refused before parsing (the wide export has one per indicator plus a few: well below). */
export const MAX_IMPORT_COLUMNS = 200;
/**
 * Cells of the whole table (rows × columns) above this are refused before parsing: a long file of MAX_IMPORT_ROWS
 * rows with every column of the export fits; 50 MB of commas or 5,000 columns × 400 rows do not.
 */
export const MAX_IMPORT_FIELDS = STANDARD_IMPORT_LIMITS.fields;

export type Delimiter = "," | ";";

export interface CsvTable {
  delimiter: Delimiter;
  header: string[];
  /** Data records (empty lines skipped), each with the file line it ends on (the header is line 1). */
  records: { line: number; cells: string[] }[];
}

/** A refusal of the whole file: one of ./refusals.ts, or an encoding refusal (the catalogue's `dataErrors.utf8`). */
export type FileWording = ImportWording | Wording<Utf8Rule>;

export type ReadResult = { ok: true; table: CsvTable } | { ok: false; message: string; wording?: FileWording };

const HOW_TO_SAVE_UTF8 =
  "Trong Excel, chọn Lưu thành (Save As) → “CSV UTF-8 (Comma delimited) (*.csv)” rồi tải lại tệp.";

/**
 * Typical mojibake: UTF-8 Vietnamese that was read as Windows-1252 and saved again as UTF-8
 * ("Xã" → "XÃ£", "đ" → "Ä‘", "ư" → "Æ°", "ạ/ộ" → "áº¡/á»™").
 */
const MOJIBAKE =
  /Ã[\u00A1-\u00BF\u2018-\u203A\u0152-\u0178\u02C6\u02DC]|Ä[\u2018\u0091]|Æ[\u00B0\u00A1\u00AF]|á[\u00BA\u00BB]/;

/** The refusal of a file over the limit, with its size when known (a streamed upload stops reading past it). */
export function tooLargeMessage(bytes: number | null, limits: ImportLimits = STANDARD_IMPORT_LIMITS): string {
  return importMessageVi(tooLargeWording(bytes, limits));
}

/** The same refusal as a rule and its figures (the size in MB to one decimal). */
export function tooLargeWording(bytes: number | null, limits: ImportLimits = STANDARD_IMPORT_LIMITS): ImportWording {
  const max = limitMb(limits);
  return bytes === null
    ? importWording("tooLarge", { max })
    : importWording("tooLargeSize", { size: Math.round((10 * bytes) / 1024 / 1024) / 10, max });
}

export type Utf8Rule = "utf16" | "notUtf8" | "mojibake";

/** An encoding refusal in Vietnamese (the catalogue's `dataErrors.utf8` says the same). */
export function utf8MessageVi(w: Wording<Utf8Rule>): string {
  switch (w.rule) {
    case "utf16":
      return `Tệp được lưu dạng UTF-16 (“Unicode Text”), không phải CSV UTF-8. ${HOW_TO_SAVE_UTF8}`;
    case "notUtf8":
      return `Tệp không phải mã UTF-8 (có thể được lưu bằng bảng mã Windows-1258, TCVN3 hoặc Latin-1), nên chữ tiếng Việt sẽ bị sai. ${HOW_TO_SAVE_UTF8}`;
    case "mojibake":
      return `Tệp có chữ tiếng Việt bị lỗi mã (ví dụ “${w.values.sample}”): tệp UTF-8 đã bị mở và lưu lại bằng bảng mã khác. Hãy xuất lại tệp từ hệ thống, hoặc ${HOW_TO_SAVE_UTF8.charAt(0).toLowerCase()}${HOW_TO_SAVE_UTF8.slice(1)}`;
  }
}

const encodingRefusal = (wording: Wording<Utf8Rule>) => ({
  ok: false as const,
  message: utf8MessageVi(wording),
  wording,
});

/** The file's text, or why it is refused: in Vietnamese, and as a rule for an encoding refusal. */
export function decodeUtf8(
  bytes: Uint8Array,
  limits: ImportLimits = STANDARD_IMPORT_LIMITS,
): { ok: true; text: string } | { ok: false; message: string; wording?: Wording<Utf8Rule> } {
  if (bytes.length > limits.bytes) {
    return importRefusal(tooLargeWording(bytes.length, limits));
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return encodingRefusal({ rule: "utf16", values: {} });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return encodingRefusal({ rule: "notUtf8", values: {} });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const garbled = MOJIBAKE.exec(text);
  if (garbled) {
    const at = Math.max(0, garbled.index - 12);
    const sample = text
      .slice(at, garbled.index + 12)
      .replace(/\s+/g, " ")
      .trim();
    return encodingRefusal({ rule: "mojibake", values: { sample } });
  }
  return { ok: true, text };
}

/** The separator of the header line: whichever of comma and semicolon occurs more often outside quotes (comma on a tie). */
export function detectDelimiter(text: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * Records with the file line each starts on. csv-parse's `info` option gives the line but allocates an object per
 * record (a third of the time of a 100,000-row file), so it is used only when a quoted cell spans several lines;
 * otherwise record i is on line i + 1 (empty lines are kept as records here and dropped by the caller).
 */
function parseWithLines(text: string, delimiter: Delimiter, maxRows?: number): { record: string[]; line: number }[] {
  const options = {
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    ...(maxRows === undefined ? {} : { to: maxRows + 2 }),
  } as const;
  const records = parse(text, options) as string[][];
  if (!records.some((r) => r.some((c) => c.includes("\n") || c.includes("\r")))) {
    return records.map((record, i) => ({ record, line: i + 1 }));
  }
  const withInfo = parse(text, { ...options, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  // info.lines is the line a record ends on; a record starts where the previous one ended, plus one.
  let previousEnd = 0;
  return withInfo.map((r) => {
    const line = previousEnd + 1;
    previousEnd = r.info.lines;
    return { record: r.record, line };
  });
}

/**
 * The widest record and the number of fields of the text, counted in one pass without building anything (quotes
 * respected), so that a table too wide or too large is refused before csv-parse allocates it. Stops counting at the
 * first bound passed.
 */
export function measureTable(
  text: string,
  delimiter: Delimiter,
  maxFields = MAX_IMPORT_FIELDS,
): { widest: number; fields: number } {
  const sep = delimiter.charCodeAt(0);
  let widest = 0;
  let fields = 0;
  let width = 1;
  let quoted = false;
  let empty = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (ch === sep) width++;
    else if (ch === 10 || ch === 13) {
      if (!empty || width > 1) {
        fields += width;
        if (width > widest) widest = width;
        if (widest > MAX_IMPORT_COLUMNS || fields > maxFields) return { widest, fields };
      }
      width = 1;
      empty = true;
      continue;
    }
    empty = false;
  }
  if (!empty || width > 1) {
    fields += width;
    widest = Math.max(widest, width);
  }
  return { widest, fields };
}

/** Lines of a CSV parsed at a time when its records are walked (readCsvRecords). */
export const CSV_CHUNK_LINES = 5_000;

/**
 * Where the text can be cut into pieces of about `lines` lines each: after a line break outside quotes. Each piece
 * starts on `line` (the file's line, 1 for the first).
 */
function pieces(text: string, lines = CSV_CHUNK_LINES): { start: number; end: number; line: number }[] {
  const out: { start: number; end: number; line: number }[] = [];
  let start = 0;
  let line = 1;
  let inPiece = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 10 && ++inPiece >= lines && !quoted) {
      out.push({ start, end: i + 1, line });
      line += inPiece;
      inPiece = 0;
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length, line });
  return out;
}

/** Every record of the text (empty lines too) with the line it starts on, parsed a piece at a time. */
function* recordsOf(text: string, delimiter: Delimiter): Generator<{ record: string[]; line: number }> {
  for (const piece of pieces(text)) {
    let parsed: { record: string[]; line: number }[];
    try {
      parsed = parseWithLines(text.slice(piece.start, piece.end), delimiter);
    } catch (error) {
      const lines = (error as { lines?: number }).lines;
      if (lines) (error as { lines?: number }).lines = lines + piece.line - 1;
      throw error;
    }
    for (const r of parsed) yield { record: r.record, line: r.line + piece.line - 1 };
  }
}

/**
 * The file's header and its data records, which are read from the text again each time they are walked (a piece of
 * CSV_CHUNK_LINES lines at a time), never all held as objects: a national year's long file is 757,188 records
 * (issue 23, item 8). The same refusals as readCsv, which gives the records as an array.
 */
export function readCsvRecords(
  bytes: Uint8Array,
  limits: ImportLimits = STANDARD_IMPORT_LIMITS,
): { ok: true; table: SourceTable & { delimiter: Delimiter } } | { ok: false; message: string; wording?: FileWording } {
  const decoded = decodeUtf8(bytes, limits);
  if (!decoded.ok) return decoded;
  const text = decoded.text;
  if (text.trim() === "") return importRefusal(importWording("emptyFile"));
  const delimiter = detectDelimiter(text);
  const size = measureTable(text, delimiter, limits.fields);
  if (size.widest > MAX_IMPORT_COLUMNS)
    return importRefusal(importWording("tooManyColumns", { max: MAX_IMPORT_COLUMNS }));
  if (size.fields > limits.fields) return importRefusal(importWording("tooManyCells", { max: limits.fields }));
  const filled = (record: string[]) => record.some((c) => c.trim() !== "");
  let head: string[] | null = null;
  let count = 0;
  try {
    for (const r of recordsOf(text, delimiter)) {
      if (!filled(r.record)) continue;
      if (head === null) head = r.record;
      else if (++count > limits.rows) return importRefusal(importWording("tooManyRows", { max: limits.rows }));
    }
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return importRefusal(line ? importWording("badCsvAt", { line }) : importWording("badCsv"));
  }
  if (head === null) return importRefusal(importWording("emptyFile"));
  if (count === 0) return importRefusal(importWording("headerOnly"));
  const records = {
    length: count,
    *[Symbol.iterator]() {
      let pastHeader = false;
      for (const r of recordsOf(text, delimiter)) {
        if (!filled(r.record)) continue;
        if (pastHeader) yield { line: r.line, cells: r.record };
        pastHeader = true;
      }
    },
  };
  return { ok: true, table: { delimiter, header: head.map((h) => h.trim()), records } };
}

export function readCsv(bytes: Uint8Array, limits: ImportLimits = STANDARD_IMPORT_LIMITS): ReadResult {
  const read = readCsvRecords(bytes, limits);
  if (!read.ok) return read;
  const { delimiter, header, records } = read.table;
  return { ok: true, table: { delimiter, header, records: [...records] as CsvTable["records"] } };
}
