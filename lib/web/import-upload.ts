/**
 * POST /import/upload: the import page's upload (a dry run or the commit), issue 29. The body is the file itself
 * (no multipart form), with `?intent=dry-run|commit&numbers=auto|vi|en&name=<file name>` (and `mark_received=1` to load
 * history as received); the answer is JSON
 * ImportUploadState with a matching status.
 *
 * The proxy does not run for this route (proxy.ts: Next.js would copy the whole body for it), so the same checks
 * come first here, before anything of the body is read: the Origin (and Host), the session, the role, the declared
 * size, one upload per user at a time. Then the body streams to a private temporary file in chunks (refused as soon
 * as it passes the viewer's limit, lib/domain/import/limits.ts), which the worker thread reads and checks (lib/data/import): the request thread
 * never holds the whole file.
 */
import { revalidatePath } from "next/cache";
import { viewerLocale, withViewer } from "@/lib/auth/action";
import { FAILURE_STATUS } from "@/lib/auth/api";
import { originRefusal } from "@/lib/auth/origins";
import { type ImportReport, assertMayImport, commit, dryRun } from "@/lib/data/import";
import { ADMIN_IMPORT_LIMITS, importLimits, limitMb } from "@/lib/domain/import/limits";
import { tooLargeWording } from "@/lib/domain/import/read-csv";
import { importWording } from "@/lib/domain/import/refusals";
import { endImportProgress, progressNoter } from "@/lib/data/import-progress";
import { importRefusalText, importReportIn } from "@/i18n/import";
import { wordsIn } from "@/i18n/words";
import { BodyTooLarge } from "./body";
import { storeUpload } from "./upload-file";

export type ImportUploadState =
  { ok: true; intent: "dry-run" | "commit"; report: ImportReport } | { ok: false; message: string };

/** Users with an upload in flight (streaming or being checked): a second one is refused before it is read. */
const uploading = new Set<string>();

const answer = (status: number, state: ImportUploadState) =>
  Response.json(state, { status, headers: { "Cache-Control": "no-store" } });

export async function importUpload(request: Request): Promise<Response> {
  const refusal = originRefusal(request.headers.get("origin"), request.headers.get("host"));
  if (refusal) return answer(403, { ok: false, message: refusal });
  const url = new URL(request.url);
  const intent = url.searchParams.get("intent") === "commit" ? "commit" : "dry-run";
  const choice = url.searchParams.get("numbers");
  const numbers = choice === "vi" || choice === "en" ? choice : "auto";
  const name = (url.searchParams.get("name") ?? "").slice(0, 200);
  // Loading history as received (issue 23, item 6): a province or administrator only (assertMayImport).
  const markReceived = url.searchParams.get("mark_received") === "1";
  let status = 200;
  const refuse = (code: number, message: string): ImportUploadState => {
    status = code;
    return { ok: false, message };
  };
  // The upload's own refusals, in the viewer's language (the catalogue's `dataErrors`).
  const words = wordsIn(await viewerLocale());
  const state = await withViewer<ImportUploadState>(
    "importUpload",
    (f) =>
      refuse(
        FAILURE_STATUS[f.code],
        f.code === "UNEXPECTED" || f.code === "UNAVAILABLE" || f.code === "DISK_FULL"
          ? words("dataErrors.import.failedNothingWritten", { failure: f.message, mb: limitMb(ADMIN_IMPORT_LIMITS) })
          : f.message,
      ),
    async (viewer) => {
      assertMayImport(viewer, { markReceived });
      // The viewer's own limits (an administrator may send a national file of up to 100 MB).
      const limits = importLimits(viewer.role);
      const declared = Number(request.headers.get("content-length") ?? NaN);
      if (declared > limits.bytes) return refuse(413, importRefusalText(words, tooLargeWording(declared, limits)));
      if (uploading.has(viewer.id)) return refuse(429, words("dataErrors.workers.userBusy"));
      uploading.add(viewer.id);
      // The page polls GET /import/progress while this runs.
      const onProgress = progressNoter(viewer.id);
      onProgress({ step: "reading", done: 0, total: null });
      try {
        let stored;
        try {
          stored = await storeUpload(request.body, limits.bytes);
        } catch (error) {
          if (error instanceof BodyTooLarge)
            return refuse(413, importRefusalText(words, tooLargeWording(null, limits)));
          throw error;
        }
        try {
          if (stored.size === 0) return refuse(400, importRefusalText(words, importWording("noFile")));
          const file = { name: name || "tep-nhap", stored, numbers, markReceived, onProgress } as const;
          const report = intent === "commit" ? await commit(viewer, file) : await dryRun(viewer, file);
          if (report.committed) revalidatePath("/", "layout");
          // The file's and the cells' refusals in the viewer's language (the rules and figures the report carries).
          return { ok: true, intent, report: importReportIn(report, await viewerLocale()) };
        } finally {
          await stored.remove();
        }
      } finally {
        uploading.delete(viewer.id);
        endImportProgress(viewer.id);
      }
    },
  );
  return answer(status, state);
}
