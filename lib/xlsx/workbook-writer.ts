/**
 * An .xlsx workbook written as a stream: sheets one after the other, rows as they come, zipped by archiver (Node's own
 * zlib, off the main thread) into `output`, whose pace it follows: a row written while the zip or the client is
 * behind waits (`addRow` says so, `drained()` waits). Memory stays flat whatever the size. The XML is
 * lib/xlsx/spreadsheet-xml.ts's.
 */
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import archiver from "archiver";
import {
  type CellStyle,
  type CellValue,
  columnName,
  contentTypesXml,
  corePropsXml,
  rootRelsXml,
  rowXml,
  SharedStrings,
  type SheetEntry,
  type SheetLayout,
  sheetHead,
  sheetTail,
  stylesXml,
  workbookRelsXml,
  workbookXml,
} from "./spreadsheet-xml";

/** Rows are written into pieces of this many bytes before they go to the zip. */
const PIECE = 64 * 1024;
/**
 * Deflate's level: 1, its fastest. On a national export the deflate at level 6 cost more CPU than everything else
 * of the writer together (3.5 times level 1's), for a file a sixth smaller (issue 24 asks the `.xlsx` at half the
 * CSV's speed).
 */
const LEVEL = 1;

export interface SheetWriter {
  /** Appends a row; false when the zip is behind and the caller should `await drained()` before the next ones. */
  addRow(values: readonly CellValue[], style?: CellStyle | readonly (CellStyle | undefined)[]): boolean;
  drained(signal?: AbortSignal): Promise<void>;
  /** Ends the sheet; `autoFilter` puts filter buttons on the header over every written row. */
  end(options?: { autoFilter?: boolean }): Promise<void>;
}

export class WorkbookWriter {
  private readonly zip = archiver("zip", { zlib: { level: LEVEL } });
  private readonly sheets: SheetEntry[] = [];
  private readonly strings = new SharedStrings();
  private readonly failed: Promise<never>;
  private open = false;

  constructor(
    output: Writable,
    private readonly properties: { creator: string; created: Date },
  ) {
    this.failed = new Promise<never>((_, reject) => {
      this.zip.on("error", reject);
      this.zip.on("warning", reject);
    });
    this.failed.catch(() => {});
    this.zip.pipe(output);
  }

  /** Starts the next sheet; the one before must have ended. */
  addSheet(name: string, layout: SheetLayout): SheetWriter {
    if (this.open) throw new Error("the previous sheet is still open");
    this.open = true;
    const entry: SheetEntry = { name };
    this.sheets.push(entry);
    const stream = new PassThrough({ highWaterMark: 4 * PIECE });
    this.zip.append(stream, { name: `xl/worksheets/sheet${this.sheets.length}.xml` });
    const letters = layout.widths.map((_, i) => columnName(i + 1));
    // Each row's XML goes straight into a buffer: a piece grown as one long string costs more to flatten and encode
    // than the rows cost to write.
    let piece = Buffer.allocUnsafe(PIECE);
    let used = 0;
    let rows = 0;
    const flush = () => {
      const ok = used === 0 || stream.write(piece.subarray(0, used));
      piece = Buffer.allocUnsafe(PIECE);
      used = 0;
      return ok;
    };
    const put = (xml: string) => {
      // A UTF-8 character takes at most three bytes per UTF-16 unit.
      if (used + xml.length * 3 > PIECE) {
        flush();
        if (xml.length * 3 > PIECE) return stream.write(xml);
      }
      used += piece.write(xml, used, "utf8");
      return true;
    };
    put(sheetHead(layout));
    return {
      addRow: (values, style) => {
        while (letters.length < values.length) letters.push(columnName(letters.length + 1));
        const ok = put(rowXml(++rows, values, letters, style, this.strings));
        return ok && (used < PIECE / 2 || flush());
      },
      drained: async (signal) => {
        if (stream.writableNeedDrain) await Promise.race([once(stream, "drain", { signal }), this.failed]);
      },
      end: async ({ autoFilter } = {}) => {
        if (autoFilter && rows > 0) entry.autoFilter = `A1:${letters.at(-1)}${rows}`;
        put(sheetTail(entry.autoFilter));
        flush();
        stream.end();
        this.open = false;
        await Promise.race([once(stream, "finish"), this.failed]);
      },
    };
  }

  /** Writes the workbook's own parts and ends the zip; resolves when everything went to the output. */
  async finish(): Promise<void> {
    if (this.open) throw new Error("a sheet is still open");
    const parts: [string, string][] = [
      ["[Content_Types].xml", contentTypesXml(this.sheets.length)],
      ["_rels/.rels", rootRelsXml()],
      ["docProps/core.xml", corePropsXml(this.properties.creator, this.properties.created)],
      ["xl/workbook.xml", workbookXml(this.sheets)],
      ["xl/_rels/workbook.xml.rels", workbookRelsXml(this.sheets.length)],
      ["xl/styles.xml", stylesXml()],
      ["xl/sharedStrings.xml", this.strings.xml()],
    ];
    for (const [name, text] of parts) this.zip.append(text, { name });
    await Promise.race([this.zip.finalize(), this.failed]);
  }

  /** Stops writing (the client went away): the zip is left unfinished. */
  abort(): void {
    this.zip.abort();
  }
}
