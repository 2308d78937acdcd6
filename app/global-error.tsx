"use client";

/** The root layout itself failed (e.g. the database was down while reading the session): a page of its own. */
import { ErrorNotice, useErrorTexts } from "@/components/error-notice";
import { ERROR_TEXTS } from "@/lib/web/error-texts";
import "./globals.css";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useErrorTexts();
  return (
    <html lang={t === ERROR_TEXTS.en ? "en" : "vi"}>
      <body className="min-h-screen">
        <main className="mx-auto max-w-2xl px-4 py-6">
          <ErrorNotice digest={error.digest} reset={reset} />
        </main>
      </body>
    </html>
  );
}
