/**
 * What an .xlsx (a zip) would unpack to, read from its central directory before anything is inflated: a workbook of a
 * few kilobytes can unpack to gigabytes (a zip bomb). Pure: the bytes in, the entries' total declared size out, or null
 * when the file is not a zip this can read (no end-of-directory record, ZIP64, a directory outside the file).
 */
export function zipUncompressedSize(bytes: Uint8Array): { entries: number; bytes: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: signature 0x06054b50, within the last 65,557 bytes.
  const stop = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || offset === 0xffffffff || offset + size > bytes.length) return null;
  let total = 0;
  let at = offset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const uncompressed = view.getUint32(at + 24, true);
    if (uncompressed === 0xffffffff) return null;
    total += uncompressed;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { entries, bytes: total };
}
