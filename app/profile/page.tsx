import type { Metadata } from "next";
import { connection } from "next/server";
import { TokenForm } from "@/components/token-form";
import { requireViewer } from "@/lib/auth/viewer";
import { ROLE_LABEL_VI } from "@/lib/domain/permissions";
import { formatDateTimeVi } from "@/lib/domain/format";
import { listApiTokens } from "@/lib/data/api-tokens";
import { ActionForm } from "@/components/action-form";
import { CurrentPasswordField, NewPasswordFields } from "@/components/new-password-fields";
import { TwoFactorDisable, TwoFactorEnrol } from "@/components/two-factor-form";
import { secondFactorRoles } from "@/lib/data/two-factor";
import { changePasswordAction, revokeTokenAction } from "./actions";
import { confirmSecondFactorAction, disableSecondFactorAction, startSecondFactorAction } from "./two-factor-actions";

export const metadata: Metadata = { title: "Tài khoản" };

export default async function ProfilePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const viewer = await requireViewer({ enrolling: true });
  const required = (await secondFactorRoles()).includes(viewer.role);
  const mustEnrol = required && !viewer.twoFactorEnabled;
  void searchParams;
  const tokens = await listApiTokens(viewer);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Tài khoản</h1>
      <dl className="grid max-w-md grid-cols-2 gap-2 text-sm">
        <dt className="font-medium">Tên đăng nhập</dt>
        <dd>{viewer.username}</dd>
        <dt className="font-medium">Vai trò</dt>
        <dd>{ROLE_LABEL_VI[viewer.role]}</dd>
      </dl>
      <section aria-labelledby="two-factor" className="max-w-md space-y-3">
        <h2 id="two-factor" className="text-lg font-semibold">
          Xác thực hai lớp
        </h2>
        {mustEnrol && (
          <p role="alert" className="rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950">
            Vai trò {ROLE_LABEL_VI[viewer.role]} bắt buộc dùng xác thực hai lớp: hãy bật ngay để dùng các trang khác.
          </p>
        )}
        {viewer.twoFactorEnabled ? (
          <>
            <p className="text-sm" data-testid="two-factor-on">
              Đang bật: mỗi lần đăng nhập cần thêm mã 6 chữ số từ ứng dụng xác thực (hoặc một mã khôi phục).
            </p>
            {!required && <TwoFactorDisable action={disableSecondFactorAction} />}
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Khi bật, đăng nhập cần thêm mã 6 chữ số từ một ứng dụng xác thực trên điện thoại: người biết mật khẩu của
              bạn vẫn không đăng nhập được.
            </p>
            <TwoFactorEnrol start={startSecondFactorAction} confirm={confirmSecondFactorAction} />
          </>
        )}
      </section>
      <section aria-labelledby="password" className="max-w-md space-y-3">
        <h2 id="password" className="text-lg font-semibold">
          Đổi mật khẩu
        </h2>
        <ActionForm action={changePasswordAction} className="space-y-3" testId="password-form">
          <CurrentPasswordField id="current-password" name="current" />
          <NewPasswordFields />
          <p className="text-xs text-slate-700">
            Đổi mật khẩu sẽ kết thúc mọi phiên đăng nhập khác của tài khoản và thu hồi các mã truy cập API.
          </p>
          <button type="submit" className="rounded bg-brand-800 px-4 py-2 font-medium text-white">
            Đổi mật khẩu
          </button>
        </ActionForm>
      </section>
      <section aria-labelledby="tokens" className="space-y-3">
        <h2 id="tokens" className="text-lg font-semibold">
          Mã truy cập API
        </h2>
        <p className="text-sm text-slate-700">
          Dùng cho <code>/api/v1/…</code> với tiêu đề <code>Authorization: Bearer &lt;mã&gt;</code>. Mã có quyền như tài
          khoản của bạn; chỉ lưu bản băm.
        </p>
        <TokenForm />
        <table className="min-w-full text-sm" data-testid="token-table">
          <thead className="text-left">
            <tr>
              <th scope="col">Tên</th>
              <th scope="col">Tạo lúc</th>
              <th scope="col">Dùng gần nhất</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">
                <span className="sr-only">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.length === 0 && (
              <tr>
                <td colSpan={5} className="py-2 text-slate-700">
                  Chưa có mã truy cập nào.
                </td>
              </tr>
            )}
            {tokens.map((t) => (
              <tr key={t.id} className="border-t border-slate-100">
                <td className="py-1">{t.name}</td>
                <td>{formatDateTimeVi(t.createdAt)}</td>
                <td>{t.lastUsedAt ? formatDateTimeVi(t.lastUsedAt) : "Chưa dùng"}</td>
                <td>{t.revokedAt ? "Đã thu hồi" : "Đang dùng"}</td>
                <td>
                  {!t.revokedAt && (
                    <form action={revokeTokenAction}>
                      <input type="hidden" name="id" value={t.id} />
                      <button type="submit" className="text-red-800 underline">
                        Thu hồi
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
