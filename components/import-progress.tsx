"use client";

/**
 * The import page's progress while a check or a commit runs: the step the server noted for this user
 * (lib/data/import-progress.ts, GET /import/progress), polled, and shown as a bar that only ever moves forward
 * (lib/domain/import/progress.ts).
 */
import { type Dispatch, type SetStateAction, useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { type ImportProgress, advanceProgress, progressShare } from "@/lib/domain/import/progress";

/** How often the page asks GET /import/progress while its upload runs. */
const PROGRESS_POLL_MS = 400;

/** The progress shown, polled while `running` is set; the caller sets it too (cleared, or the run's final state). */
export function useImportProgress(
  running: "dry-run" | "commit" | null,
): [ImportProgress | null, Dispatch<SetStateAction<ImportProgress | null>>] {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  // While a check or a commit runs, its progress is polled (lib/data/import-progress.ts) and only ever moves forward.
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch("/import/progress", { cache: "no-store" });
        const answer = response.ok ? ((await response.json()) as ImportProgress | null) : null;
        if (!stopped) setProgress((shown) => advanceProgress(shown, answer));
      } catch {
        // A missed poll changes nothing shown; the next one may answer.
      }
    };
    const timer = setInterval(poll, PROGRESS_POLL_MS);
    void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running]);
  return [progress, setProgress];
}

export function ImportProgressBar({ progress, writing }: { progress: ImportProgress; writing: boolean }) {
  const t = useTranslations("importForm");
  const vi = new Intl.NumberFormat(useLocale() === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 6 });
  return (
    <div data-testid="import-progress" data-step={progress.step} className="flex items-center gap-2 text-sm">
      <progress
        max={100}
        value={Math.round(progressShare(progress, writing) * 100)}
        aria-label={t("progress")}
        className="h-2 w-40"
      />
      <span>
        {progress.step === "reading"
          ? t("progressReading")
          : progress.step === "checking"
            ? t(progress.total !== null && progress.done >= progress.total ? "progressChecked" : "progressChecking", {
                total: vi.format(progress.total ?? 0),
              })
            : progress.total !== null && progress.done >= progress.total
              ? t("progressWritten")
              : t("progressWriting", { done: progress.done, total: progress.total ?? 0 })}
      </span>
    </div>
  );
}
