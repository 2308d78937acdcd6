"use server";

/** Undo of an import batch from the history page (lib/data/import-batches.ts undoImportBatch checks role and "untouched"). */
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import { withViewer } from "@/lib/auth/action";
import { undoImportBatch } from "@/lib/data/import-batches";

export async function undoBatchAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>(
    "undoBatchAction",
    (failure) => ({ ok: false, message: failure.message }),
    async (viewer) => {
      const id = Number(String(f.get("batchId") ?? "").slice(0, 12));
      const r = await undoImportBatch(viewer, id);
      revalidatePath("/", "layout");
      return {
        ok: true,
        message: `Đã hoàn tác: ${r.values.toLocaleString("vi-VN")} giá trị, ${r.reports.toLocaleString("vi-VN")} báo cáo tháng trở lại như trước lần nhập.`,
      };
    },
  );
}
