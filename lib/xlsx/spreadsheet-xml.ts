/**
 * The parts of an .xlsx file (Office Open XML SpreadsheetML, ECMA-376 part 1, §18) that the export writes, as text:
 * a row of typed cells, a worksheet's head and tail, the styles, the workbook and the package's relationships.
 * Plain functions without I/O; lib/xlsx/workbook-writer.ts puts them in a zip as a stream.
 *
 * Why not exceljs for writing: its streaming writer builds an object per cell and renders it through a generic XML
 * stream, about 17,000 rows/s on the national export against 155,000 for the CSV (issue 24 asks for half the CSV's
 * speed). Reading stays with exceljs (lib/import), which opens these files in the tests.
 */

import { NUMBER_FORMAT } from "@/lib/domain/export-columns";

/** The cell styles a sheet may use, by name; their order is the index written in a cell's `s` attribute. */
export const CELL_STYLES = ["plain", "header", "count", "percent", "month", "wrapTop", "bold", "wrapLeft"] as const;
export type CellStyle = (typeof CELL_STYLES)[number];
/** Each style's ` s="N"` attribute, written as is in a cell ("" for the plain style). */
const STYLE_ATTRIBUTE = new Map<CellStyle, string>(CELL_STYLES.map((s, i) => [s, i ? ` s="${i}"` : ""]));

/** Number formats of the styles above: the export's own (custom formats start at id 164). */
export const FORMAT_OF: Partial<Record<CellStyle, string>> = NUMBER_FORMAT;

const STYLE_OF_FORMAT = new Map(Object.entries(FORMAT_OF).map(([style, format]) => [format, style as CellStyle]));

/** The style that shows a number format (one of FORMAT_OF's), if any. */
export function styleOfFormat(numFmt: string): CellStyle | undefined {
  return STYLE_OF_FORMAT.get(numFmt);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 does not allow in text at all (a value pasted from elsewhere may carry them): dropped.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPED: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"]/g, (c) => ESCAPED[c]!);
}

/** "A", "B", … "Z", "AA", …: the column letters of a 1-based index. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** A date as a spreadsheet's serial day number (the 1900 date system; dates here are all after 1900-03-01). */
export function serialDate(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
}

export type CellValue = string | number | Date | null;

/** `<t>` of a text: whitespace at either end is kept only when the element says so. */
function textXml(text: string): string {
  const escaped = escapeXml(text);
  return /^\s|\s$/.test(text) ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}

/**
 * The workbook's shared string table: each text once, cells pointing at it. An export repeats a few thousand names
 * and codes over a million rows; pointing at them makes the sheet's XML ASCII and a third shorter, about three
 * times cheaper to write and to deflate. Bounded: past `limit` texts, or for a text longer than `longest`, the cell
 * carries its text itself.
 */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  /** The last text and place seen in each column: a column repeats its text row after row (a commune's rows). */
  private readonly lastText: (string | undefined)[] = [];
  private readonly lastPlace: (number | null)[] = [];
  constructor(
    private readonly limit = 100_000,
    private readonly longest = 200,
  ) {}

  /** The text's place in the table, or null when it is written in the cell; `column` lets a repeated text skip the lookup. */
  indexOf(text: string, column?: number): number | null {
    if (column === undefined) return this.lookUp(text);
    if (this.lastText[column] !== text) {
      this.lastText[column] = text;
      this.lastPlace[column] = this.lookUp(text);
    }
    return this.lastPlace[column]!;
  }

  private lookUp(text: string): number | null {
    const known = this.index.get(text);
    if (known !== undefined) return known;
    if (this.index.size >= this.limit || text.length > this.longest) return null;
    // A copy: a text cut out of a larger one (a line of a chunk read from PostgreSQL) would keep all of it alive.
    this.index.set(Buffer.from(text, "utf8").toString("utf8"), this.index.size);
    return this.index.size - 1;
  }

  xml(): string {
    let xml = `${HEAD}<sst ${NS} count="${this.index.size}" uniqueCount="${this.index.size}">`;
    for (const text of this.index.keys()) xml += `<si>${textXml(text)}</si>`;
    return `${xml}</sst>`;
  }
}

/**
 * One `<row>`: numbers and dates as numbers (a date is a number with a date format), text from the shared table or
 * inline; a spreadsheet never evaluates either ("=1+1" stays text). An empty cell is left out. `letters` are the
 * sheet's column names, computed once; `style` is one style for the whole row or one per cell (none: plain).
 */
