/**
 * The import's notes (what it read past), the month form's rules on a file's values and their warnings, a wide file's
 * columns that cannot be imported and the upload's own refusals, in the viewer's language (issue 27 item 6): each
 * carries its rule and figures beside its Vietnamese message; the Vietnamese catalogue says exactly that message, and
 * the English says it with no Vietnamese outside the file's own words (sheet names, column headers).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importRefusalText, importReportIn } from "@/i18n/import";
import { wordsIn } from "@/i18n/words";
import type { ImportReport } from "@/lib/data/import";
import type { ImportCatalogue } from "@/lib/domain/import/cells";
import { type ImportState, monthKey, parseImportFile, planCells } from "@/lib/domain/import/plan";
import { tooLargeMessage, tooLargeWording } from "@/lib/domain/import/read-csv";
import { type ImportWording, importMessageVi, refusalWording } from "@/lib/domain/import/refusals";
import { ADMIN_IMPORT_LIMITS } from "@/lib/domain/import/limits";
import { parseUpload } from "@/lib/import/parse-upload";

const vietnamese = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;
const vi = wordsIn("vi");
const en = wordsIn("en");
const catalogue: ImportCatalogue = {
  communes: new Map([
    ["03637", { provinceCode: "12" }],
    ["03388", { provinceCode: "12" }],
  ]),
  latestPeriod: "2026-10",
};
const province = { role: "PROVINCE" as const, communeCode: null };
const utf8 = (text: string) => new TextEncoder().encode(text);
const LONG = "commune_code,period,indicator_code,value";

/** Each message with its rule: the Vietnamese catalogue says the message, the English no Vietnamese but `allowed`. */
function expectWorded(said: { message: string; wording: ImportWording | null | undefined }[], allowed: string[] = []) {
  expect(said.length).toBeGreaterThan(0);
  for (const { message, wording } of said) {
    expect(wording, message).toBeTruthy();
    expect(importRefusalText(vi, wording!)).toBe(message);
    const english = allowed.reduce((t, a) => t.replaceAll(a, ""), importRefusalText(en, wording!));
    expect(english, message).not.toMatch(vietnamese);
  }
}

