"use client";

/**
 * The body of app/error.tsx and app/global-error.tsx, in the language of the NEXT_LOCALE cookie. It asks /api/ready
 * what is wrong, to say it: the database unreachable, the server's disk full, or a server error with its reference
 * (Next.js's digest, which the server's log shows beside the error).
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import { ERROR_TEXTS, errorTexts } from "@/lib/web/error-texts";
import { never } from "@/lib/web/use-hydrated";
import { FAULT_TEXTS, type FaultKind } from "@/lib/web/fault-page";

/** The texts in the cookie's language once hydrated; Vietnamese in the server's HTML (it has no cookie to read). */
export function useErrorTexts() {
  return useSyncExternalStore(
    never,
    () => errorTexts(document.cookie),
    () => ERROR_TEXTS.vi,
  );
}

function useFaultKind(): FaultKind | null {
  const [kind, setKind] = useState<FaultKind | null>(null);
  useEffect(() => {
    fetch("/api/ready", { cache: "no-store" })
      .then((r) => r.json() as Promise<{ database?: string; disk?: string }>)
      .then((r) => setKind(r.disk === "full" ? "diskFull" : r.database === "ok" ? "error" : "unavailable"))
      .catch(() => setKind("unavailable")); // no answer at all: the server itself is unreachable
  }, []);
  return kind;
}

export function ErrorNotice({ digest, reset, className }: { digest?: string; reset: () => void; className?: string }) {
  const t = useErrorTexts();
  const kind = useFaultKind();
  const f = FAULT_TEXTS[t === ERROR_TEXTS.en ? "en" : "vi"];
  const k = kind ? f[kind] : null;
  return (
    <div
      className={className ?? "max-w-2xl space-y-3"}
      role="alert"
      data-testid="error-page"
      data-fault={kind ?? undefined}
    >
      <h1 className="text-2xl font-bold">{k?.title ?? t.title}</h1>
      <p>{k?.body ?? t.body}</p>
      {k && <p>{k.todo}</p>}
      {digest && (
        <p className="text-sm text-slate-600">
          {f.reference}: {digest}
        </p>
      )}
      <p className="flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900"
        >
          {t.retry}
        </button>
        <a href="/" className="rounded border border-slate-400 px-4 py-2">
          {t.home}
        </a>
      </p>
    </div>
  );
}
