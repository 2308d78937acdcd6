import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { requireViewer } from "@/lib/auth/viewer";
import { ROLE_LABEL_VI, canManageUsers } from "@/lib/domain/permissions";
import { listUsers } from "@/lib/data/users";
import { setUserDisabledAction, setUserEmailAction } from "./actions";

export const metadata: Metadata = { title: "Người dùng" };

export default async function UsersPage() {
  await connection();
  const viewer = await requireViewer();
  if (!canManageUsers(viewer)) return <p>Chỉ quản trị hệ thống quản lý tài khoản người dùng.</p>;
  const users = await listUsers(viewer);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Người dùng</h1>
      <p className="text-slate-700">Khoá một tài khoản sẽ kết thúc ngay mọi phiên đăng nhập của tài khoản đó.</p>
      <p className="text-slate-700">
        Khi máy chủ thư được cấu hình (SMTP_URL), thông báo trả lại, duyệt và nộp báo cáo cũng được gửi tới e-mail của tài khoản.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[52rem] border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="p-2">Tên đăng nhập</th><th className="p-2">Tên</th><th className="p-2">Vai trò</th>
              <th className="p-2">Xã, phường</th><th className="p-2">E-mail nhận thông báo</th><th className="p-2">Trạng thái</th>
              <th className="p-2"></th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100" data-testid={`user-${u.username}`}>
                <td className="p-2 font-mono">{u.username}</td>
                <td className="p-2">{u.name}</td>
                <td className="p-2">{ROLE_LABEL_VI[u.role]}</td>
                <td className="p-2">{u.commune ?? "—"}</td>
                <td className="p-2">
                  <ActionForm action={setUserEmailAction} className="flex flex-wrap items-center gap-1">
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="email" name="email" required maxLength={254} defaultValue={u.email ?? ""} placeholder="chưa có"
                      aria-label={`E-mail của ${u.username ?? u.name}`} className="w-52 rounded border border-slate-400 px-2 py-1" />
                    <button type="submit" className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-50">Lưu</button>
                  </ActionForm>
                </td>
                <td className="p-2">{u.disabled ? <span className="text-red-800">Đã khoá</span> : `Hoạt động (${u.activeSessions} phiên)`}</td>
                <td className="p-2">
                  {u.id !== viewer.id && (
                    <ActionForm action={setUserDisabledAction}>
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="disabled" value={u.disabled ? "0" : "1"} />
                      <button type="submit" className={`rounded px-2 py-1 text-white ${u.disabled ? "bg-sky-800" : "bg-red-700"}`}>
                        {u.disabled ? "Mở khoá" : "Khoá"}
                      </button>
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
