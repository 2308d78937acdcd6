"use server";

/** Marking one's own notices read (lib/data/notices scopes every update to the viewer's own rows). */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/action-form";
import { withViewer } from "@/lib/auth/action";
import { MAX_INT4 } from "@/lib/domain/text";
import { markNoticesRead } from "@/lib/data/notices";

const ZNoticeId = z.coerce
  .number({ error: "Thông báo không hợp lệ." })
  .int("Thông báo không hợp lệ.")
  .min(1, "Thông báo không hợp lệ.")
  .max(MAX_INT4, "Thông báo không hợp lệ.");

export async function markNoticeReadAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>(
    "markNoticeReadAction",
    (e) => ({ ok: false, message: e.message }),
    async (viewer) => {
      const all = f.get("all") === "1";
      let input: { all: true } | { ids: number[] } = { all: true };
      if (!all) {
        const id = ZNoticeId.safeParse(String(f.get("id") ?? "").slice(0, 20));
        if (!id.success) return { ok: false, message: id.error.issues[0]!.message };
        input = { ids: [id.data] };
      }
      const { marked } = await markNoticesRead(viewer, input);
      // Every page's header shows the count: its layout renders again.
      revalidatePath("/", "layout");
      return { ok: true, message: all ? `Đã đánh dấu ${marked} thông báo là đã đọc.` : "Đã đánh dấu là đã đọc." };
    },
  );
}