describe("the import's notes and month checks in both languages", () => {
  it("word a CSV's month checks (one line, several lines, stored figures), warnings and notes", () => {
    const state: ImportState = {
      months: new Map([
        [monthKey("03637", "2025-09"), { reportId: 1, status: "DRAFT", version: 1, values: { proc_received: 100 } }],
        [
          monthKey("03388", "2025-09"),
          {
            reportId: 2,
            status: "DRAFT",
            version: 1,
            values: { staff_cadres: 30, staff_civil_servants: 0, staff_public_employees: 0 },
          },
        ],
      ]),
      lockedPeriods: new Set(),
    };
    const cells = parseImportFile(
      utf8(
        `${LONG}\n` +
          "03637,2025-09,proc_received_online,150\n" + // above the stored received: one line
          "03637,2025-09,feedback_received,3\n03637,2025-09,feedback_resolved,5\n" + // two lines
          "3388,2025-09,staff_quota,10\n" + // a stripped code, a quota below the stored staff (a warning)
          "03637,2025-09,proc_on_time_rate,98\n", // a computed indicator's line, read past
      ),
      catalogue,
    );
    if (!cells.ok) throw new Error(cells.message);
    const plan = planCells(cells, state, province);
    const rows = plan.rows.flatMap((r) => r.messages.map((message, i) => ({ message, wording: r.wordings[i] })));
    expect(rows.map((r) => r.wording?.rule).sort()).toEqual(["monthCheck", "monthCheckLines", "monthCheckLines"]);
    expectWorded(rows);
    expect(importRefusalText(en, rows[0]!.wording!)).toBe(
      "Dossiers received online (150) cannot exceed dossiers received (100)",
    );
    expectWorded(plan.warnings.map((w) => ({ message: w.message, wording: w.wording })));
    expect(plan.noteWordings.map((w) => w.rule)).toEqual(["noteComputedRows", "notePaddedCodes"]);
    expectWorded(plan.notes.map((message, i) => ({ message, wording: plan.noteWordings[i] })));
    expect(importRefusalText(en, plan.noteWordings[1]!)).toMatch(/^1 line has a commune code that lost its leading/);

    // An error in the stored figures that the file does not touch still blocks the month, said so.
    const stored: ImportState = {
      months: new Map([
        [
          monthKey("03637", "2025-09"),
          { reportId: 1, status: "DRAFT", version: 1, values: { proc_received: 10, proc_received_online: 20 } },
        ],
      ]),
      lockedPeriods: new Set(),
    };
    const again = parseImportFile(utf8(`${LONG}\n03637,2025-09,staff_quota,12\n`), catalogue);
    if (!again.ok) throw new Error(again.message);
    const blocked = planCells(again, stored, province).rows[0]!;
    expect(blocked.wordings[0]?.rule).toBe("monthCheckStored");
    expectWorded([{ message: blocked.messages[0]!, wording: blocked.wordings[0] }]);
    expect(importRefusalText(en, blocked.wordings[0]!)).toMatch(/\(from the figures already in the system\)$/);
  });

  it("word a wide file's columns that cannot be imported, and the upload's size refusals", () => {
    const refused = parseImportFile(
      utf8("commune_code,period,staff_all_levels,foo_bar\n03637,2025-09,1,2\n"),
      catalogue,
    );
    if (refused.ok) throw new Error("expected a refusal");
    // "foo_bar" is not a column at all: the header's own refusal comes first; then a province-level column alone.
    const province = parseImportFile(utf8("commune_code,period,staff_all_levels\n03637,2025-09,1\n"), catalogue);
    if (province.ok) throw new Error("expected a refusal");
    const wording = refusalWording(province) as ImportWording;
    expect(wording.rule).toBe("indicatorColumns");
    expectWorded([{ message: province.message, wording }]);
    expect(importRefusalText(en, wording)).toMatch(/Remove these columns and upload the file again/);

    for (const bytes of [null, 5.25 * 2 ** 20, 123.45 * 2 ** 20]) {
      const w = tooLargeWording(bytes, ADMIN_IMPORT_LIMITS);
      expect(importMessageVi(w)).toBe(tooLargeMessage(bytes, ADMIN_IMPORT_LIMITS));
      expectWorded([{ message: tooLargeMessage(bytes, ADMIN_IMPORT_LIMITS), wording: w }]);
    }
    expect(tooLargeMessage(5.25 * 2 ** 20)).toMatch(/^Tệp quá lớn \(5,3 MB\): tối đa 50 MB\./);
    expect(importRefusalText(en, tooLargeWording(5.25 * 2 ** 20))).toMatch(
      /^The file is too large \(5\.3 MB\): at most 50 MB\./,
    );
  });

  it("word a workbook's notes: header row, units and totals rows read past, a sheet without a table, rows by sheet", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Tháng 9");
    sheet.addRow(["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"]);
    sheet.addRow([]);
    sheet.addRow(["Mã xã, phường", "Tháng", "proc_received", "proc_received_online"]);
    sheet.addRow(["", "", "(hồ sơ)", "(hồ sơ)"]);
    sheet.addRow(["03637", "09/2025", 10, 20]);
    sheet.addRow(["Tổng cộng", "", 10, 20]);
    book.addWorksheet("Ghi chú").addRow(["Biểu này do xã lập"]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const cells = await parseUpload(bytes, catalogue);
    if (!cells.ok) throw new Error(cells.message);
    const plan = planCells(cells, { months: new Map(), lockedPeriods: new Set() }, province);
    expect(plan.noteWordings.map((w) => w.rule)).toEqual(["noteHeaderRow", "noteReadPast", "noteSheetsReadPast"]);
    expectWorded(
      plan.notes.map((message, i) => ({ message, wording: plan.noteWordings[i] })),
      ["Tháng 9", "Ghi chú"],
    );
    expect(importRefusalText(en, plan.noteWordings[1]!)).toBe(
      "Sheet “Tháng 9”: read past the units row, 1 totals row.",
    );
    const check = plan.rows.flatMap((r) => r.messages.map((message, i) => ({ message, wording: r.wordings[i] })));
    expect(check.map((c) => c.wording?.rule)).toEqual(["monthCheckRows", "monthCheckRows"]);
    expectWorded(check, ["Tháng 9"]);
    expect(importRefusalText(en, check[0]!.wording!)).toMatch(/\(sheet “Tháng 9”, row 5\)$/);

    // The page's report says all of it in English.
    const report = {
      notes: plan.notes,
      noteWordings: plan.noteWordings,
      warnings: [],
      rows: [],
    } as unknown as ImportReport;
    const english = importReportIn(report, "en");
    for (const note of english.notes)
      expect(note.replaceAll("Tháng 9", "").replaceAll("Ghi chú", "")).not.toMatch(vietnamese);
  });
});
