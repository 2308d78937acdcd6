/**
 * Rows of PostgreSQL's `COPY … TO STDOUT` in its default text format, read in batches: one line a row, fields
 * separated by tabs, `\N` for NULL, and a backslash before the characters that would break the format
 * (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"). Cheaper to read than CSV: a line holds
 * no quoting, so splitting it is the whole work for all but the rare field with a backslash.
 */
import { StringDecoder } from "node:string_decoder";

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/** One field as the text format writes it, back to its value (null for `\N`). */
export function decodeField(field: string): string | null {
  if (field === "\\N") return null;
  if (!field.includes("\\")) return field;
  return field.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ESCAPES[e] ?? e;
  });
}

/** One line (without its newline) as fields. */
export function decodeLine(line: string): (string | null)[] {
  const fields: (string | null)[] = line.split("\t");
  if (line.includes("\\")) for (let i = 0; i < fields.length; i++) fields[i] = decodeField(fields[i] as string);
  return fields;
}

/**
 * The lines of a COPY text stream, a batch per chunk received (a line cut between two chunks waits for the next);
 * `decodeLine` makes a line a row when it is used, so that a batch's rows do not all live at once.
 */
export async function* copyTextLines(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<string[]> {
  // Node's own UTF-8 decoding (a character cut between two chunks waits for the next): about three times faster than
  // TextDecoder on the national export's Vietnamese names.
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of source) {
    const text = rest + (typeof chunk === "string" ? chunk : decoder.write(chunk));
    const end = text.lastIndexOf("\n");
    if (end < 0) {
      rest = text;
      continue;
    }
    rest = text.slice(end + 1);
    yield text.slice(0, end).split("\n");
  }
  const last = rest + decoder.end();
  if (last !== "") yield [last];
}
