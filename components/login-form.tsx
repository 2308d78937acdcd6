"use client";

/**
 * Sign-in: username and password (or a one-time activation code) to /api/auth/sign-in/username; for an account with a
 * second factor, a second step asks for the 6-digit code of its authenticator app (or a recovery code), sent to
 * /api/auth/two-factor/verify. Both answers set the session cookie themselves; the page then goes on to `next`.
 */
import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useHydrated } from "@/lib/web/use-hydrated";
import { safeNextPath } from "@/lib/domain/safe-next";

const field = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; body: { message?: string; secondFactor?: boolean } | null }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as { message?: string; secondFactor?: boolean } | null,
  };
}

export function LoginForm({ next }: { next: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [secondStep, setSecondStep] = useState(false);
  const [recovery, setRecovery] = useState(false);
  // Until the page is interactive the button stays disabled, so a fast click never submits the form natively.
  const ready = useHydrated();
  const t = useTranslations("login");
  // The sign-in server words its refusals (wrong password, too many attempts) and outages in Vietnamese: in English
  // the form says them itself.
  const english = useLocale() === "en";

  function failed(status: number, body: { message?: string } | null) {
    if (status === 429 || status === 401) {
      if (english) setError(status === 429 ? t("tooMany") : t("wrong"));
      else setError(body?.message ?? t("wrong"));
    }
    // 503/507 carry the server's own message (database unavailable, disk full: lib/web/fault-page.ts).
    else setError((status >= 500 ? body?.message : undefined) ?? t("failed"));
  }

  async function submit(work: () => Promise<void>) {
    setPending(true);
    setError(null);
    try {
      await work();
    } catch {
      setError(t("noServer"));
    } finally {
      setPending(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError(t("missing"));
      return;
    }
    await submit(async () => {
      const res = await post("/api/auth/sign-in/username", { username, password });
      if (res.status === 200 && res.body?.secondFactor) setSecondStep(true);
      else if (res.status === 200) window.location.assign(safeNextPath(next, "/home"));
      else failed(res.status, res.body);
    });
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s/g, "");
    if (!code) {
      setError(t("missingCode"));
      return;
    }
    await submit(async () => {
      const res = await post("/api/auth/two-factor/verify", { code, recovery });
      if (res.status === 200) window.location.assign(safeNextPath(next, "/home"));
      else failed(res.status, res.body);
    });
  }

  const alert = error && (
    <p
      role="alert"
      data-testid="login-error"
      className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900"
    >
      {error}
    </p>
  );
  if (secondStep) {
    return (
      <form method="post" onSubmit={onCode} className="space-y-4" noValidate>
        <p className="text-sm">{t("secondFactor")}</p>
        <div>
          <label htmlFor="code" className="block text-sm font-medium">
            {recovery ? t("recoveryCode") : t("code")}
          </label>
          <input
            id="code"
            name="code"
            autoComplete="one-time-code"
            inputMode={recovery ? "text" : "numeric"}
            required
            autoFocus
            maxLength={20}
            className={field}
          />
          <p className="mt-1 text-xs text-slate-700">{recovery ? t("recoveryHint") : t("codeHint")}</p>
        </div>
        {alert}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60"
        >
          {pending ? t("checking") : t("confirm")}
        </button>
        <button type="button" onClick={() => setRecovery(!recovery)} className="text-sm text-sky-900 underline">
          {recovery ? t("useApp") : t("useRecovery")}
        </button>
      </form>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          {t("username")}
        </label>
        <input id="username" name="username" autoComplete="username" autoCapitalize="none" required className={field} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={field}
        />
        <p className="mt-1 text-xs text-slate-700">{t("firstTime")}</p>
      </div>
      {alert}
      <button
        type="submit"
        disabled={pending || !ready}
        className="w-full rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
