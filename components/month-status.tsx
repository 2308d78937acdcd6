"use client";

/**
 * The top of the month form: where the draft is (on this device, queued, sent), whether this page came from the
 * device's cache, and the server's last answer (a notice, or a refusal with what the user can do about it).
 */
import type { Locale } from "@/lib/domain/format";
import type { SyncState } from "@/lib/offline/month-drafts";
import type { MonthSaveRefusal } from "@/lib/offline/month-payload";
import { useMonthWords } from "./month-fields";

export function MonthStatus(props: {
  locale: Locale;
  period: string;
  sync: SyncState;
  draft: { queued: "save" | "submit" | null };
  fromDevice: boolean;
  notice: string | null;
  refusal: MonthSaveRefusal | null;
}) {
  const { sync, draft, fromDevice, notice, refusal } = props;
  const { t, say } = useMonthWords(props.locale);
  return (
    <>
      <p
        data-testid="sync-state"
        data-state={sync}
        role="status"
        className={`sticky top-0 z-10 rounded border px-3 py-2 text-sm ${sync === "offline" ? "border-amber-400 bg-amber-50 text-amber-950" : sync === "synced" ? "border-emerald-400 bg-emerald-50 text-emerald-900" : "border-slate-300 bg-white"}`}
      >
        {t(`sync.${sync}`)}
        {draft.queued && sync !== "sending" ? t("queued") : ""}
      </p>

      {fromDevice && (
        <p
          role="alert"
          data-testid="served-from-device"
          className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-950"
        >
          {t("servedFromDevice")}
        </p>
      )}

      {(notice || refusal) && (
        <div
          id="form-message"
          role={refusal ? "alert" : "status"}
          data-testid="form-message"
          className={`rounded border p-3 ${refusal ? "border-red-300 bg-red-50 text-red-900" : "border-emerald-400 bg-emerald-50 text-emerald-900"}`}
        >
          <p>{refusal ? refusal.message : notice}</p>
          {refusal?.retryable && refusal.code !== "UNAUTHENTICATED" && refusal.code !== "OTHER_USER" && (
            <p className="mt-1 text-sm">{t("keptRetry")}</p>
          )}
          {(refusal?.code === "UNAUTHENTICATED" || refusal?.code === "OTHER_USER") && (
            <p className="mt-1 text-sm">
              {t.rich("signInAgain", {
                link: (chunks) => (
                  <a
                    href={`/login?next=${encodeURIComponent(`/entry/${props.period}`)}`}
                    className="font-semibold underline"
                    data-testid="login-again"
                  >
                    {chunks}
                  </a>
                ),
              })}
            </p>
          )}
          {refusal?.code === "WARNINGS" && refusal.warnings && (
            <ul className="mt-1 list-disc pl-5 text-sm">
              {refusal.warnings.map((w) => (
                <li key={w.key}>{say(w)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
