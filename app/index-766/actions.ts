"use server";

/** Saving the 766 components entered from the national portal: the form's schema again, then lib/data (which checks the role). */
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import { getViewer } from "@/lib/auth/viewer";
import { DataError } from "@/lib/data/errors";
import { saveIndex766Entries } from "@/lib/data/index766-entries";
import { ENTERED_COMPONENTS, ZIndex766Entries } from "@/lib/domain/index766";
import { PROVINCE } from "@/lib/web/page-context";

export async function saveIndex766Action(_state: ActionState, form: FormData): Promise<ActionState> {
  const viewer = await getViewer();
  if (!viewer || viewer.mustChangePassword) return { ok: false, message: "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại." };
  const parsed = ZIndex766Entries.safeParse(Object.fromEntries(ENTERED_COMPONENTS.map((c) => [c.key, String(form.get(c.key) ?? "")])));
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
  try {
    const changed = await saveIndex766Entries(viewer, { provinceCode: PROVINCE, period: String(form.get("period") ?? ""), values: parsed.data });
    revalidatePath("/index-766");
    return { ok: true, message: changed ? `Đã lưu ${changed} thay đổi.` : "Không có thay đổi nào." };
  } catch (error) {
    if (error instanceof DataError) return { ok: false, message: error.message };
    console.error("index766 action", error);
    return { ok: false, message: "Có lỗi ngoài dự kiến. Vui lòng thử lại." };
  }
}
