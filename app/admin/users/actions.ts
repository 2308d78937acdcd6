"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/action-form";
import type { CodeState } from "@/components/account-code-form";
import { withInput } from "@/lib/auth/action";
import { type IssuedCode, createAccount, resetAccount, unlockAccount, updateAccount } from "@/lib/data/accounts";
import { type StaffPlan, commitStaffList, planStaffList, readStaffFile } from "@/lib/data/staff-list";
import { resetSecondFactor } from "@/lib/data/two-factor";
import { STAFF_LIST_MAX_BYTES } from "@/lib/domain/staff-list";
import { setUserDisabled, setUserEmail } from "@/lib/data/users";
import { parseRole } from "@/lib/domain/accounts";
import { formatDateTimeVi } from "@/lib/domain/format";
import { ROLE_LABEL_VI, type Role } from "@/lib/domain/permissions";
import { formFlag, formObject, formOptionalText, formText } from "@/lib/web/action-input";

const ZRole = formText()
  .transform(parseRole)
  .refine((role): role is Role => role !== null, "Vui lòng chọn vai trò.");
const ZUser = z.object({ userId: formText() });
const ZUserDisabled = ZUser.extend({ disabled: formFlag, reason: formOptionalText(3000) });
// The e-mail is bounded before anything else: the data layer refuses more than 254 characters with a message.
const ZUserEmail = ZUser.extend({ email: formText(1000) });
const ZCreateAccount = z.object({
  role: ZRole,
  username: formText(100),
  name: formText(1000),
  commune: formOptionalText(),
  email: formOptionalText(1000),
});
const ZUpdateAccount = ZUser.extend({ role: ZRole, commune: formOptionalText() });
const ZStaffList = z.object({
  file: z
    .custom<File>((v) => v instanceof File && v.size > 0, "Vui lòng chọn tệp danh sách (.xlsx hoặc .csv).")
    .refine((file) => file.size <= STAFF_LIST_MAX_BYTES, `Tệp quá lớn: tối đa ${STAFF_LIST_MAX_BYTES / 2 ** 20} MB.`),
  commit: z.preprocess((v) => v === "commit", z.boolean()),
});
const failed = (e: { message: string }): ActionState => ({ ok: false, message: e.message });
const failedCode = (e: { message: string }): CodeState => ({ ok: false, message: e.message });

function slipOf(issued: IssuedCode): CodeState["slip"] {
  return {
    name: issued.name,
    username: issued.username,
    role: ROLE_LABEL_VI[issued.role],
    communeName: issued.communeName,
    code: issued.activationCode,
    expires: formatDateTimeVi(issued.expiresAt),
  };
}

export async function setUserDisabledAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("setUserDisabledAction", ZUserDisabled, formObject(f), failed, async (viewer, input) => {
    const { disabled } = input;
    const r = await setUserDisabled(viewer, input);
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: disabled ? `Đã khoá tài khoản, kết thúc ${r.sessionsEnded} phiên đăng nhập.` : "Đã mở khoá tài khoản.",
    };
  });
}

export async function setUserEmailAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("setUserEmailAction", ZUserEmail, formObject(f), failed, async (viewer, input) => {
    const r = await setUserEmail(viewer, input);
    revalidatePath("/admin/users");
    return { ok: true, message: r.changed ? "Đã lưu địa chỉ e-mail." : "Địa chỉ e-mail không thay đổi." };
  });
}

/** "Tạo tài khoản": the account and its activation code, shown once on a slip. */
export async function createAccountAction(_s: CodeState, f: FormData): Promise<CodeState> {
  return withInput("createAccountAction", ZCreateAccount, formObject(f), failedCode, async (viewer, input) => {
    const issued = await createAccount(viewer, { ...input, communeCode: input.commune });
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: `Đã tạo tài khoản ${issued.username}. Mã kích hoạt chỉ hiện một lần: in hoặc chép phiếu dưới đây ngay.`,
      slip: slipOf(issued),
    };
  });
}

/** "Cấp lại mã": a new activation code; the old password, sessions and tokens end. */
export async function resetAccountAction(_s: CodeState, f: FormData): Promise<CodeState> {
  return withInput("resetAccountAction", ZUser, formObject(f), failedCode, async (viewer, { userId }) => {
    const issued = await resetAccount(viewer, userId);
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: `Đã cấp lại mã kích hoạt cho ${issued.username}; mật khẩu cũ và mọi phiên đăng nhập đã hết hiệu lực.`,
      slip: slipOf(issued),
    };
  });
}

export async function updateAccountAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("updateAccountAction", ZUpdateAccount, formObject(f), failed, async (viewer, input) => {
    const r = await updateAccount(viewer, { ...input, communeCode: input.commune });
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: r.changed ? "Đã đổi; mọi phiên đăng nhập của tài khoản đã kết thúc." : "Không có thay đổi.",
    };
  });
}

export async function unlockAccountAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("unlockAccountAction", ZUser, formObject(f), failed, async (viewer, { userId }) => {
    await unlockAccount(viewer, userId);
    revalidatePath("/admin/users");
    return { ok: true, message: "Đã gỡ tạm khoá đăng nhập." };
  });
}

export async function resetSecondFactorAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("resetSecondFactorAction", ZUser, formObject(f), failed, async (viewer, { userId }) => {
    const r = await resetSecondFactor(viewer, userId);
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: r.changed
        ? "Đã đặt lại xác thực hai lớp; người dùng cần bật lại khi đăng nhập."
        : "Tài khoản chưa bật xác thực hai lớp.",
    };
  });
}

export interface StaffListState {
  ok: boolean;
  message: string | null;
  committed?: boolean;
  plan?: StaffPlan;
  slips?: NonNullable<CodeState["slip"]>[];
}

/** The staff list: "Kiểm tra" (dry run, nothing written) or "Tạo và cập nhật tài khoản" (all rows or none). */
export async function staffListAction(_s: StaffListState, f: FormData): Promise<StaffListState> {
  return withInput<StaffListState, typeof ZStaffList>(
    "staffListAction",
    ZStaffList,
    { file: f.get("file"), commit: f.get("mode") },
    (e) => ({ ok: false, message: e.message }),
    async (viewer, { file, commit }) => {
      const table = await readStaffFile(new Uint8Array(await file.arrayBuffer()));
      if (!commit) {
        const plan = await planStaffList(viewer, table);
        return {
          ok: plan.problems.length === 0,
          plan,
          message: plan.problems.length
            ? `Danh sách có ${plan.problems.length} dòng lỗi: sửa rồi tải lại. Chưa tạo tài khoản nào.`
            : `Kiểm tra xong: ${plan.counts.create} tài khoản mới, ${plan.counts.update} cập nhật, ${plan.counts.unchanged} không đổi. Chưa ghi gì.`,
        };
      }
      const { plan, issued } = await commitStaffList(viewer, table);
      if (plan.problems.length)
        return { ok: false, plan, message: `Danh sách có ${plan.problems.length} dòng lỗi: không tạo tài khoản nào.` };
      revalidatePath("/admin/users");
      return {
        ok: true,
        committed: true,
        plan,
        slips: issued.map((i) => slipOf(i)!),
        message: `Đã tạo ${plan.counts.create} tài khoản, cập nhật ${plan.counts.update}, ${plan.counts.unchanged} không đổi. Phiếu kích hoạt chỉ hiện một lần: in ngay.`,
      };
    },
  );
}
