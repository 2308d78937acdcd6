/**
 * The Excel export: streamed from PostgreSQL by lib/data/export-xlsx.ts, opened again with exceljs's reader, and
 * checked as an analyst would use it: typed cells, Vietnamese headers, sums that match the dashboards.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { roundTo } from "@/lib/domain/aggregate";
import { ZExportOptions } from "@/lib/domain/export-options";
import { formatInteger, formatPercent } from "@/lib/domain/format";
import type { Actor } from "@/lib/domain/permissions";
import { closeDb, db } from "@/lib/data/db";
import { seedDemoIfEmpty } from "@/lib/data/demo-seed";
import { prepareExport } from "@/lib/data/export";
import { streamExportXlsx } from "@/lib/data/export-xlsx";
import { provinceOverview } from "@/lib/data/overview";
import { resetDatabase, withClient } from "./support/db";
import { readAll } from "./support/streams";

const analyst: Actor = { role: "ANALYST", orgUnitId: null };
const EXPORTED_AT = new Date("2026-11-28T03:00:00Z");

beforeAll(async () => {
  await withClient(async (c) => {
    await resetDatabase(c);
    await seedDemoIfEmpty(c, new Date("2026-11-28T03:00:00Z"));
  });
});
afterAll(closeDb);

async function workbook(query: Record<string, string>, actor: Actor = analyst): Promise<ExcelJS.Workbook> {
  const stream = await streamExportXlsx(await prepareExport(actor, ZExportOptions.parse(query)), EXPORTED_AT);
  const bytes = await readAll(stream);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** The data sheet as records keyed by header, keeping each cell's own value (number, string). */
function records(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const out: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}

const month = (v: ExcelJS.CellValue) =>
  v instanceof Date ? `${String(v.getUTCMonth() + 1).padStart(2, "0")}/${v.getUTCFullYear()}` : `text ${String(v)}`;

