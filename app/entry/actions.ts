"use server";

/**
 * Saving and submitting a month form (called by the offline send queue, lib/offline/month-drafts). Goes through
 * withInput (session, database outage, unexpected errors), checks the payload's shape and reads the values (in the
 * user's language) once, here; lib/data/reports save-month validates those numbers with lib/domain/validation, checks
 * permissions, locks and status, and merges by field with what others saved since the form's base version.
 */
import { revalidatePath } from "next/cache";
import { issueText } from "@/i18n/validation";
import { wordsIn } from "@/i18n/words";
import { viewerLocale, withInput } from "@/lib/auth/action";
import { type ValidationIssue, parseMonthValues } from "@/lib/domain/validation";
import { saveDraft, submitReport } from "@/lib/data/reports";
import { type MonthSavePayload, type MonthSaveResult, ZMonthSavePayload } from "@/lib/offline/month-payload";

export async function saveMonth(payload: MonthSavePayload): Promise<MonthSaveResult> {
  // The answer in the viewer's language (messages/*.json `monthSave`, `dataErrors`, `validation`).
  const locale = await viewerLocale();
  const words = wordsIn(locale);
  const say = (issue: ValidationIssue) => issueText((key, values) => words(`validation.${key}`, values), issue, locale);
  return withInput<MonthSaveResult, typeof ZMonthSavePayload>(
    "saveMonth",
    ZMonthSavePayload,
    payload,
    (f) => {
      const e = f.dataError;
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of e?.code === "INVALID" ? (e.details.issues ?? []) : [])
        (fieldErrors[issue.field] ??= []).push(say(issue));
      const c = e?.details.conflict;
      return {
        ok: false,
        code: f.code,
        message: f.message,
        retryable: f.retryable,
        fieldErrors,
        warnings: e?.code === "WARNINGS" ? e.details.issues?.map((w) => ({ ...w, message: say(w) })) : undefined,
        conflict: c && {
          serverVersion: c.serverVersion,
          serverValues: c.serverValues,
          lastSavedBy: c.lastSavedBy,
          lastSavedAt: c.lastSavedAt?.toISOString() ?? null,
          fields:
            c.fields ?? c.differences.map((d) => ({ field: d.field, base: null, mine: d.mine, theirs: d.server })),
        },
      };
    },
    async (viewer, p) => {
      // A save queued on this browser by someone else (who did not sign out) never lands under this session.
      if (p.userId !== viewer.id || p.communeId !== viewer.orgUnitId) {
        return {
          ok: false,
          code: "OTHER_USER",
          message: words("monthSave.otherUser"),
          retryable: true,
          fieldErrors: {},
        };
      }
      const parsed = parseMonthValues(p.values, p.locale);
      if (parsed.errors.length > 0) {
        return {
          ok: false,
          code: "INVALID",
          message: words("dataErrors.invalidValues"),
          retryable: false,
          fieldErrors: Object.fromEntries(parsed.errors.map((e) => [e.field, [say(e)]])),
        };
      }
      const baseValues = Object.fromEntries(Object.entries(p.baseValues).filter(([, v]) => v != null));
      // The numbers as read in the user's language go on, typed: the data layer applies the rules to them.
      const input = {
        communeId: p.communeId,
        period: p.period,
        version: p.baseVersion,
        values: parsed.values,
        baseValues,
      };
      const result =
        p.intent === "submit"
          ? await submitReport(viewer, { ...input, acknowledgedWarnings: p.acknowledged, warningNote: p.warningNote })
          : await saveDraft(viewer, input);
      revalidatePath("/entry");
      revalidatePath(`/entry/${p.period}`);
      return {
        ok: true,
        message:
          p.intent === "submit" ? words("monthSave.submitted") : words("monthSave.saved", { changed: result.changed }),
        version: result.version,
        status: result.status,
        values: result.values,
        merged: result.merged,
      };
    },
    { invalid: words("monthSave.badRequest") },
  );
}
