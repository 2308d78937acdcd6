"use server";

/**
 * Upload of a CSV for the import page: a dry run, or the commit. The file travels with each request and the commit
 * checks it again from scratch in lib/data/import (the dry run shown in the browser is never trusted).
 */
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/viewer";
import { MAX_IMPORT_MB } from "@/lib/domain/import/read-csv";
import { DataError } from "@/lib/data/errors";
import { type ImportReport, commit, dryRun } from "@/lib/data/import";

export type ImportActionState =
  | { ok: true; intent: "dry-run" | "commit"; report: ImportReport }
  | { ok: false; message: string };

export async function importFile(formData: FormData): Promise<ImportActionState> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, message: "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại." };
  const upload = formData.get("file");
  if (!(upload instanceof File) || upload.size === 0 && upload.name === "") {
    return { ok: false, message: "Vui lòng chọn tệp CSV cần nhập." };
  }
  const intent = formData.get("intent") === "commit" ? "commit" : "dry-run";
  try {
    const file = { name: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) };
    const report = intent === "commit" ? await commit(viewer, file) : await dryRun(viewer, file);
    if (report.committed) revalidatePath("/", "layout");
    return { ok: true, intent, report };
  } catch (error) {
    if (error instanceof DataError) return { ok: false, message: error.message };
    console.error("importFile", error);
    return { ok: false, message: `Không nhập được tệp do lỗi hệ thống. Chưa có số liệu nào được ghi. (Tệp tối đa ${MAX_IMPORT_MB} MB.)` };
  }
}
