/**
 * Monthly reports: the only code that reads or writes monthly_report, its data_value rows and period_lock, one use
 * case per file (as documenso's packages/lib/server-only). Every use case takes the acting Viewer first, checks
 * lib/domain/permissions and scopes its query with the viewer (a commune user's writes use viewer.orgUnitId, never an
 * id from the request). Each write runs in one transaction (lib/data/transaction.ts) with its audit rows, at the one
 * instant it is given (lib/clock's now() by default), and writes values and audit rows through lib/data/values.ts.
 */
export { DataError } from "../errors";
export type { ReportStatus } from "@/lib/domain/report-status";
export { latestOpenPeriod } from "./read-scope";
export { type MonthRow, listCommuneMonths } from "./list-commune-months";
export { DECISION_ACTIONS, type Decision, type DecisionAction, recentDecisions } from "./list-recent-decisions";
export { type MonthForm, loadMonthForm } from "./load-month-form";
export { type SaveInput, type SaveResult, saveDraft, submitReport } from "./save-month";
export { type QueueItem, approvalQueue } from "./approval-queue";
export { approveReport } from "./approve-report";
export { returnReport } from "./return-report";
export { reopenReport } from "./reopen-report";
export { bulkApprove } from "./bulk-approve";
export { listPeriodLocks, lockPeriod, unlockPeriod } from "./period-locks";
