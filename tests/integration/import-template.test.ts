/**
 * Issue 23, item 4: the monthly template. Downloaded (as /import/template.xlsx builds it), filled in by a script as a
 * commune would in Excel, uploaded: the dry run shows the differences (old → new), the commit stores them, through the
 * same rules as the form. The workbook itself: 38 communes for the province, one for a commune, stored values filled
 * in, data validation on each value cell, codes and names locked, a hidden sheet with the version.
 */
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { closeDb } from "@/lib/data/db";
import { commit, dryRun } from "@/lib/data/import";
import { templateContent, templatePeriod } from "@/lib/data/import-template";
import { TEMPLATE_COLUMNS, TEMPLATE_VERSION, TEMPLATE_VERSION_SHEET } from "@/lib/domain/import/template";
import { TEMPLATE_HEADER_ROW, templateSheetName, templateWorkbook } from "@/lib/import/template-xlsx";
import { runAt } from "../support/clock";
import { demoDatabase, viewerOf } from "./support/reports";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
/** The running month (nothing stored yet), and the last month past its deadline (reports in every state). */
const PERIOD = "2026-11";
const FILLED = "2026-10";
let pool: pg.Pool;
let province: Viewer;
let commune: Viewer;
let analyst: Viewer;

const columnOf = (code: string) => 4 + TEMPLATE_COLUMNS.findIndex((c) => c.code === code);

