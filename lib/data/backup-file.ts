/**
 * The backup file's format, read: the header, the COPY blocks and setval lines, the end line with the checksum
 * (the layout is described in ./backup.ts, which writes and restores it). Reading checks the file as it goes.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

export const MAGIC = "-- two-tier-tracker backup";
export const END = "-- end ";

export interface BackupHeader {
  /** 1: no end line (older backups, checked by row counts only); 2: end line with the checksum. */
  format: 1 | 2;
  createdAt: string;
  server: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

/** A backup that is not complete or not intact: the message says what is wrong, for the person restoring it. */
export class BadBackup extends Error {}

interface Line {
  bytes: Buffer;
  /** Ended by a newline (the last line of a cut file is not). */
  complete: boolean;
}

/** The file's lines as bytes. Any read or decompression error (a cut gzip) ends the iteration with that error. */
async function* lines(file: string, gzip: boolean): AsyncGenerator<Line> {
  const raw = createReadStream(file);
  let source: Readable = raw;
  if (gzip) {
    const gunzip = createGunzip();
    pipeline(raw, gunzip).catch(() => {}); // errors of either stream end the iteration below
    source = gunzip;
  }
  let rest = Buffer.alloc(0);
  try {
    for await (const chunk of source) {
      let data = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      let at: number;
      let from = 0;
      while ((at = data.indexOf(10, from)) >= 0) {
        yield { bytes: data.subarray(from, at), complete: true };
        from = at + 1;
      }
      rest = Buffer.from(data.subarray(from));
      data = rest;
    }
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === "ENOENT") throw new BadBackup(`${file} does not exist`);
    if (gzip && (e.code?.startsWith("Z_") || /unexpected end of file/i.test(e.message ?? ""))) {
      throw new BadBackup(`${file} is cut short or damaged (gzip: ${e.message}): it is not a complete backup`);
    }
    throw error;
  } finally {
    raw.destroy();
  }
  if (rest.length) yield { bytes: rest, complete: false };
}

type Entry =
  | { kind: "copy"; table: string; statement: string }
  | { kind: "row"; bytes: Buffer }
  | { kind: "endCopy" }
  | { kind: "setval"; sql: string };

/**
 * Reads a backup from start to end, checking it as it goes, and hands each entry to `onEntry`. Throws BadBackup if the
 * file is not complete and intact: no end line, a cut line, a checksum or a row count that differs from the header.
 */
export async function readBackup(
  file: string,
  gzip: boolean,
  onEntry: (e: Entry) => Promise<void> | void = () => {},
): Promise<BackupHeader> {
  const name = path.basename(file);
  const incomplete = (what: string) =>
    new BadBackup(`${name} is incomplete (${what}): it was cut short; use another backup`);
  let n = 0;
  let header: BackupHeader | null = null;
  let end: { sha256: string } | null = null;
  let table: string | null = null;
  let rows = 0;
  const counted = new Map<string, number>();
  const hash = createHash("sha256");
  for await (const { bytes, complete } of lines(file, gzip)) {
    n++;
    if (end) throw new BadBackup(`${name}: text after the end line (line ${n})`);
    const text = table === null ? bytes.toString("utf8") : "";
    if (n === 1) {
      if (bytes.toString("utf8") !== MAGIC) throw new BadBackup(`${name} is not a backup of this application`);
      continue;
    }
    if (n === 2) {
      if (!complete) throw incomplete("the header is cut");
      try {
        header = JSON.parse(text.replace(/^-- /, "")) as BackupHeader;
      } catch {
        throw new BadBackup(`${name}: the header is damaged`);
      }
      continue;
    }
    if (header!.format >= 2 && table === null && text.startsWith(END)) {
      if (!complete) throw incomplete("the end line is cut");
      end = JSON.parse(text.slice(END.length)) as { sha256: string };
      continue;
    }
    if (!complete) throw incomplete(`line ${n} is cut`);
    hash.update(bytes).update("\n");
    if (table !== null) {
      if (bytes.length === 2 && bytes[0] === 0x5c && bytes[1] === 0x2e) {
        // \.
        counted.set(table, rows);
        table = null;
        await onEntry({ kind: "endCopy" });
      } else {
        rows++;
        await onEntry({ kind: "row", bytes });
      }
      continue;
    }
    const start = /^COPY public\.("(?:[^"]|"")+") \((.*)\) FROM stdin;$/.exec(text);
    if (start) {
      table = start[1]!.slice(1, -1).replace(/""/g, '"');
      rows = 0;
      await onEntry({ kind: "copy", table, statement: `COPY public.${start[1]} (${start[2]}) FROM STDIN` });
    } else if (text.startsWith("SELECT pg_catalog.setval(")) {
      await onEntry({ kind: "setval", sql: text });
    } else if (text !== "" && text !== "SET client_encoding = 'UTF8';") {
      throw new BadBackup(`${name}: unexpected line ${n}`);
    }
  }
  if (!header) throw n === 0 ? new BadBackup(`${name} is empty`) : incomplete("no header");
  if (table !== null) throw incomplete(`it ends inside table ${table}`);
  if (header.format >= 2) {
    if (!end) throw incomplete("no end line");
    if (end.sha256 !== hash.digest("hex"))
      throw new BadBackup(`${name} is damaged: its checksum does not match its contents`);
  }
  for (const t of header.tables) {
    const got = counted.get(t.name);
    if (got === undefined) throw incomplete(`table ${t.name} is missing`);
    if (got !== t.rows)
      throw new BadBackup(`${name} is damaged: table ${t.name} has ${got} rows, its header says ${t.rows}`);
  }
  return header;
}

/** Reads the whole backup and checks it (end line, checksum, rows per table); returns its header. */
export function verifyBackup(file: string, gzip = file.endsWith(".gz")): Promise<BackupHeader> {
  return readBackup(file, gzip);
}

/** Reads a backup's header without loading it. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  let first = true;
  for await (const { bytes } of lines(file, file.endsWith(".gz"))) {
    const text = bytes.toString("utf8");
    if (first) {
      if (text !== MAGIC) throw new BadBackup(`${file} is not a backup of this application`);
      first = false;
      continue;
    }
    return JSON.parse(text.replace(/^-- /, "")) as BackupHeader;
  }
  throw new BadBackup(`${file} is empty`);
}
