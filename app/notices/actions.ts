"use server";

/** Marking one's own notices read (lib/data/notices scopes every update to the viewer's own rows). */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/action-form";
import { withInput } from "@/lib/auth/action";
import { MAX_INT4 } from "@/lib/domain/text";
import { markNoticesRead } from "@/lib/data/notices";
import { formFlag, formObject, formText } from "@/lib/web/action-input";

const ZNoticeId = z.coerce
  .number({ error: "Thông báo không hợp lệ." })
  .int("Thông báo không hợp lệ.")
  .min(1, "Thông báo không hợp lệ.")
  .max(MAX_INT4, "Thông báo không hợp lệ.");

/** Every notice of the viewer ("all" = "1"), or the one whose id the form names. */
const ZMarkRead = z
  .object({ all: formFlag, id: formText(20) })
  .transform((form, ctx): { all: true } | { ids: number[] } => {
    if (form.all) return { all: true };
    const id = ZNoticeId.safeParse(form.id);
    if (id.success) return { ids: [id.data] };
    ctx.addIssue({ code: "custom", message: id.error.issues[0]!.message });
    return z.NEVER;
  });

export async function markNoticeReadAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput<ActionState, typeof ZMarkRead>(
    "markNoticeReadAction",
    ZMarkRead,
    formObject(f),
    (e) => ({ ok: false, message: e.message }),
    async (viewer, input) => {
      const all = "all" in input;
      const { marked } = await markNoticesRead(viewer, input);
      // Every page's header shows the count: its layout renders again.
      revalidatePath("/", "layout");
      return { ok: true, message: all ? `Đã đánh dấu ${marked} thông báo là đã đọc.` : "Đã đánh dấu là đã đọc." };
    },
  );
}
