/**
 * A Word document in the layout of an administrative document, Nghị định 30/2020/NĐ-CP, Phụ lục I (summary in the
 * project's shared data, `document-format-nd30.md`): A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm;
 * Times New Roman; issuing body and number top left, Quốc hiệu and Tiêu ngữ top right with place and date under them;
 * the type and subject centred; the body justified, size 14, first line indented 1,27 cm, at least 6 pt between
 * paragraphs; page numbers top centre from the second page; "Nơi nhận" bottom left, the signature block bottom right.
 * The number, date, recipients and signer are left as fields ("…") for the office to fill in.
 *
 * Pure: figures and sentences come in, a .docx comes out (the `docx` library writes the OOXML).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from "docx";

export const FONT = "Times New Roman";
/** docx sizes are in half-points. */
const pt = (size: number) => size * 2;
/** Millimetres to twips, rounded (A4 is 11906 × 16838 twips, as Word writes it). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);

export const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;
/** The width of the text between the margins, in twips. */
const TEXT_WIDTH = mm(PAGE.width - PAGE.left - PAGE.right);

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
};

interface Text {
  text: string;
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

function line(
  { text, size = 13, bold, italics }: Text,
  options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: { before: 0, after: options.after ?? 0 },
    children: [new TextRun({ text, font: FONT, size: pt(size), bold, italics })],
  });
}

/** The short solid line under the issuing body and under the Tiêu ngữ: a bottom border on an indented empty paragraph. */
function rule(widthMm: number, cellWidthMm: number): Paragraph {
  const side = mm(Math.max(0, (cellWidthMm - widthMm) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 120 },
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [],
  });
}

function cell(children: (Paragraph | Table)[], widthMm: number): TableCell {
  return new TableCell({
    width: { size: mm(widthMm), type: WidthType.DXA },
    borders: NO_BORDERS,
    verticalAlign: VerticalAlign.TOP,
    children,
  });
}

function twoColumns(left: (Paragraph | Table)[], right: (Paragraph | Table)[], leftMm: number): Table {
  const total = PAGE.width - PAGE.left - PAGE.right;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [mm(leftMm), mm(total - leftMm)],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftMm), cell(right, total - leftMm)] })],
  });
}

export interface OfficialHeading {
  /** The issuing body, one line each: ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"]. */
  issuingBody: [string, string];
  /** The symbol after the number: "BC-UBND" (báo cáo of the province's people's committee); null: no number line. */
  symbol: string | null;
  place: string;
  /** "BÁO CÁO". */
  type: string;
  subject: string;
}

export interface Signature {
  recipients: string[];
  /** Authority and title lines, e.g. ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
  authority: string[];
  signer: string;
}

export const QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const TIEU_NGU = "Độc lập - Tự do - Hạnh phúc";
/** What the office fills in by hand, left visible so that nobody sends the document without it. */
export const BLANK = "…";

export const LAI_CHAU_PEOPLES_COMMITTEE: OfficialHeading["issuingBody"] = ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"];

export function headingBlock(h: OfficialHeading): (Paragraph | Table)[] {
  const leftMm = 62;
  const rightMm = PAGE.width - PAGE.left - PAGE.right - leftMm;
  return [
    twoColumns(
      [
        line({ text: h.issuingBody[0], size: 13, bold: true }),
        line({ text: h.issuingBody[1], size: 13, bold: true }),
        rule(20, leftMm),
        ...(h.symbol ? [line({ text: `Số: ${BLANK}/${h.symbol}`, size: 13 })] : []),
      ],
      [
        line({ text: QUOC_HIEU, size: 12, bold: true }),
        line({ text: TIEU_NGU, size: 13, bold: true }),
        rule(58, rightMm),
        line({ text: `${h.place}, ngày ${BLANK} tháng ${BLANK} năm ${BLANK}`, size: 14, italics: true }),
      ],
      leftMm,
    ),
    new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }),
    line({ text: h.type, size: 14, bold: true }),
    line({ text: h.subject, size: 14, bold: true }),
    rule(30, PAGE.width - PAGE.left - PAGE.right),
  ];
}

/** A heading inside the body ("1. Kỳ báo cáo"): bold, flush with the indent of the paragraphs. */
export function bodyHeading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(12.7) },
    spacing: { before: 120, after: 120, line: 288 },
    keepNext: true,
    children: [new TextRun({ text, font: FONT, size: pt(14), bold: true })],
  });
}

/** A paragraph of the body: size 14, justified, first line indented 1,27 cm, 6 pt after, 1,2 lines. */
export function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(12.7) },
    spacing: { before: 0, after: 120, line: 288 },
    children: [new TextRun({ text, font: FONT, size: pt(14) })],
  });
}

/** A table of figures: header row in bold, numbers right-aligned, size 12, thin borders. */
export function figuresTable(header: string[], rows: string[][], widthsMm: number[], numeric: boolean[]): Table {
  const cellOf = (text: string, i: number, bold: boolean) =>
    new TableCell({
      width: { size: mm(widthsMm[i]!), type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({
          alignment: bold ? AlignmentType.CENTER : numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { before: 40, after: 40 },
          children: [new TextRun({ text, font: FONT, size: pt(12), bold })],
        }),
      ],
    });
  return new Table({
    width: { size: mm(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(mm),
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cellOf(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cellOf(text, i, false)) })),
    ],
  });
}

function signatureBlock(s: Signature): Table {
  const leftMm = 75;
  return twoColumns(
    [
      new Paragraph({
        spacing: { before: 0, after: 0 },
        children: [new TextRun({ text: "Nơi nhận:", font: FONT, size: pt(12), bold: true, italics: true })],
      }),
      ...s.recipients.map((r) => line({ text: r, size: 11 }, { align: AlignmentType.LEFT })),
    ],
    [
      ...s.authority.map((a) => line({ text: a, size: 14, bold: true })),
      ...[0, 1, 2, 3].map(() => line({ text: "", size: 14 })),
      line({ text: s.signer, size: 14, bold: true }),
    ],
    leftMm,
  );
}

/** Page numbers top centre, size 14, from the second page on (the first page has an empty header). */
function pageNumberHeader(): { default: Header; first: Header } {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(14) })],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

export function spacer(after = 120): Paragraph {
  return new Paragraph({ spacing: { before: 0, after }, children: [] });
}

export function pageSection(children: ISectionOptions["children"]): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: mm(PAGE.width), height: mm(PAGE.height) },
        margin: {
          top: mm(PAGE.top),
          bottom: mm(PAGE.bottom),
          left: mm(PAGE.left),
          right: mm(PAGE.right),
          header: mm(10),
          footer: mm(10),
        },
      },
    },
    headers: pageNumberHeader(),
    children,
  };
}

/** The whole document: heading block, the body given, then recipients and signature. */
export async function officialDocument({
  heading,
  body,
  signature,
  title,
}: {
  heading: OfficialHeading;
  body: (Paragraph | Table)[];
  signature: Signature;
  title: string;
}): Promise<Buffer> {
  const doc = new Document({
    creator: "Hệ thống theo dõi chính quyền hai cấp tỉnh Lai Châu",
    title,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [pageSection([...headingBlock(heading), ...body, spacer(240), signatureBlock(signature)])],
  });
  return Packer.toBuffer(doc);
}

/** Several documents of one kind in one file (the 38 scorecards), each starting on a new page. */
export async function documentOfSections(title: string, sections: ISectionOptions[]): Promise<Buffer> {
  const doc = new Document({
    creator: "Hệ thống theo dõi chính quyền hai cấp tỉnh Lai Châu",
    title,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections,
  });
  return Packer.toBuffer(doc);
}
