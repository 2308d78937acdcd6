"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/action-form";
import { viewerWords, withInput } from "@/lib/auth/action";
import { changeOwnPassword } from "@/lib/data/accounts";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { TOKEN_NAME_RULES } from "@/lib/domain/accounts";
import { cleanText } from "@/lib/domain/text";
import { formObject, formText } from "@/lib/web/action-input";

export interface TokenState {
  token?: string;
  message?: string;
  error?: string;
}

const ZTokenName = z
  .string()
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, TOKEN_NAME_RULES.nameRequired.vi)
      .max(TOKEN_NAME_RULES.nameTooLong.values.max, TOKEN_NAME_RULES.nameTooLong.vi),
  );
const ZCreateToken = z.object({ name: z.preprocess((v) => v ?? null, ZTokenName) });
const ZRevokeToken = z.object({ id: formText(100) });
const ZChangePassword = z.object({ current: formText(1000), next: formText(1000), confirmation: formText(1000) });

export async function createTokenAction(_prev: TokenState, form: FormData): Promise<TokenState> {
  return withInput<TokenState, typeof ZCreateToken>(
    "createTokenAction",
    ZCreateToken,
    formObject(form),
    (e) => ({ error: e.message }),
    async (viewer, { name }) => {
      const { token } = await createApiToken(viewer, name);
      revalidatePath("/profile");
      return { token, message: (await viewerWords())("actionResults.profile.tokenCreated") };
    },
    { rules: { area: "apiTokens", rules: TOKEN_NAME_RULES } },
  );
}

/** "Thu hồi" in the token table: a refusal or a failure is shown beside the button like any other action's. */
export async function revokeTokenAction(_s: ActionState, form: FormData): Promise<ActionState> {
  return withInput<ActionState, typeof ZRevokeToken>(
    "revokeTokenAction",
    ZRevokeToken,
    formObject(form),
    (e) => ({ ok: false, message: e.message }),
    async (viewer, { id }) => {
      if (!(await revokeApiToken(viewer, id))) {
        return { ok: false, message: (await viewerWords())("actionResults.profile.tokenNotFound") };
      }
      revalidatePath("/profile");
      return { ok: true, message: null };
    },
  );
}

/** "Đổi mật khẩu": the current password, the new one twice; every other session of the account ends. */
export async function changePasswordAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return withInput<ActionState, typeof ZChangePassword>(
    "changePasswordAction",
    ZChangePassword,
    formObject(f),
    (e) => ({ ok: false, message: e.message }),
    async (viewer, passwords) => {
      const r = await changeOwnPassword(viewer, { ...passwords, sessionId: viewer.sessionId ?? "" });
      const words = await viewerWords();
      return {
        ok: true,
        message: r.sessionsEnded
          ? words("actionResults.profile.passwordChangedSessions", { count: String(r.sessionsEnded) })
          : words("actionResults.profile.passwordChanged"),
      };
    },
    { enrolling: true },
  );
}
