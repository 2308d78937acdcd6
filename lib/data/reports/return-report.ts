import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { canReview } from "@/lib/domain/permissions";
import { forbidden } from "../errors";
import { requiredText } from "../text-input";
import { type TransitionResult, transitionReport } from "./transition-report";

/** Sends a submitted report back to the commune; the comment is required and shown on the commune's form. */
export async function returnReport(
  viewer: Viewer,
  input: { reportId: number; comment: string; version?: number },
  at: Date = now(),
): Promise<TransitionResult> {
  if (!canReview(viewer)) throw forbidden();
  const comment = requiredText(input.comment, { key: "reports.returnReasonRequired" });
  const step = { from: ["SUBMITTED" as const], to: "RETURNED" as const, action: "report.return" };
  return transitionReport(viewer, input, step, { returnComment: comment, reason: comment }, at);
}
