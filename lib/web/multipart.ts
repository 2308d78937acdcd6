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
