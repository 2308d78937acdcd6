/**
 * What every write of lib/data/reports shares: its transaction (with the notices its status changes send), the hold on
 * month locks, and the refusal of a month that is read-only (lib/domain/month-editability, the one rule).
 */
import { type MonthState, type ReadOnlyReason, monthEditability } from "@/lib/domain/month-editability";
import type { NoticeMail } from "@/lib/domain/notices";
import { sendNoticeMails } from "@/lib/mail/notices";
import { DataError, forbidden } from "../errors";
import { type NoticeEvent, writeNotices } from "../notices";
import { transaction } from "../transaction";
import type { Tx } from "./read-scope";

export type Notify = (events: NoticeEvent[], at: Date) => Promise<void>;

/**
 * One transaction whose status changes tell people (lib/data/notices): `notify` writes the notices inside it, and once
 * it has committed their e-mails are handed to lib/mail, which sends them without being waited for.
 */
export async function transactionWithNotices<T>(fn: (tx: Tx, notify: Notify) => Promise<T>): Promise<T> {
  const mails: NoticeMail[] = [];
  const result = await transaction((tx) =>
    fn(tx, async (events, at) => {
      mails.push(...(await writeNotices(tx, events, at)));
    }),
  );
  sendNoticeMails(mails);
  return result;
}

/**
 * Month locks cannot change while this transaction writes reports: SHARE mode lets saves run side by side, but makes
 * lockPeriod's INSERT wait until they commit, and a save that starts after a lock waits for it and then sees it
 * (without this, a save that had read "not locked" could still commit after the lock). The import does the same.
 */
export async function holdMonthLocks(tx: Tx) {
  await tx.$executeRawUnsafe("LOCK TABLE period_lock IN SHARE MODE");
}

/**
 * The data layer's refusal of a read-only month, worded by the catalogue (`dataErrors.readOnly`: in Vietnamese as
 * lib/domain/month-editability's readOnlyRefusalVi says it).
 */
export function readOnlyError(reason: ReadOnlyReason, period: string): DataError {
  const message = { key: `readOnly.${reason}`, values: { month: `${period.slice(5)}/${period.slice(0, 4)}` } };
  switch (reason) {
    case "NOT_EDITOR":
      return forbidden(message);
    case "NOT_OPEN":
      return new DataError("INVALID", message);
    case "LOCKED":
      return new DataError("LOCKED", message);
    case "APPROVED":
    case "SUBMITTED":
      return new DataError("READ_ONLY", message);
  }
}

/** Throws the refusal when the month, as far as it is known here, is read-only. */
export function assertEditable(month: MonthState): void {
  const editability = monthEditability(month);
  if (!editability.editable) throw readOnlyError(editability.reason, month.period);
}

export async function assertUnlocked(tx: Tx, period: string) {
  const lock = await tx.periodLock.findUnique({ where: { period } });
  if (lock) throw readOnlyError("LOCKED", period);
}
