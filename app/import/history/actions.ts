"use server";

/** Undo of an import batch from the history page (lib/data/import-batches.ts undoImportBatch checks role and "untouched"). */
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import { z } from "zod";
import { viewerWords, withInput } from "@/lib/auth/action";
import { undoImportBatch } from "@/lib/data/import-batches";
import { formNumber, formObject } from "@/lib/web/action-input";

const ZUndoBatch = z.object({ batchId: formNumber({ max: 12, absent: 0 }) });

export async function undoBatchAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput<ActionState, typeof ZUndoBatch>(
    "undoBatchAction",
    ZUndoBatch,
    formObject(f),
    (failure) => ({ ok: false, message: failure.message }),
    async (viewer, { batchId }) => {
      const r = await undoImportBatch(viewer, batchId);
      revalidatePath("/", "layout");
      const values = { values: r.values, reports: r.reports };
      return { ok: true, message: (await viewerWords())("actionResults.importHistory.undone", values) };
    },
  );
}
