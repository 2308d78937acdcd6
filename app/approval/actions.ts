"use server";

/**
 * Province review actions: each reads its form through its schema and goes through withInput (session, expected and
 * unexpected errors), calls lib/data/reports (which checks the role and the values) and returns { ok, message }.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/action-form";
import { viewerWords, withInput } from "@/lib/auth/action";
import type { Viewer } from "@/lib/auth/viewer";
import { approveReport, bulkApprove, lockPeriod, reopenReport, returnReport, unlockPeriod } from "@/lib/data/reports";
import {
  formFlag,
  formNumber,
  formObject,
  formOptionalNumber,
  formOptionalText,
  formText,
} from "@/lib/web/action-input";

const ZReport = z.object({ reportId: formNumber(), version: formOptionalNumber });
const ZReturn = ZReport.extend({ comment: formText() });
const ZReopen = ZReport.extend({
  reason: formText(),
  to: z.preprocess((v) => (v === "RETURNED" ? "RETURNED" : "DRAFT"), z.enum(["DRAFT", "RETURNED"])),
});
const ZPeriod = z.object({ period: formText() });
const ZLock = ZPeriod.extend({ lock: formFlag, reason: formOptionalText() });

function run<T extends z.ZodType>(
  schema: T,
  form: FormData,
  fn: (viewer: Viewer, input: z.infer<T>) => Promise<string>,
): Promise<ActionState> {
  return withInput<ActionState, T>(
    "approval action",
    schema,
    formObject(form),
    (f) => ({ ok: false, message: f.message }),
    async (viewer, input) => {
      const message = await fn(viewer, input);
      revalidatePath("/approval");
      return { ok: true, message };
    },
  );
}

export async function approveAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(ZReport, f, async (v, input) => {
    await approveReport(v, input);
    return (await viewerWords())("actionResults.approval.approved");
  });
}

export async function returnAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(ZReturn, f, async (v, input) => {
    await returnReport(v, input);
    return (await viewerWords())("actionResults.approval.returned");
  });
}

export async function reopenAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(ZReopen, f, async (v, input) => {
    await reopenReport(v, input);
    return (await viewerWords())("actionResults.approval.reopened");
  });
}

export async function bulkApproveAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(ZPeriod, f, async (v, input) => {
    const r = await bulkApprove(v, input);
    return (await viewerWords())("actionResults.approval.bulk", {
      approved: String(r.approved.length),
      skipped: String(r.skipped.length),
    });
  });
}

export async function lockAction(_s: ActionState, f: FormData): Promise<ActionState> {
  return run(ZLock, f, async (v, { lock, period, reason }) => {
    if (lock) {
      const r = await lockPeriod(v, { period, reason });
      return (await viewerWords())(`actionResults.approval.${r.locked ? "locked" : "wasLocked"}`);
    }
    const r = await unlockPeriod(v, { period, reason });
    return (await viewerWords())(`actionResults.approval.${r.unlocked ? "unlocked" : "wasUnlocked"}`);
  });
}
