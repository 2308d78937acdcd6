"use client";

/** Enrolling the second factor (app/profile/two-factor-actions.ts): password → QR code and recovery codes → first code. */
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { EnrolState } from "@/app/profile/two-factor-actions";
import { CurrentPasswordField } from "./new-password-fields";

type Action = (state: EnrolState, form: FormData) => Promise<EnrolState>;

const field = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

function Message({ state }: { state: EnrolState }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>
      {state.message}
    </p>
  );
}

export function TwoFactorEnrol({ start, confirm }: { start: Action; confirm: Action }) {
  const [started, startAction, starting] = useActionState(start, { ok: false, message: null });
  const [confirmed, confirmAction, confirming] = useActionState(confirm, { ok: false, message: null });
  const t = useTranslations("twoFactorForm");
  if (confirmed.enabled) return <Message state={confirmed} />;
  return (
    <div className="space-y-3" data-testid="two-factor-enrol">
      {!started.qr && (
        <form action={startAction} className="space-y-2">
          <CurrentPasswordField id="tf-password" name="password" />
          <button type="submit" disabled={starting} className="rounded bg-brand-800 px-4 py-2 font-medium text-white">
            {t("enable")}
          </button>
        </form>
      )}
      <Message state={started} />
      {started.qr && (
        <div className="space-y-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
          <img src={started.qr} alt={t("qrAlt")} width={200} height={200} className="border border-slate-300" />
          <p className="text-sm">
            {t("noScan")}{" "}
            <code className="break-all" data-testid="totp-secret">
              {started.secret}
            </code>
          </p>
          <div>
            <p className="text-sm font-medium">{t("recovery")}</p>
            <ul className="mt-1 grid grid-cols-2 gap-1 font-mono text-sm" data-testid="recovery-codes">
              {started.recoveryCodes?.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </div>
          <form action={confirmAction} className="space-y-2">
            <label htmlFor="tf-code" className="block text-sm font-medium">
              {t("code")}
            </label>
            <input
              id="tf-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              pattern="[0-9 ]{6,8}"
              maxLength={8}
              className={field}
            />
            <button
              type="submit"
              disabled={confirming}
              className="rounded bg-brand-800 px-4 py-2 font-medium text-white"
            >
              {t("confirm")}
            </button>
          </form>
          <Message state={confirmed} />
        </div>
      )}
    </div>
  );
}

export function TwoFactorDisable({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: null });
  const t = useTranslations("twoFactorForm");
  return (
    <form action={formAction} className="space-y-2">
      <CurrentPasswordField id="tf-off-password" name="password" />
      <button type="submit" disabled={pending} className="rounded border border-slate-400 px-4 py-2">
        {t("disable")}
      </button>
      <Message state={state} />
    </form>
  );
}
