"use server";

/** Province review actions: each goes through withViewer (session, expected and unexpected errors), calls lib/data/reports (which checks
 * the role) and returns { ok, message }. */
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/action-form";
import { withViewer } from "@/lib/auth/action";
import type { Viewer } from "@/lib/auth/viewer";
import { approveReport, bulkApprove, lockPeriod, reopenReport, returnReport, unlockPeriod } from "@/lib/data/reports";

function run(fn: (viewer: Viewer) => Promise<string>): Promise<ActionState> {
  return withViewer<ActionState>(
    "approval action",
    (f) => ({ ok: false, message: f.message }),
    async (viewer) => {
      const message = await fn(viewer);
      revalidatePath("/approval");
      return { ok: true, message };
    },
  );
}

const int = (v: FormDataEntryValue | null) => Number(v ?? NaN);
const text = (v: FormDataEntryValue | null) => String(v ?? "");
const optionalVersion = (v: FormDataEntryValue | null) => (v === null || v === "" ? undefined : Number(v));

export async function approveAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(async (v) => {
    await approveReport(v, { reportId: int(f.get("reportId")), version: optionalVersion(f.get("version")) });
    return "Đã duyệt báo cáo.";
  });
}

export async function returnAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(async (v) => {
    await returnReport(v, {
      reportId: int(f.get("reportId")),
      comment: text(f.get("comment")),
      version: optionalVersion(f.get("version")),
    });
    return "Đã trả lại báo cáo cho xã, phường.";
  });
}

export async function reopenAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(async (v) => {
    const to = f.get("to") === "RETURNED" ? "RETURNED" : "DRAFT";
    await reopenReport(v, {
      reportId: int(f.get("reportId")),
      reason: text(f.get("reason")),
      to,
      version: optionalVersion(f.get("version")),
    });
    return "Đã mở lại báo cáo.";
  });
}

export async function bulkApproveAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(async (v) => {
    const r = await bulkApprove(v, { period: text(f.get("period")) });
    return `Đã duyệt ${r.approved.length} báo cáo; ${r.skipped.length} báo cáo có cảnh báo cần xem từng báo cáo.`;
  });
}

export async function lockAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(async (v) => {
    const period = text(f.get("period"));
    const reason = text(f.get("reason")) || null;
    if (f.get("lock") === "1") {
      const r = await lockPeriod(v, { period, reason });
      return r.locked ? "Đã khoá sổ tháng." : "Tháng đã được khoá sổ trước đó.";
    }
    const r = await unlockPeriod(v, { period, reason });
    return r.unlocked ? "Đã mở khoá sổ tháng." : "Tháng chưa bị khoá sổ.";
  });
}
