/**
 * Who may change a commune-month by import: roles, locked months, report statuses (the form's rules), and since
 * issue 23 which of its cells a refusal falls on: a value the file leaves as it is stays what it is whatever the
 * report's state (an export of approved months reads back as "0 thay đổi"); only a real change to a locked or approved
 * month is refused, on its cell. ./plan.ts applies it to every commune-month of a file.
 */
import { formatPeriodVi } from "../periods";
import type { ImportActor, StoredMonth } from "./plan";

export interface MonthRefusal {
  message: string;
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
  const message =
    actor.role === "ANALYST"
      ? "Tài khoản phân tích số liệu không được nhập số liệu"
      : actor.role === "COMMUNE" && communeCode !== actor.communeCode
        ? `Tài khoản xã, phường chỉ được nhập số liệu của đơn vị mình (dòng này thuộc xã, phường mã ${communeCode})`
        : lockedPeriods.has(period)
          ? `Tháng ${formatPeriodVi(period)} đã khoá sổ: không thể thay đổi số liệu`
          : stored?.status === "APPROVED"
            ? `Báo cáo tháng ${formatPeriodVi(period)} của xã, phường mã ${communeCode} đã được duyệt: chỉ xem, không sửa được`
            : stored?.status === "SUBMITTED" && actor.role === "COMMUNE"
              ? `Báo cáo tháng ${formatPeriodVi(period)} đã nộp và đang chờ tỉnh duyệt: không sửa được`
              : null;
  if (message === null) return null;
  // Marking a month received writes its report's status: a locked month is refused whole then.
  const onlyChanges =
    actor.role !== "ANALYST" &&
    !(actor.role === "COMMUNE" && communeCode !== actor.communeCode) &&
    !(actor.markReceived && lockedPeriods.has(period) && stored?.status !== "APPROVED");
  return { message, onlyChanges };
}
