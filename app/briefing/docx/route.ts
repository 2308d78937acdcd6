import { briefingFigures } from "@/lib/data/briefing";
import { writeBriefing } from "@/lib/domain/briefing";
import { DataError } from "@/lib/data/errors";
import { documentInWorker } from "@/lib/documents/in-worker";
import { busyResponse, docxResponse } from "@/lib/web/docx-response";
import { PROVINCE, pageContext } from "@/lib/web/page-context";

export const dynamic = "force-dynamic";

/** The briefing of /briefing (same period parameters) as a Word document in the format of Nghị định 30/2020. */
export async function GET(request: Request) {
  const ctx = await pageContext(Promise.resolve(Object.fromEntries(new URL(request.url).searchParams)));
  const figures = await briefingFigures(PROVINCE, ctx.range);
  try {
    const document = await documentInWorker(ctx.viewer.id, {
      kind: "briefing",
      briefing: writeBriefing(figures),
      figures,
    });
    return docxResponse(document, `bao-cao-tom-tat_${ctx.range.from}_${ctx.range.to}.docx`);
  } catch (error) {
    if (error instanceof DataError && error.code === "BUSY") return busyResponse(error.message);
    throw error;
  }
}
