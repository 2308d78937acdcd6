/** Reading a request body with a byte limit, so that no request makes the server buffer without bound. */
export class BodyTooLarge extends Error {}

export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return (await readBodyBytes(request, maxBytes)).toString("utf8");
}

/** The body's bytes, read as they stream in; BodyTooLarge as soon as they pass `maxBytes` (declared or not). */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Buffer> {
  return Buffer.concat(await readBodyChunks(request, maxBytes));
}

/**
 * The body as the chunks it arrived in, never joined (joining 50 MB costs the request thread a fresh 50 MB copy);
 * BodyTooLarge as soon as they pass `maxBytes`.
 */
export async function readBodyChunks(request: Request, maxBytes: number): Promise<Buffer[]> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  await eachBodyChunk(request.body, maxBytes, (value) => {
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  });
  return chunks;
}

/**
 * Hands each chunk of `body` to `take` as it streams in (waiting for it), and returns the size; BodyTooLarge as soon
 * as the chunks pass `maxBytes`, the stream cancelled there (the rest is never read).
 */
export async function eachBodyChunk(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  take: (chunk: Uint8Array) => unknown,
): Promise<number> {
  if (!body) return 0;
  const reader = body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return size;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    await take(value);
  }
}
