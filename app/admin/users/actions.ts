"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import type { CodeState } from "@/components/account-code-form";
import { withViewer } from "@/lib/auth/action";
import { type IssuedCode, createAccount, resetAccount, unlockAccount, updateAccount } from "@/lib/data/accounts";
import { resetSecondFactor } from "@/lib/data/two-factor";
import { setUserDisabled, setUserEmail } from "@/lib/data/users";
import { parseRole } from "@/lib/domain/accounts";
import { formatDateTimeVi } from "@/lib/domain/format";
import { ROLE_LABEL_VI } from "@/lib/domain/permissions";

const field = (f: FormData, name: string, max = 200) => String(f.get(name) ?? "").slice(0, max);
const failed = (e: { message: string }): ActionState => ({ ok: false, message: e.message });
const failedCode = (e: { message: string }): CodeState => ({ ok: false, message: e.message });

function slipOf(issued: IssuedCode): CodeState["slip"] {
  return {
    name: issued.name, username: issued.username, role: ROLE_LABEL_VI[issued.role], communeName: issued.communeName,
    code: issued.activationCode, expires: formatDateTimeVi(issued.expiresAt),
  };
}

export async function setUserDisabledAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>("setUserDisabledAction", failed, async (viewer) => {
    const disabled = f.get("disabled") === "1";
    const r = await setUserDisabled(viewer, { userId: field(f, "userId"), disabled, reason: field(f, "reason", 3000) || null });
    revalidatePath("/admin/users");
    return { ok: true, message: disabled ? `Đã khoá tài khoản, kết thúc ${r.sessionsEnded} phiên đăng nhập.` : "Đã mở khoá tài khoản." };
  });
}

export async function setUserEmailAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>("setUserEmailAction", failed, async (viewer) => {
    // Bounded before anything else: the data layer refuses more than 254 characters with a message.
    const r = await setUserEmail(viewer, { userId: field(f, "userId"), email: field(f, "email", 1000) });
    revalidatePath("/admin/users");
    return { ok: true, message: r.changed ? "Đã lưu địa chỉ e-mail." : "Địa chỉ e-mail không thay đổi." };
  });
}

/** "Tạo tài khoản": the account and its activation code, shown once on a slip. */
export async function createAccountAction(_s: CodeState, f: FormData): Promise<CodeState> {
  return withViewer<CodeState>("createAccountAction", failedCode, async (viewer) => {
    const role = parseRole(field(f, "role"));
    if (!role) return { ok: false, message: "Vui lòng chọn vai trò." };
    const issued = await createAccount(viewer, {
      username: field(f, "username", 100), name: field(f, "name", 1000), role, communeCode: field(f, "commune") || null, email: field(f, "email", 1000) || null,
    });
    revalidatePath("/admin/users");
    return { ok: true, message: `Đã tạo tài khoản ${issued.username}. Mã kích hoạt chỉ hiện một lần: in hoặc chép phiếu dưới đây ngay.`, slip: slipOf(issued) };
  });
}

/** "Cấp lại mã": a new activation code; the old password, sessions and tokens end. */
export async function resetAccountAction(_s: CodeState, f: FormData): Promise<CodeState> {
  return withViewer<CodeState>("resetAccountAction", failedCode, async (viewer) => {
    const issued = await resetAccount(viewer, field(f, "userId"));
    revalidatePath("/admin/users");
    return { ok: true, message: `Đã cấp lại mã kích hoạt cho ${issued.username}; mật khẩu cũ và mọi phiên đăng nhập đã hết hiệu lực.`, slip: slipOf(issued) };
  });
}

export async function updateAccountAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>("updateAccountAction", failed, async (viewer) => {
    const role = parseRole(field(f, "role"));
    if (!role) return { ok: false, message: "Vui lòng chọn vai trò." };
    const r = await updateAccount(viewer, { userId: field(f, "userId"), role, communeCode: field(f, "commune") || null });
    revalidatePath("/admin/users");
    return { ok: true, message: r.changed ? "Đã đổi; mọi phiên đăng nhập của tài khoản đã kết thúc." : "Không có thay đổi." };
  });
}

export async function unlockAccountAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>("unlockAccountAction", failed, async (viewer) => {
    await unlockAccount(viewer, field(f, "userId"));
    revalidatePath("/admin/users");
    return { ok: true, message: "Đã gỡ tạm khoá đăng nhập." };
  });
}

export async function resetSecondFactorAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withViewer<ActionState>("resetSecondFactorAction", failed, async (viewer) => {
    const r = await resetSecondFactor(viewer, field(f, "userId"));
    revalidatePath("/admin/users");
    return { ok: true, message: r.changed ? "Đã đặt lại xác thực hai lớp; người dùng cần bật lại khi đăng nhập." : "Tài khoản chưa bật xác thực hai lớp." };
  });
}
