"use server";

/** Marking one's own notices read (lib/data/notices scopes every update to the viewer's own rows). */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/action-form";
import { viewerWords, withInput } from "@/lib/auth/action";
import { MAX_INT4 } from "@/lib/domain/text";
import { NOTICE_ID_RULES } from "@/lib/domain/notices";
import { markNoticesRead } from "@/lib/data/notices";
import { formFlag, formObject, formText } from "@/lib/web/action-input";

const BAD_NOTICE = NOTICE_ID_RULES.badNotice.vi;
const ZNoticeId = z.coerce.number({ error: BAD_NOTICE }).int(BAD_NOTICE).min(1, BAD_NOTICE).max(MAX_INT4, BAD_NOTICE);

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
      const words = await viewerWords();
      const message = all
        ? words("actionResults.notices.allRead", { count: String(marked) })
        : words("actionResults.notices.read");
      return { ok: true, message };
    },
    { rules: { area: "notices", rules: NOTICE_ID_RULES } },
  );
}
