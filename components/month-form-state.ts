import type { RawCode } from "@/lib/domain/indicators";
import type { ValidationIssue } from "@/lib/domain/validation";

/** What the month form's server action returns (rendered next to the fields by useActionState). */
export interface MonthFormState {
  ok: boolean;
  code?: string;
  message: string | null;
  fieldErrors: Record<string, string[]>;
  warnings?: ValidationIssue[];
  conflict?: {
    serverVersion: number;
    serverStatus: string;
    lastSavedBy: string | null;
    lastSavedAt: string | null;
    differences: { field: RawCode; server: number | null; mine: number | null }[];
  };
  version?: number;
  status?: string;
}
