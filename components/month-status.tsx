"use client";

/**
 * The top of the month form: where the draft is (on this device, queued, sent), whether this page came from the
 * device's cache, and the server's last answer (a notice, or a refusal with what the user can do about it).
 */
import { type SyncState, SYNC_STATE_TEXT } from "@/lib/offline/month-drafts";
import type { MonthSaveRefusal } from "@/lib/offline/month-payload";
import { SERVED_FROM_DEVICE_TEXT } from "@/lib/offline/served-from-device";

export function MonthStatus(props: {
  period: string;
  sync: SyncState;
  draft: { queued: "save" | "submit" | null };
  fromDevice: boolean;
  notice: string | null;
  refusal: MonthSaveRefusal | null;
}) {
  const { sync, draft, fromDevice, notice, refusal } = props;
  return (
    <>
      <p
        data-testid="sync-state"
        data-state={sync}
        role="status"
        className={`sticky top-0 z-10 rounded border px-3 py-2 text-sm ${sync === "offline" ? "border-amber-400 bg-amber-50 text-amber-950" : sync === "synced" ? "border-emerald-400 bg-emerald-50 text-emerald-900" : "border-slate-300 bg-white"}`}
      >
        {SYNC_STATE_TEXT[sync]}
        {draft.queued && sync !== "sending" ? " · Đang chờ gửi lên máy chủ." : ""}
      </p>

      {fromDevice && (
        <p
          role="alert"
          data-testid="served-from-device"
          className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-950"
        >
          {SERVED_FROM_DEVICE_TEXT}
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
            <p className="mt-1 text-sm">Số liệu vẫn được giữ trên máy và sẽ được gửi lại tự động.</p>
          )}
          {(refusal?.code === "UNAUTHENTICATED" || refusal?.code === "OTHER_USER") && (
            <p className="mt-1 text-sm">
              Số liệu vẫn được giữ trên máy này.{" "}
              <a
                href={`/login?next=${encodeURIComponent(`/entry/${props.period}`)}`}
                className="font-semibold underline"
                data-testid="login-again"
              >
                Đăng nhập lại
              </a>{" "}
              để gửi tiếp.
            </p>
          )}
          {refusal?.code === "WARNINGS" && refusal.warnings && (
            <ul className="mt-1 list-disc pl-5 text-sm">
              {refusal.warnings.map((w) => (
                <li key={w.key}>{w.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
