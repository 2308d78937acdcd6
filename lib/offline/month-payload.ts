/**
 * What the month form's offline queue sends and what the server action answers: the payload's type and its schema
 * (checked by app/entry/actions.ts on the server): the type is the schema's, so they cannot drift apart.
 */
import { z } from "zod";
import type { FieldConflict } from "@/lib/domain/merge";
import type { RawCode } from "@/lib/domain/indicators";
import { isPeriod } from "@/lib/domain/periods";
import { type MonthValues, REPORT_FIELDS, type ValidationIssue } from "@/lib/domain/validation";

const fieldRecord = <T extends z.ZodType>(value: T) =>
  z
    .object(Object.fromEntries(REPORT_FIELDS.map((f) => [f, value.optional()])) as Record<RawCode, z.ZodOptional<T>>)
    .strict();

/**
 * One save of the month form, as the offline queue keeps it and the server action receives it: the values as typed,
 * and the version and values the form started from (the base of the server's merge by field). The server checks its
 * shape with this schema (the values themselves are read and validated by lib/domain/validation).
 */
export const ZMonthSavePayload = z.object({
  /** The user the values were typed by and the commune they are for: the server refuses them under anyone else's session. */
  userId: z.string().min(1).max(200),
  communeId: z.number().int().min(1).max(2_147_483_647),
  period: z.string().refine(isPeriod),
  intent: z.enum(["save", "submit"]),
  baseVersion: z.number().int().min(0),
  baseValues: fieldRecord(z.number().finite().nullable()),
  values: fieldRecord(z.string().max(40)),
  acknowledged: z.array(z.string().max(200)).max(100),
  /**
   * The submitter's note on the warnings they confirm (sent with a submission; absent from saves queued by older
   * forms). Bounded here only as a request; lib/data/reports refuses a note over WARNING_NOTE_MAX with a message.
   */
  warningNote: z.string().max(2000).optional(),
  /** The interface's language the values were typed in (lib/domain/numbers reads "1.234" by it). */
  locale: z.enum(["vi", "en"]),
});

export type MonthSavePayload = z.infer<typeof ZMonthSavePayload>;

/** A refusal: the form shows it, and the queue keeps the save when it is retryable. */
export type MonthSaveRefusal = Extract<MonthSaveResult, { ok: false }>;

export type MonthSaveResult =
  | {
      ok: true;
      message: string;
      version: number;
      status: string;
      /** What is stored now: the form's new base (and its values, with others' merged changes). */
      values: MonthValues;
      merged: { fields: RawCode[]; by: string | null } | null;
    }
  | {
      ok: false;
      /**
       * DataError codes, UNAUTHENTICATED, UNAVAILABLE, DISK_FULL, UNEXPECTED (lib/auth/action), OTHER_USER (the save was
       * typed by another user than the one signed in now).
       */
      code: string;
      message: string;
      /** Sending the same save again later may succeed (database back, signed in again): the queue keeps it. */
      retryable: boolean;
      fieldErrors: Record<string, string[]>;
      warnings?: ValidationIssue[];
      conflict?: {
        serverVersion: number;
        serverValues: MonthValues;
        lastSavedBy: string | null;
        lastSavedAt: string | null;
        /** With a merge: only the fields both changed. Without (an old client): every differing field. */
        fields: FieldConflict[];
      };
    };
