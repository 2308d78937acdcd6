import { describe, expect, it } from "vitest";
import type { ImportCatalogue } from "@/lib/domain/import/cells";
import { CellStore } from "@/lib/domain/import/cell-store";
import { PlanMerger, batchCount, batchesToLoad, communeBatches, planBatch } from "@/lib/domain/import/plan-batches";
import { type ImportState, monthKey, monthsToLoad, parseImportFile, planCells } from "@/lib/domain/import/plan";
import { summarisePlan } from "@/lib/domain/import/summary";
import { REPORT_FIELDS } from "@/lib/domain/validation";

// A large file is planned a batch of communes at a time (issue 23, item 8): the same summary as planned whole.
const CODES = ["03637", "03388", "03400", "03410", "03420"];
const catalogue: ImportCatalogue = {
  communes: new Map(CODES.map((c) => [c, { provinceCode: "12" }])),
  latestPeriod: "2026-12",
};
const LONG = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status";
const MONTH: Record<string, number> = Object.fromEntries(REPORT_FIELDS.map((f) => [f, 5]));
Object.assign(MONTH, { staff_quota: 300, staff_cadres: 20, proc_received: 100, proc_received_online: 50 });
Object.assign(MONTH, { proc_resolved_early: 10, proc_resolved_on_time: 60, proc_resolved_late: 2, proc_pending: 8 });
Object.assign(MONTH, { shortage_finance: 1, shortage_construction: 0, shortage_land: 1, shortage_it: 0 });
Object.assign(MONTH, { one_stop_operating: 1, feedback_received: 5, feedback_resolved: 4 });

/** Months and communes interleaved (month by month), with errors of every kind among them. */
function file(): string {
  const lines = [LONG];
  for (const period of ["2025-07", "2025-08", "2025-09", "2025-10"])
    for (const code of CODES)
      for (const f of REPORT_FIELDS) {
        let v: string = String(MONTH[f]);
        if (code === "03388" && period === "2025-08" && f === "proc_pending") v = "abc"; // not a number
        if (code === "03400" && period === "2025-09" && f === "proc_received_online") v = "500"; // > received
        lines.push(`12,${code},,${period},${f},,${v},,`);
      }
  lines.push(`12,03637,,2025-07,staff_quota,,301,,`); // a copy of a cell, with another value
  lines.push(`12,99999,,2025-07,staff_quota,,1,,`); // no such commune
  lines.push(`12,03410,,2025-08,staff_quota,,300,,`); // a copy with the same value
  return `${lines.join("\n")}\n`;
}

const state: ImportState = {
  months: new Map([
    [monthKey("03420", "2025-07"), { reportId: 7, status: "APPROVED", version: 2, values: { staff_quota: 299 } }],
    [monthKey("03410", "2025-07"), { reportId: 8, status: "DRAFT", version: 1, values: { staff_quota: 300 } }],
  ]),
  lockedPeriods: new Set(["2025-10"]),
};
const actor = { role: "PROVINCE" as const, communeCode: null };

function both(limit: number, cellsPerBatch: number) {
  const bytes = new TextEncoder().encode(file());
  const whole = parseImportFile(bytes, catalogue);
  if (!whole.ok) throw new Error(whole.message);
  const expected = summarisePlan(planCells(whole, state, actor, { rowLimit: limit }));

  const store = new CellStore();
  const read = parseImportFile(bytes, catalogue, { onCell: (c) => store.push(c) });
  if (!read.ok) throw new Error(read.message);
  expect(read.cells).toEqual([]);
  const stored = { ...read, store };
  const batchOf = communeBatches(store, cellsPerBatch);
  const merger = new PlanMerger(stored, limit);
  const n = batchCount(batchOf);
  if (n > 1) merger.add(planBatch(stored, batchOf, -1, { months: new Map(), lockedPeriods: new Set() }, actor, limit));
  const wanted = batchesToLoad(store, batchOf);
  for (let b = 0; b < n; b++) {
    // Each batch sees only its own communes' stored months.
    const months = new Map([...state.months].filter(([k]) => wanted[b]!.has(k.split("|")[0]!)));
    merger.add(planBatch(stored, batchOf, b, { ...state, months }, actor, limit));
  }
  return { expected, actual: merger.summary(false), batches: n, wanted, whole };
}

describe("planning a file a batch of communes at a time", () => {
  it("gives the summary of the whole file: counts, rows by line, months, warnings", () => {
    for (const [limit, perBatch] of [
      [500, 60],
      [5, 60],
      [3, 19],
      [500, 1_000_000],
    ] as const) {
      const { expected, actual, batches } = both(limit, perBatch);
      if (perBatch < 1000) expect(batches).toBeGreaterThan(2);
      else expect(batches).toBe(1);
      expect(actual.counts).toEqual(expected.counts);
      expect(actual.counts.error).toBeGreaterThan(3);
      expect(actual.rows).toEqual(expected.rows);
      expect(actual.totalRows).toBe(expected.totalRows);
      expect(actual.truncated).toBe(expected.truncated);
      expect(actual.months).toEqual(expected.months);
      const byPlace = (w: { communeCode: string; period: string }) => `${w.communeCode}|${w.period}`;
      expect(actual.warnings.map(byPlace).sort()).toEqual(expected.warnings.map(byPlace).sort());
    }
  });

  it("loads per batch exactly the commune-months the whole file needs", () => {
    const { wanted, whole } = both(500, 60);
    const all = monthsToLoad(whole.ok ? whole.cells : []);
    const merged = new Map<string, Set<string>>();
    for (const w of wanted)
      for (const [code, periods] of w) {
        expect(merged.has(code)).toBe(false); // a commune is in one batch
        merged.set(code, periods);
      }
    expect(merged).toEqual(all);
  });

  it("keeps the months to write when nothing is wrong", () => {
    const lines = [LONG];
    for (const code of CODES)
      for (const period of ["2025-07", "2025-08"])
        for (const f of REPORT_FIELDS) lines.push(`12,${code},,${period},${f},,${MONTH[f]},,`);
    const bytes = new TextEncoder().encode(`${lines.join("\n")}\n`);
    const store = new CellStore();
    const read = parseImportFile(bytes, catalogue, { onCell: (c) => store.push(c) });
    if (!read.ok) throw new Error(read.message);
    const stored = { ...read, store };
    const batchOf = communeBatches(store, 40);
    expect(batchCount(batchOf)).toBe(5);
    const merger = new PlanMerger(stored, 500);
    const empty: ImportState = { months: new Map(), lockedPeriods: new Set() };
    merger.add(planBatch(stored, batchOf, -1, empty, actor, 500));
    let cells = 0;
    for (let b = 0; b < 5; b++) {
      const plan = planBatch(stored, batchOf, b, empty, actor, 500);
      expect(plan.months.map((m) => m.communeCode)).toEqual([CODES[b], CODES[b]]);
      cells += plan.months.reduce((n, m) => n + m.cells.length, 0);
      merger.add(plan);
    }
    expect(cells).toBe(CODES.length * 2 * REPORT_FIELDS.length);
    const summary = merger.summary(true);
    expect(summary.counts.new).toBe(cells);
    expect(summary.months).toEqual({ total: 10, created: 10, received: 10 });
  });
});