export function rowXml(
  rowNumber: number,
  values: readonly CellValue[],
  letters: readonly string[],
  style?: CellStyle | readonly (CellStyle | undefined)[],
  strings?: SharedStrings,
): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined || value === "") continue;
    const cellStyle = typeof style === "string" ? style : style?.[i];
    const s = cellStyle ? STYLE_ATTRIBUTE.get(cellStyle)! : "";
    const ref = `${letters[i]}${rowNumber}`;
    if (typeof value === "number") {
      if (Number.isFinite(value)) xml += `<c r="${ref}"${s}><v>${value}</v></c>`;
    } else if (value instanceof Date) {
      xml += `<c r="${ref}"${s}><v>${serialDate(value)}</v></c>`;
    } else {
      const shared = strings?.indexOf(value, i) ?? null;
      xml +=
        shared === null
          ? `<c r="${ref}"${s} t="inlineStr"><is>${textXml(value)}</is></c>`
          : `<c r="${ref}"${s} t="s"><v>${shared}</v></c>`;
    }
  }
  return `${xml}</row>`;
}

export interface SheetLayout {
  /** Column widths in characters, in order. */
  widths: readonly number[];
  /** The first row stays in view when scrolling. */
  freezeHeader?: boolean;
}

/** Everything of a worksheet before its first row. */
export function sheetHead({ widths, freezeHeader }: SheetLayout): string {
  const views = freezeHeader
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const cols = widths.length
    ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  return `${HEAD}<worksheet ${NS} ${NS_R}>${views}<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`;
}

/** Everything after the last row; `autoFilter` is the range of the filter buttons ("A1:J120"). */
export function sheetTail(autoFilter?: string): string {
  return `</sheetData>${autoFilter ? `<autoFilter ref="${autoFilter}"/>` : ""}</worksheet>`;
}

export function stylesXml(): string {
  const formats = Object.values(FORMAT_OF);
  const numFmtId = (style: CellStyle) => (FORMAT_OF[style] ? 164 + formats.indexOf(FORMAT_OF[style]!) : 0);
  const xf = (style: CellStyle) => {
    const bold = style === "header" || style === "bold";
    const alignment =
      style === "header" || style === "wrapTop"
        ? '<alignment wrapText="1" vertical="top"/>'
        : style === "wrapLeft"
          ? '<alignment horizontal="left" wrapText="1"/>'
          : "";
    const id = numFmtId(style);
    return `<xf numFmtId="${id}" fontId="${bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ""}${bold ? ' applyFont="1"' : ""}${alignment ? ` applyAlignment="1">${alignment}</xf>` : "/>"}`;
  };
  return (
    `${HEAD}<styleSheet ${NS}>` +
    `<numFmts count="${formats.length}">${formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(f)}"/>`).join("")}</numFmts>` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${CELL_STYLES.length}">${CELL_STYLES.map(xf).join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    "</styleSheet>"
  );
}

export interface SheetEntry {
  name: string;
  /** The range of the sheet's filter buttons, if any (a hidden defined name Excel expects beside it). */
  autoFilter?: string;
}

export function workbookXml(sheets: readonly SheetEntry[]): string {
  const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const absolute = (range: string) => range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  const names = sheets
    .map((s, i) =>
      s.autoFilter
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`${quoted(s.name)}!${absolute(s.autoFilter)}`)}</definedName>`
        : "",
    )
    .join("");
  return (
    `${HEAD}<workbook ${NS} ${NS_R}><bookViews><workbookView/></bookViews><sheets>` +
    sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    `</sheets>${names ? `<definedNames>${names}</definedNames>` : ""}</workbook>`
  );
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

export function workbookRelsXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join("");
  return (
    `${HEAD}<Relationships xmlns="${PKG_REL}">${sheets}` +
    `<Relationship Id="rId${sheetCount + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${sheetCount + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    "</Relationships>"
  );
}

export function rootRelsXml(): string {
  return (
    `${HEAD}<Relationships xmlns="${PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
    "</Relationships>"
  );
}

export function corePropsXml(creator: string, created: Date): string {
  const at = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${escapeXml(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

export function contentTypesXml(sheetCount: number): string {
  const main = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${main}.worksheet+xml"/>`,
  ).join("");
  return (
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${main}.sheet.main+xml"/>` +
    sheets +
    `<Override PartName="/xl/styles.xml" ContentType="${main}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${main}.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    "</Types>"
  );
}
