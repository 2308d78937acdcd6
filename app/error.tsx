"use client";

/** A page that failed to render: a Vietnamese (or English) explanation and a retry, inside the site's layout. */
import { ErrorNotice } from "@/components/error-notice";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorNotice digest={error.digest} reset={reset} />;
}
