import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { NewPasswordFields } from "@/components/new-password-fields";
import { getViewer } from "@/lib/auth/viewer";
import { activateAction } from "./actions";

export const metadata: Metadata = { title: "Kích hoạt tài khoản" };

/** The only page an account signed in with its activation code reaches: it chooses its password here. */
export default async function ActivatePage() {
  await connection();
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!viewer.mustChangePassword) redirect("/home");
  return (
    <div className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-bold">Kích hoạt tài khoản</h1>
      <p className="mb-4 text-sm text-slate-700">
        Xin chào {viewer.name} ({viewer.username}). Mã kích hoạt chỉ dùng một lần: hãy chọn mật khẩu của riêng bạn để
        tiếp tục. Quản trị viên không biết và không xem được mật khẩu này.
      </p>
      <ActionForm action={activateAction} className="space-y-4" testId="activate-form">
        <NewPasswordFields />
        <button type="submit" className="w-full rounded bg-brand-800 px-4 py-2 font-medium text-white">
          Lưu mật khẩu và tiếp tục
        </button>
      </ActionForm>
    </div>
  );
}
