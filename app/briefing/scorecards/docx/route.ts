import { provinceScorecards } from "@/lib/data/scorecards";
import { DataError } from "@/lib/data/errors";
import { documentInWorker } from "@/lib/documents/in-worker";
import { busyResponse, docxResponse } from "@/lib/web/docx-response";
import { PROVINCE } from "@/lib/web/page-context";
import { scorecardContext } from "@/lib/web/scorecard-context";

export const dynamic = "force-dynamic";

/** The scorecards of every commune (same `?period=` as /briefing/scorecards) as one Word document, one per section. */
export async function GET(request: Request) {
  const ctx = await scorecardContext(Promise.resolve(Object.fromEntries(new URL(request.url).searchParams)));
  const { ranked, cards } = await provinceScorecards(PROVINCE, ctx.range);
  try {
    const document = await documentInWorker(ctx.viewer.id, { kind: "scorecards", cards, ranked, range: ctx.range });
    return docxResponse(document, `phieu-danh-gia_${ctx.range.from}_${ctx.range.to}.docx`);
  } catch (error) {
    if (error instanceof DataError && error.code === "BUSY") return busyResponse(error.message);
    throw error;
  }
}
