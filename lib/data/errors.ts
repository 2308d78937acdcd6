/**
 * Expected refusals of the data layer. Server actions show `message` to the user (it is Vietnamese and safe), or,
 * for a refusal made with a catalogue key (`text`), that message in the viewer's language (lib/auth/action.ts);
 * anything else thrown is unexpected and gets a generic message and a log line.
 */
import { wordsIn } from "@/i18n/words";
import type { RawCode } from "@/lib/domain/indicators";
import type { FieldConflict } from "@/lib/domain/merge";
import type { MonthValues, ValidationIssue } from "@/lib/domain/validation";
import { type SchemaRules, type Wording, schemaWording } from "@/lib/domain/wording";

export type DataErrorCode =
  | "FORBIDDEN" // the viewer's role or commune may not do this
  | "NOT_FOUND"
  | "INVALID" // input breaks a rule (validation errors in `issues`)
  | "LOCKED" // the month is locked (period_lock)
  | "READ_ONLY" // the report's status does not allow this (approved, or waiting for review)
  | "CONFLICT" // someone else saved first (optimistic concurrency): see `conflict`
  | "WARNINGS" // submission with warnings not acknowledged: see `issues`
  | "BUSY"; // the bounded CPU work (lib/workers/pool.ts) is full for this user or for all: try again shortly

export interface ConflictDetails {
  serverVersion: number;
  serverStatus: string;
  /** Who saved last, and when (from the audit log), when known. */
  lastSavedBy: string | null;
  lastSavedAt: Date | null;
  /** Fields where what is stored differs from what the user sent. */
  differences: { field: RawCode; server: number | null; mine: number | null }[];
  /** What is stored now (the new base for the user's next save). */
  serverValues: MonthValues;
  /** With a merge: only the fields both sides changed (lib/domain/merge); without one, undefined. */
  fields?: FieldConflict[];
}

/** A message of the catalogue's `dataErrors` namespace (messages/*.json) and its values. */
export interface DataErrorText {
  key: string;
  values?: Record<string, string | number>;
}

export class DataError extends Error {
  /** Set when the message comes from the catalogue: the action layer says it in the viewer's language. */
  readonly text: DataErrorText | undefined;

  /** `message`: Vietnamese text, or a catalogue key whose Vietnamese becomes the message. */
  constructor(
    readonly code: DataErrorCode,
    message: string | DataErrorText,
    readonly details: { issues?: ValidationIssue[]; conflict?: ConflictDetails } = {},
  ) {
    super(typeof message === "string" ? message : inVietnamese(message));
    this.text = typeof message === "string" ? undefined : message;
    this.name = "DataError";
  }
}

/** A catalogue refusal's Vietnamese text: what its DataError's `message` is (and the `/api/v1` bodies say). */
export function inVietnamese(text: DataErrorText): string {
  return wordsIn("vi")(`dataErrors.${text.key}`, text.values);
}

/** A domain rule's refusal (lib/domain/wording.ts) in the catalogue: `dataErrors.<area>.<rule>` with its figures. */
export function ruleRefusal(area: string, wording: Wording): DataError {
  return new DataError("INVALID", { key: `${area}.${wording.rule}`, values: wording.values });
}

/** A zod schema's refusal: its first issue's rule in `area`, or its message as it is when that names no rule. */
export function schemaRefusal(area: string, rules: SchemaRules, error: { issues: { message: string }[] }): DataError {
  const message = error.issues[0]!.message;
  const wording = schemaWording(rules, message);
  return wording ? ruleRefusal(area, wording) : new DataError("INVALID", message);
}

export const FORBIDDEN_MESSAGE = inVietnamese({ key: "forbidden" });

export function forbidden(message: string | DataErrorText = { key: "forbidden" }): DataError {
  return new DataError("FORBIDDEN", message);
}