async function download(viewer: Viewer, period = PERIOD): Promise<ExcelJS.Workbook> {
  const content = await templateContent(viewer, templatePeriod(period));
  const bytes = await templateWorkbook(content, { scopeLabel: "thử", generatedAt: TODAY });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function stored(code: string, indicator: string): Promise<number | null> {
  const { rows } = await pool.query<{ value: number }>(
    `SELECT v.value FROM data_value v JOIN org_unit u ON u.id = v.org_unit_id
     WHERE u.code = $1 AND v.period = $2 AND v.indicator_code = $3`,
    [code, PERIOD, indicator],
  );
  return rows[0]?.value ?? null;
}

beforeAll(async () => {
  pool = await demoDatabase(TODAY, 4);
  [province, commune, analyst] = await Promise.all([
    viewerOf(pool, "tinh"),
    viewerOf(pool, "xa-03637"),
    viewerOf(pool, "phantich"),
  ]);
}, 240_000);

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

describe("the monthly template", () => {
  it("the province's: 38 communes, stored values filled in, validation, locked codes, a hidden version sheet", async () => {
    const workbook = await download(province, FILLED);
    const sheet = workbook.getWorksheet(templateSheetName(FILLED))!;
    expect(sheet).toBeDefined();
    const header = sheet.getRow(TEMPLATE_HEADER_ROW).values as unknown[];
    expect(header.slice(1, 4)).toEqual(["Mã xã, phường", "Tên xã, phường", "Tháng"]);
    expect(header[columnOf("staff_cadres")]).toBe("Cán bộ (người)");
    const codes: string[] = [];
    for (let r = TEMPLATE_HEADER_ROW + 1; r <= sheet.rowCount; r++) codes.push(String(sheet.getCell(r, 1).value));
    expect(codes).toHaveLength(38);
    expect(new Set(codes).size).toBe(38);

    // What is stored is there, as numbers (and Có / Không for the one-stop shop).
    const { rows } = await pool.query<{ code: string; value: number }>(
      `SELECT u.code, v.value FROM data_value v JOIN org_unit u ON u.id = v.org_unit_id
       WHERE v.period = $1 AND v.indicator_code = 'staff_cadres'`,
      [FILLED],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { code, value } of rows) {
      const r = TEMPLATE_HEADER_ROW + 1 + codes.indexOf(code);
      expect(sheet.getCell(r, columnOf("staff_cadres")).value).toBe(value);
    }
    const flags = rows.map(
      ({ code }) => sheet.getCell(TEMPLATE_HEADER_ROW + 1 + codes.indexOf(code), columnOf("one_stop_operating")).value,
    );
    expect(flags.every((f) => f === "Có" || f === "Không" || f === null)).toBe(true);

    const first = TEMPLATE_HEADER_ROW + 1;
    expect(sheet.getCell(first, columnOf("staff_cadres")).dataValidation).toMatchObject({
      type: "whole",
      operator: "between",
      formulae: [0, 100_000_000],
    });
    expect(sheet.getCell(first, columnOf("one_stop_operating")).dataValidation).toMatchObject({
      type: "list",
      formulae: ['"Có,Không"'],
    });
    // Codes, names and the month are locked (the default) on a protected sheet; value cells of an open report are not.
    expect(sheet.getCell(first, 1).protection?.locked).not.toBe(false);
    expect(sheet.getCell(first, 3).value).toEqual(new Date(Date.UTC(2026, 9, 1)));
    expect((sheet as unknown as { sheetProtection?: object }).sheetProtection).toMatchObject({ sheet: true });
    const open = await pool.query<{ code: string }>(
      `SELECT u.code FROM org_unit u JOIN org_unit p ON p.id = u.parent_id AND p.code = '12'
       WHERE u.level = 'COMMUNE' AND NOT EXISTS (SELECT 1 FROM monthly_report r WHERE r.org_unit_id = u.id AND r.period = $1 AND r.status = 'APPROVED')
       ORDER BY u.code LIMIT 1`,
      [FILLED],
    );
    const openRow = TEMPLATE_HEADER_ROW + 1 + codes.indexOf(open.rows[0]!.code);
    expect(sheet.getCell(openRow, columnOf("staff_cadres")).protection).toMatchObject({ locked: false });

    const version = workbook.getWorksheet(TEMPLATE_VERSION_SHEET)!;
    expect(version.state).toBe("hidden");
    expect(version.getCell(2, 2).value).toBe(TEMPLATE_VERSION);
    expect(version.getCell(3, 2).value).toBe(FILLED);
  });

  it("a commune's holds its own unit only; an analyst gets none; a month that cannot be reported is refused", async () => {
    const sheet = (await download(commune)).getWorksheet(templateSheetName(PERIOD))!;
    expect(sheet.rowCount).toBe(TEMPLATE_HEADER_ROW + 1);
    expect(sheet.getCell(TEMPLATE_HEADER_ROW + 1, 1).value).toBe("03637");
    await expect(templateContent(analyst, PERIOD)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(() => templatePeriod("2026-12")).toThrow(/không hợp lệ/);
    expect(() => templatePeriod("2025-06")).toThrow(/không hợp lệ/);
    expect(templatePeriod(null)).toBe(PERIOD);
  });

  it("downloaded, filled in by a script, uploaded: the dry run shows old → new, the commit stores the values", async () => {
    const workbook = await download(commune);
    const sheet = workbook.getWorksheet(templateSheetName(PERIOD))!;
    const row = TEMPLATE_HEADER_ROW + 1;
    const before = await stored("03637", "pages_digitised");
    const next = (before ?? 0) + 123;
    sheet.getCell(row, columnOf("pages_digitised")).value = next;
    sheet.getCell(row, columnOf("one_stop_operating")).value = "Có";
    const bytes = await bytesOf(workbook);

    const dry = await dryRun(commune, { name: "mau.xlsx", bytes });
    expect(dry.fileError).toBeNull();
    expect(dry.counts.error).toBe(0);
    const change = dry.rows.find((r) => r.indicatorCode === "pages_digitised")!;
    expect(change).toMatchObject({ outcome: before === null ? "new" : "changed", old: before, value: next });
    expect(change.place).toBe(
      `Trang “${templateSheetName(PERIOD)}”, ô ${String.fromCharCode(64 + columnOf("pages_digitised"))}${row}`,
    );
    expect(dry.rows.find((r) => r.indicatorCode === "one_stop_operating")).toMatchObject({ value: 1 });
    expect(dry.counts.new + dry.counts.changed).toBeGreaterThanOrEqual(1);
    expect(await stored("03637", "pages_digitised")).toBe(before);

    const done = await commit(commune, { name: "mau.xlsx", bytes });
    expect(done.committed).toBe(true);
    expect(await stored("03637", "pages_digitised")).toBe(next);
    expect(await stored("03637", "one_stop_operating")).toBe(1);

    // The same rules as the form: a value the form refuses is refused on its cell.
    sheet.getCell(row, columnOf("proc_received")).value = 10;
    sheet.getCell(row, columnOf("proc_received_online")).value = 999_999;
    const refused = await dryRun(commune, { name: "mau.xlsx", bytes: await bytesOf(workbook) });
    expect(refused.counts.error).toBeGreaterThan(0);
    expect(refused.rows.find((r) => r.outcome === "error")!.messages.join()).toMatch(/trực tuyến/);
  });

  it("the province's template, unchanged, reads back as 0 changes", async () => {
    const dry = await dryRun(province, { name: "mau.xlsx", bytes: await bytesOf(await download(province, FILLED)) });
    expect(dry.fileError).toBeNull();
    expect(dry.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
    expect(dry.counts.unchanged).toBeGreaterThan(0);
  });
});
