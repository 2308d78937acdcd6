import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/action-form";
import { AccountCodeForm } from "@/components/account-code-form";
import { StaffListForm } from "@/components/staff-list-form";
import { appBaseURL } from "@/lib/auth/origins";
import { requireViewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { accountHealth } from "@/lib/domain/account-health";
import { ROLES } from "@/lib/domain/accounts";
import { formatDateTimeVi } from "@/lib/domain/format";
import { ROLE_LABEL_VI, canManageUsers } from "@/lib/domain/permissions";
import { listCommunes } from "@/lib/data/org-units";
import { secondFactorRoles } from "@/lib/data/two-factor";
import { listUsers } from "@/lib/data/users";
import { PROVINCE } from "@/lib/web/page-context";
import {
  createAccountAction,
  resetAccountAction,
  resetSecondFactorAction,
  setUserDisabledAction,
  staffListAction,
  setUserEmailAction,
  unlockAccountAction,
  updateAccountAction,
} from "./actions";

export const metadata: Metadata = { title: "Người dùng" };

const input = "rounded border border-slate-400 px-2 py-1";

function CommuneSelect({
  communes,
  value,
  id,
  label,
}: {
  communes: { code: string; fullName: string }[];
  value?: string | null;
  id?: string;
  label: string;
}) {
  return (
    <select id={id} name="commune" defaultValue={value ?? ""} aria-label={id ? undefined : label} className={input}>
      <option value="">— không gắn xã, phường —</option>
      {communes.map((c) => (
        <option key={c.code} value={c.code}>
          {c.fullName} ({c.code})
        </option>
      ))}
    </select>
  );
}

function RoleSelect({ value, id, label }: { value?: string; id?: string; label: string }) {
  return (
    <select id={id} name="role" defaultValue={value ?? "COMMUNE"} aria-label={id ? undefined : label} className={input}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABEL_VI[r]}
        </option>
      ))}
    </select>
  );
}

