import { describe, expect, it } from "vitest";
import { exportColumns, headerWithUnit, spreadsheetNumber, statusLabel } from "@/lib/domain/export-columns";
import { ZExportOptions } from "@/lib/domain/export-options";
import { formulaInWords } from "@/lib/domain/indicator-words";
import { COMPUTED_INDICATORS, getIndicator } from "@/lib/domain/indicators";

describe("export columns", () => {
  it("wide headers carry the indicator's unit; codes and periods are text", () => {
    const columns = exportColumns({ format: "wide" }, ["staff_quota", "proc_on_time_rate"]);
    // Issue 28: the last column marks provisional months.
    expect(columns.map(headerWithUnit).slice(5)).toEqual([
      "Biên chế được giao (CB, CC, VC cấp xã) (người)",
      "Tỷ lệ giải quyết TTHC đúng và trước hạn (%)",
      "Số liệu tháng tạm tính",
    ]);
    expect(columns.find((c) => c.code === "commune_code")!.type).toBe("text");
    expect(columns.find((c) => c.code === "period")!.type).toBe("period");
  });

  it("percentages become fractions with a percent format, counts keep a thousands format", () => {
    expect(spreadsheetNumber(98.8, "%")).toEqual({ value: 0.988, numFmt: "0.0%" });
    expect(spreadsheetNumber(13054, "người")).toEqual({ value: 13054, numFmt: "#,##0" });
  });

  it("statuses in the header's language", () => {
    expect(statusLabel("APPROVED", "vi")).toBe("Đã duyệt");
    expect(statusLabel("APPROVED", "code")).toBe("APPROVED");
  });
});

describe("CSV presets", () => {
  it("the Vietnamese spreadsheet preset sets semicolon, decimal comma and a BOM; RFC 4180 comma and dot", () => {
    expect(ZExportOptions.parse({ to: "2025-09", preset: "vi", separator: "comma", bom: "0" })).toMatchObject({
      separator: "semicolon",
      decimal: "comma",
      bom: true,
    });
    expect(ZExportOptions.parse({ to: "2025-09", preset: "rfc" })).toMatchObject({
      separator: "comma",
      decimal: "dot",
      bom: false,
    });
    expect(ZExportOptions.parse({ to: "2025-09" })).toMatchObject({ separator: "comma", decimal: "dot", bom: true });
  });
});

describe("formulas in words", () => {
  it("reads as the province's reports write it, with no codes", () => {
    expect(formulaInWords(getIndicator("proc_on_time_rate"))).toBe(
      "Số hồ sơ giải quyết đúng hạn và trước hạn / Tổng số hồ sơ đã giải quyết × 100",
    );
    for (const indicator of COMPUTED_INDICATORS) expect(formulaInWords(indicator)).not.toMatch(/[a-z]+_[a-z_]+/);
  });
});

describe("API parameter errors", () => {
  it("say in Vietnamese which parameter is wrong and what it may be", () => {
    const wrong = (query: Record<string, string>) =>
      ZExportOptions.safeParse({ to: "2025-09", ...query }).error?.issues[0]?.message;
    expect(wrong({ format: "tall" })).toBe("Dạng bảng (format) phải là long (dạng dọc) hoặc wide (dạng ngang)");
    expect(wrong({ separator: "tab" })).toContain("Dấu phân cách (separator)");
    expect(wrong({ preset: "excel" })).toContain("Kiểu tệp CSV (preset)");
    expect(wrong({ to: "09/2025" })).toBe("Tháng phải có dạng YYYY-MM, ví dụ 2025-09");
  });
});
