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

/** A document refused because the bounded CPU work is full (lib/workers/pool.ts): 429 with its Vietnamese message. */
export function busyResponse(message: string): Response {
  return new Response(message, {
    status: 429,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "10", "Cache-Control": "no-store" },
  });
}
