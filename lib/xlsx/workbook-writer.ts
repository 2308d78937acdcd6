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

/** Rows are joined into pieces of about this many characters before they go to the zip. */
const PIECE = 64 * 1024;

export interface SheetWriter {
  /** Appends a row; false when the zip is behind and the caller should `await drained()` before the next ones. */
  addRow(values: readonly CellValue[], style?: CellStyle | readonly (CellStyle | undefined)[]): boolean;
  drained(signal?: AbortSignal): Promise<void>;
  /** Ends the sheet; `autoFilter` puts filter buttons on the header over every written row. */
  end(options?: { autoFilter?: boolean }): Promise<void>;
}

export class WorkbookWriter {
  private readonly zip = archiver("zip", { zlib: { level: 6 } });
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
    let piece = sheetHead(layout);
    let rows = 0;
    let widest = layout.widths.length;
    const flush = () => {
      const ok = stream.write(piece);
      piece = "";
      return ok;
    };
    return {
      addRow: (values, style) => {
        while (letters.length < values.length) letters.push(columnName(letters.length + 1));
        widest = Math.max(widest, values.length);
        piece += rowXml(++rows, values, letters, style, this.strings);
        return piece.length < PIECE || flush();
      },
      drained: async (signal) => {
        if (stream.writableNeedDrain) await Promise.race([once(stream, "drain", { signal }), this.failed]);
      },
      end: async ({ autoFilter } = {}) => {
        if (autoFilter && rows > 0) entry.autoFilter = `A1:${columnName(widest)}${rows}`;
        piece += sheetTail(entry.autoFilter);
        stream.end(piece);
        piece = "";
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
