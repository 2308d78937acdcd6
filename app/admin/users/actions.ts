"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/action-form";
import type { CodeState } from "@/components/account-code-form";
import type { Words } from "@/i18n/words";
import { viewerWords, withInput } from "@/lib/auth/action";
import type { Viewer } from "@/lib/auth/viewer";
import { type IssuedCode, createAccount, resetAccount, unlockAccount, updateAccount } from "@/lib/data/accounts";
import { type StaffPlan, commitStaffList, planStaffList, readStaffFile } from "@/lib/data/staff-list";
import { resetSecondFactor } from "@/lib/data/two-factor";
import { STAFF_FILE_RULES, STAFF_LIST_MAX_BYTES, type StaffListWording } from "@/lib/domain/staff-list";
import { setUserDisabled, setUserEmail } from "@/lib/data/users";
import { ACCOUNT_RULES, parseRole } from "@/lib/domain/accounts";
import { formatDateTimeVi } from "@/lib/domain/format";
import { ROLE_LABEL_VI, type Role } from "@/lib/domain/permissions";
import { formFlag, formObject, formOptionalText, formText } from "@/lib/web/action-input";

const ZRole = formText()
  .transform(parseRole)
  .refine((role): role is Role => role !== null, ACCOUNT_RULES.roleMissing.vi);

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
    .custom<File>((v) => v instanceof File && v.size > 0, STAFF_FILE_RULES.fileMissing.vi)
    .refine((file) => file.size <= STAFF_LIST_MAX_BYTES, STAFF_FILE_RULES.fileTooLarge.vi),
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
    const words = await viewerWords();
    return {
      ok: true,
      message: disabled
        ? words("actionResults.users.disabled", { count: String(r.sessionsEnded) })
        : words("actionResults.users.enabled"),
    };
  });
}

export async function setUserEmailAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("setUserEmailAction", ZUserEmail, formObject(f), failed, async (viewer, input) => {
    const r = await setUserEmail(viewer, input);
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: (await viewerWords())(`actionResults.users.${r.changed ? "emailSaved" : "emailUnchanged"}`),
    };
  });
}

/** A form that creates or changes an account: its refusals (a role not chosen…) in the viewer's language. */
function accountForm<S, T extends z.ZodType>(
  name: string,
  schema: T,
  f: FormData,
  fail: (e: { message: string }) => S,
  fn: (viewer: Viewer, input: z.infer<T>) => Promise<S>,
): Promise<S> {
  const change = async (viewer: Viewer, input: z.infer<T>) => {
    const result = await fn(viewer, input);
    revalidatePath("/admin/users");
    return result;
  };
  return withInput(name, schema, formObject(f), fail, change, { rules: { area: "account", rules: ACCOUNT_RULES } });
}

/** "Tạo tài khoản": the account and its activation code, shown once on a slip. */
export async function createAccountAction(_s: CodeState, f: FormData): Promise<CodeState> {
  return accountForm("createAccountAction", ZCreateAccount, f, failedCode, async (viewer, input) => {
    const issued = await createAccount(viewer, { ...input, communeCode: input.commune });
    const message = (await viewerWords())("actionResults.users.created", { username: issued.username });
    return { ok: true, message, slip: slipOf(issued) };
  });
}

/** "Cấp lại mã": a new activation code; the old password, sessions and tokens end. */
export async function resetAccountAction(_s: CodeState, f: FormData): Promise<CodeState> {
  return withInput("resetAccountAction", ZUser, formObject(f), failedCode, async (viewer, { userId }) => {
    const issued = await resetAccount(viewer, userId);
    revalidatePath("/admin/users");
    const message = (await viewerWords())("actionResults.users.reset", { username: issued.username });
    return { ok: true, message, slip: slipOf(issued) };
  });
}

export async function updateAccountAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return accountForm("updateAccountAction", ZUpdateAccount, f, failed, async (viewer, input) => {
    const r = await updateAccount(viewer, { ...input, communeCode: input.commune });
    return { ok: true, message: (await viewerWords())(`actionResults.users.${r.changed ? "updated" : "unchanged"}`) };
  });
}

export async function unlockAccountAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("unlockAccountAction", ZUser, formObject(f), failed, async (viewer, { userId }) => {
    await unlockAccount(viewer, userId);
    revalidatePath("/admin/users");
    return { ok: true, message: (await viewerWords())("actionResults.users.unlocked") };
  });
}

export async function resetSecondFactorAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput("resetSecondFactorAction", ZUser, formObject(f), failed, async (viewer, { userId }) => {
    const r = await resetSecondFactor(viewer, userId);
    revalidatePath("/admin/users");
    const result = r.changed ? "secondFactorReset" : "noSecondFactor";
    return { ok: true, message: (await viewerWords())(`actionResults.users.${result}`) };
  });
}

export interface StaffListState {
  ok: boolean;
  message: string | null;
  committed?: boolean;
  plan?: StaffPlan;
  slips?: NonNullable<CodeState["slip"]>[];
}

/** The plan with each row's problem said in the viewer's language (its rule in the catalogue's `dataErrors`). */
function inWords(plan: StaffPlan, words: Words): StaffPlan {
  const said = (w: StaffListWording) => words(`dataErrors.${w.area}.${w.rule}`, w.values);
  return { ...plan, problems: plan.problems.map((p) => ({ ...p, message: said(p.wording) })) };
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
      const words = await viewerWords();
      const counts = (plan: StaffPlan) => ({
        problems: String(plan.problems.length),
        create: String(plan.counts.create),
        update: String(plan.counts.update),
        unchanged: String(plan.counts.unchanged),
      });
      if (!commit) {
        const plan = await planStaffList(viewer, table);
        const result = plan.problems.length ? "checkedProblems" : "checked";
        const message = words(`actionResults.users.${result}`, counts(plan));
        return { ok: plan.problems.length === 0, plan: inWords(plan, words), message };
      }
      const { plan, issued } = await commitStaffList(viewer, table);
      if (plan.problems.length) {
        return {
          ok: false,
          plan: inWords(plan, words),
          message: words("actionResults.users.notCommitted", counts(plan)),
        };
      }
      revalidatePath("/admin/users");
      return {
        ok: true,
        committed: true,
        plan,
        slips: issued.map((i) => slipOf(i)!),
        message: words("actionResults.users.committed", counts(plan)),
      };
    },
    { rules: { area: "staffList", rules: STAFF_FILE_RULES } },
  );
}
