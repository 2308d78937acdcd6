/** A commune's stored values by month, and the previous months the validation rules compare a month with. */
import type { RawCode } from "@/lib/domain/indicators";
import { REFORM_START, addMonths } from "@/lib/domain/periods";
import { HISTORY_MONTHS, type MonthValues, REPORT_FIELDS } from "@/lib/domain/validation";
import type { Tx } from "./read-scope";

/** Values by period for one commune, as MonthValues. */
export async function valuesByPeriod(tx: Tx, orgUnitId: number, periods: string[]): Promise<Map<string, MonthValues>> {
  const rows = await tx.dataValue.findMany({
    where: { orgUnitId, period: { in: periods }, indicatorCode: { in: REPORT_FIELDS } },
    select: { period: true, indicatorCode: true, value: true },
  });
  const out = new Map<string, MonthValues>();
  for (const r of rows) {
    const m = out.get(r.period) ?? {};
    m[r.indicatorCode as RawCode] = r.value;
    out.set(r.period, m);
  }
  return out;
}

/** The months before `period` the validation rules look at (previous month first). */
export function historyPeriods(period: string): string[] {
  return Array.from({ length: HISTORY_MONTHS }, (_, i) => addMonths(period, -(i + 1))).filter((p) => p >= REFORM_START);
}

/** The validation context of `period`: the previous month's values (null without a report) and the reported history. */
export function contextFrom(values: Map<string, MonthValues>, period: string, reported: Set<string>) {
  const past = historyPeriods(period).filter((p) => reported.has(p));
  const previousPeriod = addMonths(period, -1);
  return {
    previous: reported.has(previousPeriod) ? (values.get(previousPeriod) ?? {}) : null,
    history: past.map((p) => values.get(p) ?? {}),
  };
}
