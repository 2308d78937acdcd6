import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { canReview } from "@/lib/domain/permissions";
import { DataError, forbidden } from "../errors";
import { requiredText } from "../text-input";
import { type TransitionResult, transitionReport } from "./transition-report";

/** Reopens an approved report (PROVINCE/ADMIN) with a reason: to DRAFT, or RETURNED with the reason as the comment. */
export async function reopenReport(
  viewer: Viewer,
  input: { reportId: number; reason: string; to: "DRAFT" | "RETURNED"; version?: number },
  at: Date = now(),
): Promise<TransitionResult> {
  if (!canReview(viewer)) throw forbidden();
  const reason = requiredText(input.reason, { key: "reports.reopenReasonRequired" });
  if (input.to !== "DRAFT" && input.to !== "RETURNED")
    throw new DataError("INVALID", { key: "reports.badReopenStatus" });
  const step = { from: ["APPROVED" as const], to: input.to, action: "report.reopen" };
  const extra = { reason, ...(input.to === "RETURNED" ? { returnComment: reason } : {}) };
  return transitionReport(viewer, input, step, extra, at);
}
