"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { ActionState } from "@/components/action-form";
import { auth } from "@/lib/auth/server";
import { DataError } from "@/lib/data/errors";
import { SetupClosed, setupFirstAdministrator } from "@/lib/data/setup";
import { normalizePassword } from "@/lib/domain/password-policy";

const field = (f: FormData, name: string, max: number) => String(f.get(name) ?? "").slice(0, max);

/** The first administrator: created with the token consumed in one transaction, then signed in. */
export async function setupAction(_s: ActionState, f: FormData): Promise<ActionState> {
  const input = {
    token: field(f, "token", 200),
    username: field(f, "username", 100),
    name: field(f, "name", 1000),
    password: field(f, "next", 1000),
    confirmation: field(f, "confirmation", 1000),
  };
  let created: { username: string };
  try {
    created = await setupFirstAdministrator(input);
  } catch (error) {
    if (error instanceof SetupClosed) notFound();
    if (error instanceof DataError) return { ok: false, message: error.message };
    console.error("setupAction", error);
    return { ok: false, message: "Có lỗi ngoài dự kiến, chưa tạo được tài khoản. Vui lòng thử lại." };
  }
  await auth().api.signInUsername({
    body: { username: created.username, password: normalizePassword(input.password) },
    headers: await headers(),
  });
  redirect("/admin/users?welcome=1");
}
