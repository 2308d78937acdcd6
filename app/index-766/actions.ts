"use server";

/** Saving the 766 components entered from the national portal: the form's schema again, then lib/data (which checks the role),
 * through withViewer (session, outage and unexpected errors answered as every action answers them). */
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import { withViewer } from "@/lib/auth/action";
import { saveIndex766Entries } from "@/lib/data/index766-entries";
import { ENTERED_COMPONENTS, ZIndex766Entries } from "@/lib/domain/index766";
import { PROVINCE } from "@/lib/web/page-context";

export async function saveIndex766Action(_state: ActionState, form: FormData): Promise<ActionState> {
  return withViewer<ActionState>(
    "saveIndex766Action",
    (e) => ({ ok: false, message: e.message }),
    async (viewer) => {
      const entered = Object.fromEntries(ENTERED_COMPONENTS.map((c) => [c.key, String(form.get(c.key) ?? "")]));
      const parsed = ZIndex766Entries.safeParse(entered);
      if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
      const period = String(form.get("period") ?? "").slice(0, 20);
      const changed = await saveIndex766Entries(viewer, { provinceCode: PROVINCE, period, values: parsed.data });
      revalidatePath("/index-766");
      return { ok: true, message: changed ? `Đã lưu ${changed} thay đổi.` : "Không có thay đổi nào." };
    },
  );
}
