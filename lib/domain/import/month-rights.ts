/**
 * Who may change a commune-month by import: roles, locked months, report statuses (the form's rules), and since
 * issue 23 which of its cells a refusal falls on: a value the file leaves as it is stays what it is whatever the
 * report's state (an export of approved months reads back as "0 thay đổi"); only a real change to a locked or approved
 * month is refused, on its cell. ./plan.ts applies it to every commune-month of a file.
 */
import { formatPeriodVi } from "../periods";
import type { ImportActor, StoredMonth } from "./plan";
import { type ImportWording, importMessageVi, importWording } from "./refusals";

export interface MonthRefusal {
  message: string;
  wording: ImportWording;
  /** The refusal falls only on the cells that would change a value (else on every cell of the month). */
  onlyChanges: boolean;
}

export function monthRefusal(
  communeCode: string,
  period: string,
  stored: StoredMonth | null,
  lockedPeriods: ReadonlySet<string>,
  actor: ImportActor,
): MonthRefusal | null {
  const month = () => formatPeriodVi(period);
  const wording =
    actor.role === "ANALYST"
      ? importWording("analyst")
      : actor.role === "COMMUNE" && communeCode !== actor.communeCode
        ? importWording("otherCommune", { code: communeCode })
        : lockedPeriods.has(period)
          ? importWording("locked", { month: month() })
          : stored?.status === "APPROVED"
            ? importWording("approved", { month: month(), code: communeCode })
            : stored?.status === "SUBMITTED" && actor.role === "COMMUNE"
              ? importWording("submitted", { month: month() })
              : null;
  if (wording === null) return null;
  // Marking a month received writes its report's status: a locked month is refused whole then.
  const onlyChanges =
    actor.role !== "ANALYST" &&
    !(actor.role === "COMMUNE" && communeCode !== actor.communeCode) &&
    !(actor.markReceived && lockedPeriods.has(period) && stored?.status !== "APPROVED");
  return { message: importMessageVi(wording), wording, onlyChanges };
}
