/**
 * The "Báo cáo tóm tắt" as a Word document in the state's format: the same sentences as /briefing (writeBriefing in
 * lib/domain/briefing.ts, from the same figures), then tables of the figures, recipients and signature.
 */
import type { Paragraph, Table } from "docx";
import {
  type Briefing,
  type BriefingFigures,
  SHORTAGE_FIELDS,
  SHORTAGE_LABELS_VI,
  flowNote,
  stockNote,
} from "@/lib/domain/briefing";
import { formatInteger, formatPercent } from "@/lib/domain/format";
import { formatRangeVi } from "@/lib/domain/periods";
import {
  BLANK,
  LAI_CHAU_PEOPLES_COMMITTEE,
  bodyHeading,
  bodyParagraph,
  figuresTable,
  officialDocument,
  spacer,
} from "./official-document";

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

const int = (v: number | null | undefined) => (v == null ? "—" : formatInteger(v));
const pct = (v: number | null | undefined) => (v == null ? "—" : formatPercent(v));

/** The province's figures of the period against the previous one of equal length. */
function summaryTable(f: BriefingFigures): Table {
  const c = f.current;
  const p = f.previous.figures;
  // Issue 28: beside every total of a partly reported period, what it covers.
  const flow = (v: string) => (v === "—" ? v : `${v}${flowNote(f)}`);
  const stock = (v: string) => (v === "—" ? v : `${v}${stockNote(f)}`);
  const rows: [string, string, string][] = [
    ["Xã, phường vận hành bộ phận một cửa", stock(int(c.oneStopCovered)), int(p?.oneStopCovered)],
    ["Tỷ lệ giải quyết TTHC đúng và trước hạn", flow(pct(c.onTimeRate)), pct(p?.onTimeRate)],
    ["Tỷ lệ hồ sơ tiếp nhận trực tuyến", flow(pct(c.onlineRate)), pct(p?.onlineRate)],
    ["Trang tài liệu số hóa trong kỳ", flow(int(c.pagesInPeriod)), int(p?.pagesInPeriod)],
    ["Trang tài liệu số hóa lũy kế từ 01/07/2025", flow(int(f.pagesCumulative)), "—"],
    ["Cán bộ, công chức cấp xã", stock(int(c.staffCbcc)), int(p?.staffCbcc)],
    ["Biên chế CB, CC, VC cấp xã được giao", stock(int(c.staffQuota)), int(p?.staffQuota)],
    ["Vị trí chuyên môn còn thiếu", stock(int(c.shortageTotal)), int(p?.shortageTotal)],
    ...SHORTAGE_FIELDS.map((k): [string, string, string] => [
      `   trong đó: ${SHORTAGE_LABELS_VI[k]}`,
      int(f.shortages[k]?.positions),
      "—",
    ]),
    ["Tỷ lệ báo cáo tháng đã nộp", pct(c.reportingRate), pct(p?.reportingRate)],
  ];
  return figuresTable(
    ["Chỉ tiêu", `Kỳ báo cáo (${formatRangeVi(f.range)})`, `Kỳ trước (${formatRangeVi(f.previous.range)})`],
    rows,
    [85, 40, 40],
    [false, true, true],
  );
}

/** One line per commune: on-time rate and the dossiers behind it, reports received and on time. */
function communeTable(f: BriefingFigures): Table {
  const rows = [...f.communes]
    .sort((a, b) => a.fullName.localeCompare(b.fullName, "vi"))
    .map((c, i) => [
      String(i + 1),
      c.fullName,
      pct(c.onTimeRate),
      int(c.resolved),
      `${formatInteger(c.reportsReceived)}/${formatInteger(c.reportsExpected)}`,
      formatInteger(c.reportsOnTime),
    ]);
  return figuresTable(
    ["STT", "Xã, phường", "Tỷ lệ đúng và trước hạn", "Hồ sơ đã giải quyết", "Báo cáo đã nộp/phải nộp", "Nộp đúng hạn"],
    rows,
    [12, 50, 28, 27, 25, 23],
    [true, false, true, true, true, true],
  );
}

export async function briefingDocx(briefing: Briefing, figures: BriefingFigures): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  briefing.sections.forEach((section, i) => {
    body.push(bodyHeading(`${ROMAN[i] ?? i + 1}. ${section.heading.toLocaleUpperCase("vi")}`));
    for (const sentence of section.sentences) body.push(bodyParagraph(sentence));
  });
  if (figures.hasData) {
    body.push(bodyHeading(`${ROMAN[briefing.sections.length]}. SỐ LIỆU CHỦ YẾU`));
    body.push(
      bodyParagraph("Bảng 1. Số liệu toàn tỉnh (chỉ tính báo cáo đã nộp hoặc đã duyệt)."),
      summaryTable(figures),
      spacer(),
    );
    body.push(bodyParagraph("Bảng 2. Số liệu từng xã, phường."), communeTable(figures));
  }
  return officialDocument({
    title: briefing.title,
    heading: {
      issuingBody: LAI_CHAU_PEOPLES_COMMITTEE,
      symbol: "BC-UBND",
      place: "Lai Châu",
      type: "BÁO CÁO",
      subject: briefing.subject,
    },
    body,
    signature: {
      recipients: ["- Như trên;", `- ${BLANK};`, "- Lưu: VT."],
      authority: ["TM. ỦY BAN NHÂN DÂN", `KT. CHỦ TỊCH`, "PHÓ CHỦ TỊCH"],
      signer: BLANK,
    },
  });
}
