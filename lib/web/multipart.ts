/**
 * A check of a multipart/form-data body's part headers, for proxy.ts: Next.js's form parser fails with a server error
 * on a control character in a part header (e.g. a NUL in a file name), so such a request is refused before it. Pure.
 */
export function boundaryOf(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]!) : null;
}

/** Whether any part header (from a boundary line to the blank line after it) holds a control character. */
export function partHeadersHaveControl(body: Buffer, boundary: string): boolean {
  const delimiter = Buffer.from(`--${boundary}`);
  const blank = Buffer.from("\r\n\r\n");
  for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + delimiter.length)) {
    const start = at + delimiter.length + 2;
    const end = body.indexOf(blank, start);
    if (end === -1) return false;
    for (let i = start; i < end; i++) {
      const c = body[i]!;
      if ((c < 0x20 && c !== 0x0d && c !== 0x0a && c !== 0x09) || c === 0x7f) return true;
    }
  }
  return false;
}

/** Nesting of a server action's JSON arguments beyond which the body is refused (React's decoder recurses). */
export const MAX_ACTION_JSON_DEPTH = 64;

/**
 * Why a server action's body would make Next.js's decoder fail with a server error, or null when it is well formed
 * (issue 29): a multipart body without its closing delimiter or with a control character in a part header, a JSON
 * body that does not parse or nests deeper than MAX_ACTION_JSON_DEPTH. Pure; proxy.ts answers 400 with a message.
 */
export function actionBodyProblem(contentType: string | null, body: Buffer): string | null {
  const boundary = boundaryOf(contentType);
  if (/^multipart\/form-data/i.test(contentType ?? "")) {
    if (!boundary) return "no boundary";
    if (body.indexOf(`--${boundary}--`) === -1) return "no closing delimiter";
    return partHeadersHaveControl(body, boundary) ? "control character in a part header" : null;
  }
  const text = body.toString("utf8");
  if (jsonDepth(text) > MAX_ACTION_JSON_DEPTH) return "nested too deep";
  try {
    JSON.parse(text);
  } catch {
    return "not JSON";
  }
  return null;
}

/** The deepest nesting of brackets and braces outside strings, counted without parsing. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** A part header longer than this may be split across chunks without being seen whole (Next.js's own limit is lower). */
const HEADER_OVERLAP = 64 * 1024;

/**
 * actionBodyProblem on a body kept as the chunks it arrived in: a multipart body is scanned chunk by chunk, each with
 * the previous chunk's last HEADER_OVERLAP bytes (a part header split across two chunks is seen whole), and its end
 * for the closing delimiter; nothing of the size of the body is copied. Other bodies (at most 1 MB) are joined.
 */
export function actionBodyProblemInChunks(contentType: string | null, chunks: readonly Buffer[]): string | null {
  if (!/^multipart\/form-data/i.test(contentType ?? "")) return actionBodyProblem(contentType, Buffer.concat(chunks));
  const boundary = boundaryOf(contentType);
  if (!boundary) return "no boundary";
  const closing = Buffer.from(`--${boundary}--`);
  const tail: Buffer[] = [];
  let tailBytes = 0;
  for (let i = chunks.length - 1; i >= 0 && tailBytes < closing.length + 8; i--) {
    tail.unshift(chunks[i]!);
    tailBytes += chunks[i]!.length;
  }
  if (Buffer.concat(tail).indexOf(closing) === -1) return "no closing delimiter";
  let carry: Buffer = Buffer.alloc(0);
  for (const piece of pieces(chunks, 4 * HEADER_OVERLAP)) {
    const window = carry.length ? Buffer.concat([carry, piece]) : piece;
    if (partHeadersHaveControl(window, boundary)) return "control character in a part header";
    carry = window.subarray(Math.max(0, window.length - HEADER_OVERLAP));
  }
  return null;
}

/** The chunks regrouped into pieces of at least `size` bytes (a body sent a byte at a time is not scanned per byte). */
function* pieces(chunks: readonly Buffer[], size: number): Generator<Buffer> {
  let pending: Buffer[] = [];
  let bytes = 0;
  for (const chunk of chunks) {
    if (bytes === 0 && chunk.length >= size) {
      yield chunk;
      continue;
    }
    pending.push(chunk);
    bytes += chunk.length;
    if (bytes >= size) {
      yield Buffer.concat(pending, bytes);
      pending = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield Buffer.concat(pending, bytes);
}
