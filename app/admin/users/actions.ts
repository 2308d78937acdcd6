"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import { getViewer } from "@/lib/auth/viewer";
import { DataError } from "@/lib/data/errors";
import { withViewer } from "@/lib/auth/action";
import { setUserDisabled, setUserEmail } from "@/lib/data/users";

export async function setUserDisabledAction(_s: ActionState, f: FormData): Promise<ActionState> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, message: "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại." };
  const disabled = f.get("disabled") === "1";
  try {
    const r = await setUserDisabled(viewer, { userId: String(f.get("userId") ?? ""), disabled, reason: String(f.get("reason") ?? "") || null });
    revalidatePath("/admin/users");
    return { ok: true, message: disabled ? `Đã khoá tài khoản, kết thúc ${r.sessionsEnded} phiên đăng nhập.` : "Đã mở khoá tài khoản." };
  } catch (error) {
    if (error instanceof DataError) return { ok: false, message: error.message };
    console.error("setUserDisabledAction", error);
    return { ok: false, message: "Có lỗi ngoài dự kiến. Vui lòng thử lại." };
  }
}

export async function setUserEmailAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>("setUserEmailAction", (e) => ({ ok: false, message: e.message }), async (viewer) => {
    // Bounded before anything else: the data layer refuses more than 254 characters with a message.
    const email = String(f.get("email") ?? "").slice(0, 1000);
    const r = await setUserEmail(viewer, { userId: String(f.get("userId") ?? "").slice(0, 200), email });
    revalidatePath("/admin/users");
    return { ok: true, message: r.changed ? "Đã lưu địa chỉ e-mail." : "Địa chỉ e-mail không thay đổi." };
  });
}
