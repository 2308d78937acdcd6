/**
 * Scorecards as a Word document: one commune per section (its own first page, the state's heading), the KPIs with the
 * commune's rank among the province's communes and the change since 07/2025, and the missing specialists. The same
 * figures as /communes/[code]/scorecard and /briefing/scorecards (lib/data/scorecards.ts).
 */
import type { Scorecard } from "@/lib/data/scorecards";
import { SHORTAGE_LABELS_VI } from "@/lib/domain/briefing";
import { formatInteger, formatValue } from "@/lib/domain/format";
import { getIndicator } from "@/lib/domain/indicators";
import { formatPeriodVi, formatRangeVi, type PeriodRange } from "@/lib/domain/periods";
import { officialPeriodVi } from "@/lib/domain/coverage";
import {
  LAI_CHAU_PEOPLES_COMMITTEE,
  bodyHeading,
  bodyParagraph,
  documentOfSections,
  figuresTable,
  headingBlock,
  pageSection,
} from "./official-document";

function trendText(kpi: Scorecard["kpis"][number], unit: string): string {
  const known = kpi.trend.filter((p) => p.value != null);
  if (known.length < 2) return "—";
  const first = known[0]!;
  const last = known.at(-1)!;
  return `${formatPeriodVi(first.period)}: ${formatValue(first.value, unit)} → ${formatPeriodVi(last.period)}: ${formatValue(last.value, unit)}`;
}

function cardSection(card: Scorecard, ranked: number, range: PeriodRange) {
  const rows = card.kpis.map((k) => {
    const indicator = getIndicator(k.code);
    return [
      indicator.nameVi,
      k.value == null ? "Chưa có báo cáo" : formatValue(k.value, indicator.unit),
      k.rank == null ? "—" : `${formatInteger(k.rank)}/${formatInteger(ranked)}`,
      trendText(k, indicator.unit),
    ];
  });
  const missing = card.missing.length
    ? `Vị trí chuyên môn còn thiếu: ${card.missing.map((m) => `${SHORTAGE_LABELS_VI[m.field]} ${formatInteger(m.positions)}`).join("; ")}.`
    : "Không báo cáo thiếu vị trí chuyên môn kế toán – tài chính, xây dựng, đất đai, công nghệ thông tin.";
  const kind = card.commune.kind === "PHUONG" ? "Phường" : "Xã";
  return pageSection([
    ...headingBlock({
      issuingBody: LAI_CHAU_PEOPLES_COMMITTEE,
      symbol: null,
      place: "Lai Châu",
      type: "PHIẾU ĐÁNH GIÁ XÃ, PHƯỜNG",
      subject: `${card.commune.fullName}, ${officialPeriodVi(range)}`,
    }),
    bodyParagraph(
      `${kind} ${card.commune.name}, mã ${card.commune.code}; trước đây thuộc ${card.commune.formerDistricts.join("; ")}.`,
    ),
    bodyHeading("1. Các chỉ tiêu chủ yếu"),
    figuresTable(
      ["Chỉ tiêu", "Giá trị", `Xếp hạng (trên ${formatInteger(ranked)})`, "Từ 07/2025 đến nay"],
      rows,
      [62, 28, 25, 50],
      [false, true, true, false],
    ),
    bodyParagraph(
      `Xếp hạng 1 là tốt nhất trong ${formatInteger(ranked)} xã, phường của tỉnh (với chỉ tiêu càng thấp càng tốt, giá trị thấp nhất xếp 1).`,
    ),
    bodyHeading("2. Vị trí chuyên môn còn thiếu"),
    bodyParagraph(missing),
  ]);
}

export async function scorecardsDocx(cards: Scorecard[], ranked: number, range: PeriodRange): Promise<Buffer> {
  const title =
    cards.length === 1
      ? `Phiếu đánh giá: ${cards[0]!.commune.fullName}, ${formatRangeVi(range)}`
      : `Phiếu đánh giá ${cards.length} xã, phường, ${formatRangeVi(range)}`;
  return documentOfSections(
    title,
    cards.map((card) => cardSection(card, ranked, range)),
  );
}
