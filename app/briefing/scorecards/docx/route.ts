import { provinceScorecards } from "@/lib/data/scorecards";
import { scorecardsDocx } from "@/lib/documents/scorecards-docx";
import { docxResponse } from "@/lib/web/docx-response";
import { PROVINCE } from "@/lib/web/page-context";
import { scorecardContext } from "@/lib/web/scorecard-context";

export const dynamic = "force-dynamic";

/** The scorecards of every commune (same `?period=` as /briefing/scorecards) as one Word document, one per section. */
export async function GET(request: Request) {
  const ctx = await scorecardContext(Promise.resolve(Object.fromEntries(new URL(request.url).searchParams)));
  const { ranked, cards } = await provinceScorecards(PROVINCE, ctx.range);
  return docxResponse(await scorecardsDocx(cards, ranked, ctx.range), `phieu-danh-gia_${ctx.range.from}_${ctx.range.to}.docx`);
}
