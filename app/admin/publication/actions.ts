"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import { withViewer } from "@/lib/auth/action";
import { publishMonth, setPublicView, withdrawMonth } from "@/lib/data/publication";
import { formatPeriodVi } from "@/lib/domain/periods";

const field = (f: FormData, name: string, max = 200) => String(f.get(name) ?? "").slice(0, max);
const failed = (e: { message: string }): ActionState => ({ ok: false, message: e.message });

/** "Công bố" and "Khoá sổ và công bố": the month's approved figures become public. */
export async function publishMonthAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>("publishMonthAction", failed, async (viewer) => {
    const period = field(f, "period", 20);
    const lock = f.get("lock") === "1";
    await publishMonth(viewer, { period, lock, reason: field(f, "reason", 3000) || null });
    revalidatePath("/admin/publication");
    return { ok: true, message: `Đã ${lock ? "khoá sổ và " : ""}công bố số liệu ${formatPeriodVi(period)}.` };
  });
}

export async function withdrawMonthAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>("withdrawMonthAction", failed, async (viewer) => {
    const period = field(f, "period", 20);
    await withdrawMonth(viewer, { period, reason: field(f, "reason", 3000) || null });
    revalidatePath("/admin/publication");
    return { ok: true, message: `Đã rút công bố số liệu ${formatPeriodVi(period)}.` };
  });
}

export async function setPublicViewAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>("setPublicViewAction", failed, async (viewer) => {
    const enabled = f.get("enabled") === "1";
    const r = await setPublicView(viewer, { enabled });
    revalidatePath("/admin/publication");
    return {
      ok: true,
      message: !r.changed
        ? "Không thay đổi."
        : enabled
          ? "Đã bật trang công khai."
          : "Đã tắt trang công khai: mọi địa chỉ công khai trả về 404.",
    };
  });
}
