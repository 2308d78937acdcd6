"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { createTokenAction, type TokenState } from "@/app/profile/actions";

export function TokenForm() {
  const [state, action, pending] = useActionState<TokenState, FormData>(createTokenAction, {});
  const t = useTranslations("tokenForm");
  return (
    <form action={action} className="space-y-2">
      <label htmlFor="token-name" className="block text-sm font-medium">
        {t("name")}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="token-name"
          name="name"
          maxLength={100}
          className="min-w-64 rounded border border-slate-400 px-3 py-1.5"
        />
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-1.5 text-white hover:bg-sky-900">
          {t("create")}
        </button>
      </div>
      {state.error && (
        <p role="alert" className="text-sm text-red-800">
          {state.error}
        </p>
      )}
      {state.token && (
        <div className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p>{state.message}</p>
          <code data-testid="new-token" className="mt-1 block break-all font-mono">
            {state.token}
          </code>
        </div>
      )}
    </form>
  );
}
