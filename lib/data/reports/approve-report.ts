import type { Viewer } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { type TransitionResult, transitionReport } from "./transition-report";

/** Approves a submitted report (PROVINCE/ADMIN). */
export async function approveReport(
  viewer: Viewer,
  input: { reportId: number; version?: number },
  at: Date = now(),
): Promise<TransitionResult> {
  const step = { from: ["SUBMITTED" as const], to: "APPROVED" as const, action: "report.approve" };
  return transitionReport(viewer, input, step, { approve: true }, at);
}
