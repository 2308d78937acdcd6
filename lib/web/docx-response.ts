/** A generated Word document as a download. */
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function docxResponse(document: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(document), {
    headers: {
      "Content-Type": DOCX,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
