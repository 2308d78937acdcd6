import { DataError } from "@/lib/data/errors";
import { briefingDocument } from "@/lib/documents/province-documents";
import { busyResponse, docxResponse } from "@/lib/web/docx-response";
import { pageContext } from "@/lib/web/page-context";

export const dynamic = "force-dynamic";

/**
 * The briefing of /briefing (same period parameters) as a Word document in the format of Nghị định 30/2020; reused
 * while the data is unchanged.
 */
export async function GET(request: Request) {
  const ctx = await pageContext(Promise.resolve(Object.fromEntries(new URL(request.url).searchParams)));
  try {
    const document = await briefingDocument(ctx.viewer.id, ctx.range);
    return docxResponse(document, `bao-cao-tom-tat_${ctx.range.from}_${ctx.range.to}.docx`);
  } catch (error) {
    if (error instanceof DataError && error.code === "BUSY") return busyResponse(error.message);
    throw error;
  }
}
