"use server";

/**
 * Saving and submitting a month form. Validates with the same schema as the form (lib/domain/validation), then
 * lib/data/reports checks permissions, locks, status and the version in its transaction.
 */
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/viewer";
import { isPeriod } from "@/lib/domain/periods";
import { REPORT_FIELDS, parseMonthValues } from "@/lib/domain/validation";
import { DataError } from "@/lib/data/errors";
import { saveDraft, submitReport } from "@/lib/data/reports";
import type { MonthFormState } from "@/components/month-form-state";

export async function saveMonthForm(_prev: MonthFormState, formData: FormData): Promise<MonthFormState> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, message: "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.", fieldErrors: {} };
  const period = String(formData.get("period") ?? "");
  const version = Number(formData.get("version"));
  const intent = formData.get("intent") === "submit" ? "submit" : "save";
  if (!isPeriod(period) || !Number.isInteger(version)) return { ok: false, message: "Yêu cầu không hợp lệ.", fieldErrors: {} };
  const raw = Object.fromEntries(REPORT_FIELDS.map((f) => [f, String(formData.get(f) ?? "")]));
  const parsed = parseMonthValues(raw);
  if (parsed.errors.length > 0) {
    return {
      ok: false,
      message: "Số liệu chưa hợp lệ, chưa lưu. Vui lòng sửa các lỗi được đánh dấu.",
      fieldErrors: Object.fromEntries(parsed.errors.map((e) => [e.field, [e.message]])),
    };
  }
  const input = { communeId: viewer.orgUnitId ?? -1, period, version, values: raw };
  try {
    const result = intent === "submit"
      ? await submitReport(viewer, { ...input, acknowledgedWarnings: formData.getAll("ack").map(String) })
      : await saveDraft(viewer, input);
    revalidatePath("/entry");
    revalidatePath(`/entry/${period}`);
    return {
      ok: true,
      message: intent === "submit" ? "Đã nộp báo cáo. Báo cáo đang chờ tỉnh duyệt." : `Đã lưu bản nháp (${result.changed} ô thay đổi).`,
      fieldErrors: {},
      version: result.version,
      status: result.status,
    };
  } catch (error) {
    if (error instanceof DataError) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of error.code === "INVALID" ? error.details.issues ?? [] : []) (fieldErrors[issue.field] ??= []).push(issue.message);
      return {
        ok: false,
        code: error.code,
        message: error.message,
        fieldErrors,
        warnings: error.code === "WARNINGS" ? error.details.issues : undefined,
        conflict: error.details.conflict
          ? { ...error.details.conflict, lastSavedAt: error.details.conflict.lastSavedAt?.toISOString() ?? null }
          : undefined,
      };
    }
    console.error("saveMonthForm", error);
    return { ok: false, message: "Có lỗi ngoài dự kiến, chưa lưu được. Vui lòng thử lại.", fieldErrors: {} };
  }
}
