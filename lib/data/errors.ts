/**
 * Expected refusals of the data layer. Server actions show `message` to the user (it is Vietnamese and safe);
 * anything else thrown is unexpected and gets a generic message and a log line.
 */
import type { RawCode } from "@/lib/domain/indicators";
import type { FieldConflict } from "@/lib/domain/merge";
import type { MonthValues, ValidationIssue } from "@/lib/domain/validation";

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

export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
    readonly details: { issues?: ValidationIssue[]; conflict?: ConflictDetails } = {},
  ) {
    super(message);
    this.name = "DataError";
  }
}

export const FORBIDDEN_MESSAGE = "Bạn không có quyền thực hiện thao tác này.";

export function forbidden(message = FORBIDDEN_MESSAGE): DataError {
  return new DataError("FORBIDDEN", message);
}
