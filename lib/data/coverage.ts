/** How many reports each month of a scope has received, and which months are locked (lib/domain/coverage.ts). */
import type { MonthCoverage } from "@/lib/domain/coverage";
import { type Period, type PeriodRange, periodsInRange } from "@/lib/domain/periods";
import { type Scope, scopeCondition } from "./aggregates";
import { readRows, sql } from "./read-sql";

/** Reports received and expected for every month of the range (months with none received included). */
export async function monthCoverages(scope: Scope, range: PeriodRange): Promise<MonthCoverage[]> {
  const cond = scopeCondition(scope);
  const rows = await readRows<{ period: Period; received: number; expected: number }>(
    sql`SELECT r.period, count(*)::int AS received, (SELECT count(*) FROM org_unit u WHERE ${cond})::int AS expected
     FROM org_unit u JOIN monthly_report r ON r.org_unit_id = u.id AND r.period BETWEEN ${range.from}::text AND ${range.to}::text
       AND r.status IN ('SUBMITTED', 'APPROVED')
     WHERE ${cond} GROUP BY r.period`,
  );
  const expected = rows[0]?.expected ?? (await unitCount(scope));
  const byPeriod = new Map(rows.map((r) => [r.period, r.received]));
  return periodsInRange(range.from, range.to).map((period) => ({
    period,
    received: byPeriod.get(period) ?? 0,
    expected,
  }));
}

async function unitCount(scope: Scope): Promise<number> {
  const rows = await readRows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM org_unit u WHERE ${scopeCondition(scope)}`,
  );
  return rows[0]?.n ?? 0;
}

/** Whether every month of the range is locked (period_lock): its figures are final even with reports missing. */
export async function isRangeLocked(range: PeriodRange): Promise<boolean> {
  const rows = await readRows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM period_lock WHERE period BETWEEN ${range.from}::text AND ${range.to}::text`,
  );
  return (rows[0]?.n ?? 0) === periodsInRange(range.from, range.to).length;
}

/** The newest month up to `upTo` in which the commune has a received report (SUBMITTED or APPROVED), or null. */
export async function latestReceivedPeriod(communeCode: string, upTo: Period): Promise<Period | null> {
  const rows = await readRows<{ period: Period | null }>(
    sql`SELECT max(r.period) AS period FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
     WHERE u.code = ${communeCode}::text AND u.level = 'COMMUNE' AND r.period <= ${upTo}::text
       AND r.status IN ('SUBMITTED', 'APPROVED')`,
  );
  return rows[0]?.period ?? null;
}
