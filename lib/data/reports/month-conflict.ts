/** What a save that lost a race is told: what is stored now, who saved it, and where it differs from the form. */
import type { FieldConflict } from "@/lib/domain/merge";
import { type MonthValues, diffValues } from "@/lib/domain/validation";
import type { ConflictDetails } from "../errors";
import { valuesByPeriod } from "./month-values";
import type { Tx } from "./read-scope";

/** The refusals' words (messages/*.json `dataErrors`): said in the viewer's language by the action layer. */
export const CONFLICT_MESSAGE = { key: "conflict" };
export const MERGE_CONFLICT_MESSAGE = { key: "mergeConflict" };

export async function lastSaver(tx: Tx, orgUnitId: number, period: string) {
  return tx.auditLog.findFirst({
    where: { entity: "monthly_report", orgUnitId, period },
    orderBy: { id: "desc" },
    select: { username: true, at: true },
  });
}

export async function conflictDetails(
  tx: Tx,
  orgUnitId: number,
  period: string,
  mine: MonthValues,
  fields?: FieldConflict[],
): Promise<ConflictDetails> {
  const report = await tx.monthlyReport.findUnique({ where: { orgUnitId_period: { orgUnitId, period } } });
  const server = (await valuesByPeriod(tx, orgUnitId, [period])).get(period) ?? {};
  const last = await lastSaver(tx, orgUnitId, period);
  return {
    serverValues: server,
    fields,
    serverVersion: report?.version ?? 0,
    serverStatus: report?.status ?? "MISSING",
    lastSavedBy: last?.username ?? null,
    lastSavedAt: last?.at ?? null,
    differences: diffValues(server, mine).map((d) => ({ field: d.field, server: d.old, mine: d.new })),
  };
}
