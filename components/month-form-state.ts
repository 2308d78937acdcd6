import type { Locale } from "@/lib/domain/format";
import type { FieldConflict } from "@/lib/domain/merge";
import type { RawCode } from "@/lib/domain/indicators";
import type { MonthValues, ValidationIssue } from "@/lib/domain/validation";

/**
 * One save of the month form, as the offline queue keeps it and the server action receives it: the values as typed,
 * and the version and values the form started from (the base of the server's merge by field).
 */
export interface MonthSavePayload {
  /** The user the values were typed by and the commune they are for: the server refuses them under anyone else's session. */
  userId: string;
  communeId: number;
  period: string;
  intent: "save" | "submit";
  baseVersion: number;
  baseValues: MonthValues;
  values: Record<string, string>;
  acknowledged: string[];
  /** The interface's language the values were typed in (lib/domain/numbers reads "1.234" by it). */
  locale: Locale;
}

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
