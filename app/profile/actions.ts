"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { cleanText } from "@/lib/domain/text";

export interface TokenState {
  token?: string;
  message?: string;
  error?: string;
}

const ZTokenName = z.string().transform(cleanText).pipe(z.string().min(1, "Vui lòng đặt tên cho mã truy cập").max(100, "Tên tối đa 100 ký tự"));

export async function createTokenAction(_prev: TokenState, form: FormData): Promise<TokenState> {
  const viewer = await getViewer();
  if (!viewer) return { error: "Phiên đăng nhập đã hết hạn." };
  const name = ZTokenName.safeParse(form.get("name"));
  if (!name.success) return { error: name.error.issues[0]!.message };
  const { token } = await createApiToken(viewer, name.data);
  revalidatePath("/profile");
  return { token, message: "Đã tạo mã truy cập. Hãy sao chép ngay: mã chỉ hiển thị một lần." };
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) return;
  await revokeApiToken(viewer, String(form.get("id") ?? ""));
  revalidatePath("/profile");
}
