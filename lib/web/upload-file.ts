/**
 * An upload streamed to a private temporary file as it arrives (issue 29): the request thread holds one chunk at a
 * time, never the whole body, and stops reading as soon as the body passes the limit (declared or counted). The
 * file is hashed (SHA-256) on the way, for the import's record.
 */
import { createHash } from "node:crypto";
import { mkdtemp, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { StoredUpload } from "@/lib/data/import";
import { eachBodyChunk } from "./body";

export interface TemporaryUpload extends StoredUpload {
  /** Deletes the file (and its private folder). */
  remove: () => Promise<void>;
}

/**
 * Writes `body` to a new file of mode 0600 in a private folder under `parent` (the system's temporary folder).
 * BodyTooLarge (nothing kept) when the body passes `maxBytes`: the stream is cancelled there, the rest never read.
 */
export async function storeUpload(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  parent = os.tmpdir(),
): Promise<TemporaryUpload> {
  const folder = await mkdtemp(path.join(parent, "tracker-upload-"));
  const remove = () => rm(folder, { recursive: true, force: true });
  const file = path.join(folder, "upload");
  const hash = createHash("sha256");
  let size: number;
  try {
    const handle = await open(file, "wx", 0o600);
    try {
      size = await eachBodyChunk(body, maxBytes, async (chunk) => {
        hash.update(chunk);
        await handle.write(chunk);
      });
    } finally {
      await handle.close();
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return { path: file, size, sha256: hash.digest("hex"), remove };
}