export default async function UsersPage() {
  await connection();
  const viewer = await requireViewer();
  if (!canManageUsers(viewer)) return <p>Chỉ quản trị hệ thống quản lý tài khoản người dùng.</p>;
  const [users, communes] = await Promise.all([listUsers(viewer), listCommunes(PROVINCE)]);
  const address = appBaseURL().replace(/\/+$/, "");
  const health = accountHealth(users, communes, now(), await secondFactorRoles());
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Người dùng</h1>
      <p className="text-slate-700">
        Tài khoản mới và tài khoản được cấp lại nhận một mã kích hoạt dùng một lần (hết hạn sau 72 giờ): người dùng đăng
        nhập bằng mã đó rồi tự chọn mật khẩu. Quản trị viên không bao giờ đặt hay xem mật khẩu của người khác. Khoá tài
        khoản, đổi vai trò, đổi xã hoặc cấp lại mã sẽ kết thúc ngay mọi phiên đăng nhập và mã truy cập API của tài khoản
        đó.
      </p>

      <section aria-labelledby="create" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="create" className="text-lg font-semibold">
          Tạo tài khoản
        </h2>
        <AccountCodeForm
          action={createAccountAction}
          address={address}
          className="grid gap-3 sm:grid-cols-2"
          testId="create-account-form"
        >
          <div>
            <label htmlFor="new-name" className="block text-sm font-medium">
              Họ và tên
            </label>
            <input id="new-name" name="name" required maxLength={120} className={`${input} w-full`} />
          </div>
          <div>
            <label htmlFor="new-username" className="block text-sm font-medium">
              Tên đăng nhập (để trống: tự đặt, ví dụ xa-03637)
            </label>
            <input
              id="new-username"
              name="username"
              maxLength={40}
              autoCapitalize="none"
              pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{2,39}"
              className={`${input} w-full`}
            />
          </div>
          <div>
            <label htmlFor="new-role" className="block text-sm font-medium">
              Vai trò
            </label>
            <RoleSelect id="new-role" label="Vai trò" />
          </div>
          <div>
            <label htmlFor="new-commune" className="block text-sm font-medium">
              Xã, phường (tài khoản cấp xã)
            </label>
            <CommuneSelect id="new-commune" communes={communes} label="Xã, phường" />
          </div>
          <div>
            <label htmlFor="new-email" className="block text-sm font-medium">
              E-mail nhận thông báo (không bắt buộc)
            </label>
            <input id="new-email" name="email" type="email" maxLength={254} className={`${input} w-full`} />
          </div>
          <div className="flex items-end">
            <button type="submit" className="rounded bg-brand-800 px-4 py-2 font-medium text-white">
              Tạo tài khoản
            </button>
          </div>
        </AccountCodeForm>
      </section>

      <section aria-labelledby="staff-list" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="staff-list" className="text-lg font-semibold">
          Tạo tài khoản cho cả tỉnh từ danh sách cán bộ
        </h2>
        <p className="text-sm text-slate-700">
          Một dòng một người: Họ và tên, Tên đăng nhập (để trống: tự đặt), Vai trò, Xã, phường (mã hoặc tên), E-mail
          (không bắt buộc). Danh sách không bao giờ chứa mật khẩu. Tải lên cùng danh sách lần nữa không thay đổi gì;
          dòng có tên đăng nhập đã có sẽ cập nhật tài khoản đó.{" "}
          <a href="/admin/users/template.csv" className="underline">
            Tải mẫu danh sách (38 xã, phường)
          </a>
        </p>
        <StaffListForm action={staffListAction} address={address} />
      </section>

      <section aria-labelledby="health" className="space-y-2">
        <h2 id="health" className="text-lg font-semibold">
          Tình trạng tài khoản
        </h2>
        <ul className="list-disc space-y-1 pl-6 text-sm" data-testid="account-health">
          {health.map((h) => (
            <li key={h.key}>
              <span className="font-medium">
                {h.label}: {h.items.length}
              </span>
              {h.items.length > 0 && (
                <span className="text-slate-700">
                  {" "}
                  — {h.items.slice(0, 12).join(", ")}
                  {h.items.length > 12 ? ", …" : ""}
                </span>
              )}
              {h.items.length > 0 && (
                <>
                  {" "}
                  (
                  <a href={`/admin/users/health.csv?list=${h.key}`} className="underline">
                    tải danh sách
                  </a>
                  )
                </>
              )}
            </li>
          ))}
        </ul>
      </section>

      <div className="overflow-x-auto">
        <table className="w-full min-w-[72rem] border-collapse bg-white text-sm">
          <caption className="sr-only">Danh sách tài khoản</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="p-2">Tên đăng nhập</th>
              <th className="p-2">Tên</th>
              <th className="p-2">Vai trò, xã, phường</th>
              <th className="p-2">E-mail nhận thông báo</th>
              <th className="p-2">Trạng thái</th>
              <th className="p-2">Đăng nhập gần nhất</th>
              <th className="p-2">
                <span className="sr-only">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100 align-top" data-testid={`user-${u.username}`}>
                <td className="p-2 font-mono">{u.username}</td>
                <td className="p-2">{u.name}</td>
                <td className="p-2">
                  <ActionForm action={updateAccountAction} className="flex flex-col gap-1">
                    <input type="hidden" name="userId" value={u.id} />
                    <RoleSelect value={u.role} label={`Vai trò của ${u.username}`} />
                    <CommuneSelect communes={communes} value={u.communeCode} label={`Xã, phường của ${u.username}`} />
                    <button
                      type="submit"
                      className="self-start rounded border border-slate-400 px-2 py-1 hover:bg-slate-50"
                    >
                      Đổi
                    </button>
                  </ActionForm>
                </td>
                <td className="p-2">
                  <ActionForm action={setUserEmailAction} className="flex flex-wrap items-center gap-1">
                    <input type="hidden" name="userId" value={u.id} />
                    <input
                      type="email"
                      name="email"
                      required
                      maxLength={254}
                      defaultValue={u.email ?? ""}
                      placeholder="chưa có"
                      aria-label={`E-mail của ${u.username ?? u.name}`}
                      className="w-52 rounded border border-slate-400 px-2 py-1"
                    />
                    <button type="submit" className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-50">
                      Lưu
                    </button>
                  </ActionForm>
                </td>
                <td className="p-2">
                  {u.disabled ? (
                    <span className="text-red-800">Đã khoá</span>
                  ) : u.activation ? (
                    <span>
                      Chờ kích hoạt
                      {u.activation.used
                        ? " (đã dùng mã, chưa chọn mật khẩu)"
                        : u.activation.expiresAt && u.activation.expiresAt <= now()
                          ? " (mã đã hết hạn)"
                          : u.activation.expiresAt
                            ? ` (mã hết hạn ${formatDateTimeVi(u.activation.expiresAt)})`
                            : ""}
                    </span>
                  ) : (
                    `Hoạt động (${u.activeSessions} phiên)`
                  )}
                  {u.failedSignIns > 0 && (
                    <div className="text-amber-900">{u.failedSignIns} lần đăng nhập sai gần đây</div>
                  )}
                </td>
                <td className="p-2">
                  {u.lastSignInAt ? formatDateTimeVi(u.lastSignInAt) : "Chưa"}
                  {u.twoFactor && <div className="text-xs">Có xác thực hai lớp</div>}
                </td>
                <td className="space-y-1 p-2">
                  {u.id !== viewer.id && (
                    <ActionForm action={setUserDisabledAction}>
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="disabled" value={u.disabled ? "0" : "1"} />
                      <button
                        type="submit"
                        className={`rounded px-2 py-1 text-white ${u.disabled ? "bg-sky-800" : "bg-red-700"}`}
                      >
                        {u.disabled ? "Mở khoá" : "Khoá"}
                      </button>
                    </ActionForm>
                  )}
                  {u.id !== viewer.id && (
                    <AccountCodeForm action={resetAccountAction} address={address}>
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-50">
                        Cấp lại mã kích hoạt
                      </button>
                    </AccountCodeForm>
                  )}
                  {u.twoFactor && u.id !== viewer.id && (
                    <ActionForm action={resetSecondFactorAction}>
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-50">
                        Đặt lại xác thực hai lớp
                      </button>
                    </ActionForm>
                  )}
                  {u.failedSignIns > 0 && (
                    <ActionForm action={unlockAccountAction}>
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-50">
                        Cho đăng nhập lại
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
