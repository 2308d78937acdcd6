"use server";

/**
 * Upload of a CSV for the import page: a dry run, or the commit. The file travels with each request and the commit
 * checks it again from scratch in lib/data/import (the dry run shown in the browser is never trusted).
 */
import { revalidatePath } from "next/cache";
import { withViewer } from "@/lib/auth/action";
import { MAX_IMPORT_MB } from "@/lib/domain/import/read-csv";
import { type ImportReport, commit, dryRun } from "@/lib/data/import";

export type ImportActionState =
  { ok: true; intent: "dry-run" | "commit"; report: ImportReport } | { ok: false; message: string };

export async function importFile(formData: FormData): Promise<ImportActionState> {
  const upload = formData.get("file");
  if (!(upload instanceof File) || (upload.size === 0 && upload.name === "")) {
    return { ok: false, message: "Vui lòng chọn tệp CSV hoặc Excel (.xlsx) cần nhập." };
  }
  const intent = formData.get("intent") === "commit" ? "commit" : "dry-run";
  return withViewer<ImportActionState>(
    "importFile",
    (f) => ({
      ok: false,
      message:
        f.code === "UNEXPECTED" || f.code === "UNAVAILABLE" || f.code === "DISK_FULL"
          ? `${f.message} Chưa có số liệu nào được ghi. (Tệp tối đa ${MAX_IMPORT_MB} MB.)`
          : f.message,
    }),
    async (viewer) => {
      const choice = formData.get("numbers");
      const numbers = choice === "vi" || choice === "en" ? choice : "auto";
      // The upload's own buffer, handed over to the worker that checks it (no copy).
      const file = {
        name: upload.name,
        bytes: new Uint8Array(await upload.arrayBuffer()),
        numbers,
        handOver: true,
        markReceived: formData.get("mark_received") === "1",
      } as const;
      const report = intent === "commit" ? await commit(viewer, file) : await dryRun(viewer, file);
      if (report.committed) revalidatePath("/", "layout");
      return { ok: true, intent, report };
    },
  );
}
