"use client";

/** The body of app/error.tsx and app/global-error.tsx, in the language of the NEXT_LOCALE cookie. */
import { useEffect, useState } from "react";
import { ERROR_TEXTS, errorTexts } from "@/lib/web/error-texts";

export function useErrorTexts() {
  const [t, setT] = useState<(typeof ERROR_TEXTS)[keyof typeof ERROR_TEXTS]>(ERROR_TEXTS.vi);
  useEffect(() => setT(errorTexts(document.cookie)), []);
  return t;
}

export function ErrorNotice({ digest, reset, className }: { digest?: string; reset: () => void; className?: string }) {
  const t = useErrorTexts();
  return (
    <div className={className ?? "max-w-2xl space-y-3"} role="alert" data-testid="error-page">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p>{t.body}</p>
      {digest && <p className="text-sm text-slate-600">{t.code}: {digest}</p>}
      <p className="flex gap-3">
        <button type="button" onClick={reset} className="rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900">{t.retry}</button>
        <a href="/" className="rounded border border-slate-400 px-4 py-2">{t.home}</a>
      </p>
    </div>
  );
}
