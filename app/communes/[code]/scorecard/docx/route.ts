import { notFound } from "next/navigation";
import { provinceScorecards } from "@/lib/data/scorecards";
import { DataError } from "@/lib/data/errors";
import { documentInWorker } from "@/lib/documents/in-worker";
import { busyResponse, docxResponse } from "@/lib/web/docx-response";
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
  try {
    const document = await documentInWorker(ctx.viewer.id, {
      kind: "scorecards",
      cards: [card],
      ranked,
      range: ctx.range,
    });
    return docxResponse(document, `phieu-danh-gia_${code}_${ctx.range.from}_${ctx.range.to}.docx`);
  } catch (error) {
    if (error instanceof DataError && error.code === "BUSY") return busyResponse(error.message);
    throw error;
  }
}
