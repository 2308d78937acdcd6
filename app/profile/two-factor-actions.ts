"use server";

/**
 * Enrolling a second factor on /profile with better-auth's two-factor plugin: the current password, then a QR code and
 * 10 recovery codes (shown once), then the first code from the app, which turns it on. Turning it off needs the
 * password, and is refused where the role requires it.
 */
import { headers } from "next/headers";
import { z } from "zod";
import { viewerWords, withInput } from "@/lib/auth/action";
import { auth } from "@/lib/auth/server";
import { auditOwnSecondFactor, secondFactorRoles } from "@/lib/data/two-factor";
import { ACCOUNT_RULES } from "@/lib/domain/accounts";
import { normalizePassword } from "@/lib/domain/password-policy";
import { formObject, formText } from "@/lib/web/action-input";
import { qrDataUrl } from "@/lib/web/qr";

const ZPassword = z.object({ password: formText(200).transform(normalizePassword) });
const ZCode = z.object({
  code: z.preprocess(
    (v) => (v == null ? "" : String(v)).replace(/\s/g, "").slice(0, 10),
    z.string().regex(/^\d{6}$/, ACCOUNT_RULES.secondFactorCode.vi),
  ),
});

export interface EnrolState {
  ok: boolean;
  message: string | null;
  qr?: string;
  secret?: string;
  recoveryCodes?: string[];
  enabled?: boolean;
}

const failed = (e: { message: string }): EnrolState => ({ ok: false, message: e.message });
const refusal = async (error: unknown): Promise<string | null> => {
  const status = (error as { statusCode?: number; status?: string } | null)?.statusCode;
  return status && status >= 400 && status < 500 ? (await viewerWords())("actionResults.twoFactor.wrong") : null;
};

export async function startSecondFactorAction(_s: EnrolState, f: FormData): Promise<EnrolState> {
  return withInput<EnrolState, typeof ZPassword>(
    "startSecondFactorAction",
    ZPassword,
    formObject(f),
    failed,
    async (_viewer, { password }) => {
      try {
        const r = await auth().api.enableTwoFactor({ body: { password }, headers: await headers() });
        if (!("totpURI" in r) || !r.totpURI) {
          return { ok: false, message: (await viewerWords())("actionResults.twoFactor.notStarted") };
        }
        const secret = new URL(r.totpURI).searchParams.get("secret") ?? "";
        return {
          ok: true,
          qr: qrDataUrl(r.totpURI),
          secret,
          recoveryCodes: r.backupCodes,
          message: (await viewerWords())("actionResults.twoFactor.scan"),
        };
      } catch (error) {
        const m = await refusal(error);
        if (m) return { ok: false, message: m };
        throw error;
      }
    },
    { enrolling: true },
  );
}

export async function confirmSecondFactorAction(_s: EnrolState, f: FormData): Promise<EnrolState> {
  return withInput<EnrolState, typeof ZCode>(
    "confirmSecondFactorAction",
    ZCode,
    formObject(f),
    failed,
    async (viewer, { code }) => {
      try {
        await auth().api.verifyTOTP({ body: { code }, headers: await headers() });
      } catch (error) {
        const m = await refusal(error);
        if (m) return { ok: false, message: m };
        throw error;
      }
      await auditOwnSecondFactor(viewer, true);
      // No revalidatePath: better-auth has just replaced this session (the cookie of this request names a deleted one),
      // so re-rendering /profile in this response would find no viewer and send the user to the login page.
      return {
        ok: true,
        enabled: true,
        message: (await viewerWords())("actionResults.twoFactor.enabled"),
      };
    },
    { enrolling: true, rules: { area: "account", rules: ACCOUNT_RULES } },
  );
}

export async function disableSecondFactorAction(_s: EnrolState, f: FormData): Promise<EnrolState> {
  return withInput("disableSecondFactorAction", ZPassword, formObject(f), failed, async (viewer, { password }) => {
    if ((await secondFactorRoles()).includes(viewer.role))
      return { ok: false, message: (await viewerWords())("actionResults.twoFactor.required") };
    try {
      await auth().api.disableTwoFactor({ body: { password }, headers: await headers() });
    } catch (error) {
      const m = await refusal(error);
      if (m) return { ok: false, message: m };
      throw error;
    }
    await auditOwnSecondFactor(viewer, false);
    return { ok: true, message: (await viewerWords())("actionResults.twoFactor.disabled") };
  });
}
