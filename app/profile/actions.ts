"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/action-form";
import { withViewer } from "@/lib/auth/action";
import { changeOwnPassword } from "@/lib/data/accounts";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { cleanText } from "@/lib/domain/text";

export interface TokenState {
  token?: string;
  message?: string;
  error?: string;
}

const ZTokenName = z
  .string()
  .transform(cleanText)
  .pipe(z.string().min(1, "Vui lòng đặt tên cho mã truy cập").max(100, "Tên tối đa 100 ký tự"));

export async function createTokenAction(_prev: TokenState, form: FormData): Promise<TokenState> {
  return withViewer<TokenState>(
    "createTokenAction",
    (e) => ({ error: e.message }),
    async (viewer) => {
      const name = ZTokenName.safeParse(form.get("name"));
      if (!name.success) return { error: name.error.issues[0]!.message };
      const { token } = await createApiToken(viewer, name.data);
      revalidatePath("/profile");
      return { token, message: "Đã tạo mã truy cập. Hãy sao chép ngay: mã chỉ hiển thị một lần." };
    },
  );
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  return withViewer<void>(
    "revokeTokenAction",
    () => undefined,
    async (viewer) => {
      await revokeApiToken(viewer, String(form.get("id") ?? "").slice(0, 100));
      revalidatePath("/profile");
    },
  );
}

/** "Đổi mật khẩu": the current password, the new one twice; every other session of the account ends. */
export async function changePasswordAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>(
    "changePasswordAction",
    (e) => ({ ok: false, message: e.message }),
    async (viewer) => {
      const r = await changeOwnPassword(viewer, {
        current: String(f.get("current") ?? "").slice(0, 1000),
        next: String(f.get("next") ?? "").slice(0, 1000),
        confirmation: String(f.get("confirmation") ?? "").slice(0, 1000),
        sessionId: viewer.sessionId ?? "",
      });
      return {
        ok: true,
        message: `Đã đổi mật khẩu.${r.sessionsEnded ? ` ${r.sessionsEnded} phiên đăng nhập khác đã kết thúc.` : ""}`,
      };
    },
    { enrolling: true },
  );
}