describe("xlsx export", () => {
  it("wide: typed cells, Vietnamese headers with units, frozen header, autofilter, and the dashboard's 13.054", async () => {
    const book = await workbook({
      from: "2025-07",
      to: "2025-09",
      format: "wide",
      indicators: "staff_quota,proc_on_time_rate",
      computed: "1",
    });
    expect(book.worksheets.map((s) => s.name)).toEqual(["Số liệu", "Giải thích", "Thông số xuất"]);
    const sheet = book.getWorksheet("Số liệu")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      "Mã tỉnh",
      "Mã xã, phường",
      "Tên xã, phường",
      "Tháng",
      "Trạng thái báo cáo",
      "Biên chế được giao (CB, CC, VC cấp xã) (người)",
      "Tỷ lệ giải quyết TTHC đúng và trước hạn (%)",
      "Số liệu tháng tạm tính",
    ]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const rows = records(sheet);
    expect(rows).toHaveLength(38 * 3);
    const code = rows.find((r) => r["Mã xã, phường"] === "03388");
    expect(code, "commune code kept as text with its leading zero").toBeDefined();
    const codeCell = sheet.getRow(rows.indexOf(code!) + 2).getCell(2);
    expect(codeCell.type).toBe(ExcelJS.ValueType.String);
    expect(rows.every((r) => typeof r["Biên chế được giao (CB, CC, VC cấp xã) (người)"] === "number")).toBe(true);
    // Issue 23: the month is a date cell shown as MM/YYYY (as text, 01/2026 sorted before 07/2025).
    expect(new Set(rows.map((r) => month(r["Tháng"])))).toEqual(new Set(["07/2025", "08/2025", "09/2025"]));
    expect(sheet.getRow(2).getCell(4).numFmt).toBe("mm/yyyy");
    expect(new Set(rows.map((r) => r["Trạng thái báo cáo"]))).toEqual(new Set(["Đã duyệt"]));

    const quota = rows
      .filter((r) => month(r["Tháng"]) === "09/2025")
      .reduce((a, r) => a + (r["Biên chế được giao (CB, CC, VC cấp xã) (người)"] as number), 0);
    const dashboard = (await provinceOverview("12", { from: "2025-09", to: "2025-09" })).value("staff_quota")!;
    expect(quota).toBe(dashboard);
    expect(formatInteger(quota)).toBe("13.054");

    // Percentages are fractions shown with a percent format.
    const rateCell = sheet.getRow(2).getCell(7);
    expect(rateCell.numFmt).toBe("0.0%");
    expect(rateCell.value as number).toBeGreaterThan(0.5);
    expect(rateCell.value as number).toBeLessThanOrEqual(1);
    expect(sheet.getRow(2).getCell(6).numFmt).toBe("#,##0");
  });

  it("long: the on-time rate of Q3/2025 recomputed from the rows is the dashboard's 98,8%", async () => {
    const book = await workbook({
      from: "2025-07",
      to: "2025-09",
      indicators: "proc_resolved_early,proc_resolved_on_time,proc_resolved_late",
      header: "code",
    });
    const sheet = book.getWorksheet("Số liệu")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      "Mã tỉnh",
      "Mã xã, phường",
      "Tên xã, phường",
      "Tháng",
      "Mã chỉ tiêu",
      "Tên chỉ tiêu",
      "Giá trị",
      "Đơn vị tính",
      "Trạng thái báo cáo",
      "Số liệu tháng tạm tính",
    ]);
    const rows = records(sheet);
    expect(rows).toHaveLength(38 * 3 * 3);
    const sum = (code: string) =>
      rows.filter((r) => r["Mã chỉ tiêu"] === code).reduce((a, r) => a + (r["Giá trị"] as number), 0);
    const onTime =
      ((sum("proc_resolved_early") + sum("proc_resolved_on_time")) /
        (sum("proc_resolved_early") + sum("proc_resolved_on_time") + sum("proc_resolved_late"))) *
      100;
    const dashboard = (await provinceOverview("12", { from: "2025-07", to: "2025-09" })).value("proc_on_time_rate")!;
    expect(roundTo(onTime, 1)).toBe(roundTo(dashboard, 1));
    expect(formatPercent(onTime)).toBe("98,8%");
  });

  it("explains every column and indicator in words, and records the export's parameters and time", async () => {
    const book = await workbook({
      from: "2025-09",
      to: "2025-09",
      indicators: "proc_on_time_rate,staff_quota",
      computed: "1",
    });
    const notes = book.getWorksheet("Giải thích")!;
    const text: string[] = [];
    notes.eachRow((row) => text.push((row.values as unknown[]).slice(1).join(" | ")));
    expect(text.join("\n")).toContain("Số hồ sơ giải quyết đúng hạn và trước hạn / Tổng số hồ sơ đã giải quyết × 100");
    expect(text.some((line) => line.startsWith("Mã xã, phường | commune_code"))).toBe(true);
    const parameters = book.getWorksheet("Thông số xuất")!;
    const lines = new Map<string, unknown>();
    parameters.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(lines.get("Thời điểm xuất")).toBe("10:00 28/11/2026");
    expect(lines.get("Từ tháng")).toBe("09/2025");
    expect(lines.get("Số dòng số liệu")).toBe(76);
    expect(lines.get("Báo cáo được tính")).toBe("Chờ duyệt và đã duyệt");
  });

  it("gives its connection back when the client goes away mid-download", async () => {
    const prepared = await prepareExport(
      analyst,
      ZExportOptions.parse({ from: "2025-07", to: "2026-10", computed: "1" }),
    );
    const reader = (await streamExportXlsx(prepared, EXPORTED_AT)).getReader();
    await reader.read();
    expect(db().pool.totalCount - db().pool.idleCount, "the COPY holds a connection").toBe(1);
    await reader.cancel();
    await vi.waitFor(() => expect(db().pool.totalCount - db().pool.idleCount).toBe(0));
  });
});
