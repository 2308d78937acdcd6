import { DataError } from "@/lib/data/errors";
import { scorecardsDocument } from "@/lib/documents/province-documents";
import { busyResponse, docxResponse } from "@/lib/web/docx-response";
import { scorecardContext } from "@/lib/web/scorecard-context";

export const dynamic = "force-dynamic";

/**
 * The scorecards of every commune (same `?period=` as /briefing/scorecards) as one Word document, one per section;
 * reused while the data is unchanged.
 */
export async function GET(request: Request) {
  const ctx = await scorecardContext(Promise.resolve(Object.fromEntries(new URL(request.url).searchParams)));
  try {
    const document = (await scorecardsDocument(ctx.viewer.id, ctx.range))!;
    return docxResponse(document, `phieu-danh-gia_${ctx.range.from}_${ctx.range.to}.docx`);
  } catch (error) {
    if (error instanceof DataError && error.code === "BUSY") return busyResponse(error.message);
    throw error;
  }
}
