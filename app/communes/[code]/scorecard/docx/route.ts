import { notFound } from "next/navigation";
import { provinceScorecards } from "@/lib/data/scorecards";
import { scorecardsDocx } from "@/lib/documents/scorecards-docx";
import { docxResponse } from "@/lib/web/docx-response";
import { PROVINCE } from "@/lib/web/page-context";
import { scorecardContext } from "@/lib/web/scorecard-context";

export const dynamic = "force-dynamic";

/** One commune's scorecard as a Word document. */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const ctx = await scorecardContext(Promise.resolve(Object.fromEntries(new URL(request.url).searchParams)));
  const { ranked, cards } = await provinceScorecards(PROVINCE, ctx.range);
  const card = cards.find((c) => c.commune.code === code);
  if (!card) notFound();
  return docxResponse(await scorecardsDocx([card], ranked, ctx.range), `phieu-danh-gia_${code}_${ctx.range.from}_${ctx.range.to}.docx`);
}
