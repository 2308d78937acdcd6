/**
 * The import's refusals of a file and of its cells in the catalogues (issue 27 item 6): each is a rule and its figures
 * (lib/domain/import/refusals.ts) said with `dataErrors.importFile.<rule>`. Every rule has a message in both
 * languages; the Vietnamese says exactly what the import says (the message it stores, shows and its tests assert); the
 * English has no Vietnamese outside the figures; and the refusals the readers and the plan make carry their rule.
 */
import { describe, expect, it } from "vitest";
import vi from "@/messages/vi.json";
import en from "@/messages/en.json";
import { wordsIn } from "@/i18n/words";
import { importPlaceText, importRefusalText, importReportIn } from "@/i18n/import";
import type { ImportReport } from "@/lib/data/import";
import type { ImportCatalogue } from "@/lib/domain/import/cells";
import { communeProblem, parseImportNumber, periodProblem } from "@/lib/domain/import/cell-values";
import { monthRefusal } from "@/lib/domain/import/month-rights";
import { parseImportFile, planCells } from "@/lib/domain/import/plan";
import {
  type ImportPlace,
  type ImportRule,
  type ImportWording,
  duplicateWording,
  importMessageVi,
  placeVi,
  refusalWording,
} from "@/lib/domain/import/refusals";

// Letters only Vietnamese uses (as tests/unit/message-catalogues.test.ts).
const vietnamese = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;

const viArea = vi.dataErrors.importFile as Record<string, string>;
const enArea = en.dataErrors.importFile as Record<string, string>;
/** Keys of the area that are no rule: the sheet a refusal is about, a workbook cell's place, a CSV's line. */
const FRAMES = ["onSheet", "place", "line"];

/** One refusal of every rule, with figures as the import gives them (a record: a rule added without one fails to compile). */
const EVERY_RULE: Record<ImportRule, ImportWording["values"]> = {
  emptyFile: {},
  headerOnly: {},
  tooManyColumns: { max: 200 },
  tooManyCells: { max: 2_000_000 },
  badCsv: {},
  badCsvAt: { line: 12_345 },
  tooManyRows: { max: 200_000 },
  workbookEncrypted: {},
  workbookOld: {},
  workbookBroken: {},
  workbookUnpackedTooLarge: { size: 1_536, max: "1024" },
  wordDocument: {},
  presentation: {},
  zipNotWorkbook: {},
  workbookUnreadable: { error: "end of central directory record signature not found" },
  noHeaderSheet: { rows: "50", sheets: "“Ghi chú”, “Tham số”" },
  noSheet: { rows: "50" },
  workbookHeaderOnly: {},
  workbookTooManyRows: { max: 1_000_000 },
  unknownColumns: { columns: "“Cột lạ” (ô F1), “Ghi chú 2” (ô G1)" },
  missingColumns: { columns: "period (Tháng); value (Giá trị)" },
  missingColumnsAndIndicators: { columns: "commune_code (Mã xã, phường)" },
  missingIndicators: {},
  mixedNumbers: { vi: "1.234.567", en: "12.5" },
  ambiguousDot: { text: "10.620", whole: 10_620, decimal: 10.62 },
  ambiguousComma: { text: "1,234", whole: 1_234, decimal: 1.234 },
  columnCount: { columns: 3, width: 9 },
  communeMissing: {},
  communeUnknown: { code: "99999" },
  provinceMismatch: { province: "11", code: "03637", communeProvince: "12" },
  periodFormat: { period: "tháng 9" },
  periodBeforeStart: { month: "06/2025", start: "07/2025" },
  periodNotYet: { month: "01/2027" },
  indicatorMissing: {},
  indicatorUnknown: { code: "no_such" },
  indicatorComputed: { code: "proc_on_time_rate" },
  indicatorProvince: { code: "province_budget" },
  notANumber: { value: "mười" },
  emptyValue: {},
  duplicate: { line: 12_004 },
  duplicates: { lines: "3, 4, 5" },
  duplicatesMore: { lines: "3, 4, 5, 6, 7", more: 39_994 },
  analyst: {},
  otherCommune: { code: "03388" },
  locked: { month: "09/2025" },
  approved: { month: "09/2025", code: "03637" },
  submitted: { month: "09/2025" },
  indicatorColumns: {
    problems: "“proc_on_time_rate” là chỉ tiêu tính toán (tính từ các chỉ tiêu khác), không nhập được",
  },
  tooLarge: { max: 50 },
  tooLargeSize: { size: 1_234.5, max: 100 },
  noFile: {},
  monthCheck: { check: "Số hồ sơ nhận trực tuyến (12) không được lớn hơn số hồ sơ tiếp nhận (10)" },
  monthCheckLines: { check: "Số hồ sơ nhận trực tuyến (12) không được lớn hơn số hồ sơ tiếp nhận (10)", lines: "3, 5" },
  monthCheckRows: {
    check: "Số hồ sơ nhận trực tuyến (12) không được lớn hơn số hồ sơ tiếp nhận (10)",
    rows: "“T11”, 5",
  },
  monthCheckStored: { check: "Số hồ sơ nhận trực tuyến (12) không được lớn hơn số hồ sơ tiếp nhận (10)" },
  sheetRow: { sheet: "Tháng 11", row: 12 },
  noteHeaderRow: { row: 4 },
  noteHeaderRows: { rows: "4–5" },
  noteReadPast: { list: "dòng đơn vị tính, 1 dòng tổng cộng" },
  readPastUnits: {},
  readPastTotals: { count: 1_234 },
  readPastNotes: { count: 3 },
  noteStopped: { empty: 10_000, row: 10_020 },
  noteSheetsReadPast: { sheets: "“Ghi chú”, “Tham số”" },
  noteComputedColumns: { count: 2, columns: "“proc_on_time_rate”, “Tỷ lệ số hoá (%)”" },
  noteComputedRows: { count: 1_500 },
  notePaddedCodes: { count: 38, example: "“3637” → “03637”" },
};

/** The places the rules that name some name. */
const PLACES: Partial<Record<ImportRule, Record<string, ImportPlace>>> = {
  mixedNumbers: { viAt: { line: 2 }, enAt: { sheet: "Tháng 11", cell: "F12" } },
  ambiguousDot: { at: { line: 12_345 } },
  ambiguousComma: { at: { sheet: "Số liệu", cell: "G7" } },
};
const every = (): ImportWording[] =>
  Object.entries(EVERY_RULE).map(([rule, values]) => {
    const places = PLACES[rule as ImportRule];
    return places ? { rule: rule as ImportRule, values, places } : { rule: rule as ImportRule, values };
  });

const catalogue: ImportCatalogue = {
  communes: new Map([["03637", { provinceCode: "12" }]]),
  latestPeriod: "2026-10",
};
const LONG = "commune_code,period,indicator_code,value";
const refusalOf = (text: string) => {
  const r = parseImportFile(new TextEncoder().encode(text), catalogue);
  const wording = r.ok ? undefined : refusalWording(r);
  if (r.ok || !wording) throw new Error(`expected a worded refusal of ${JSON.stringify(text)}`);
  return { message: r.message, wording: wording as ImportWording };
};

/** Refusals as the import makes them: each message with its rule. */
function madeByTheImport(): { message: string; wording: ImportWording }[] {
  const made: { message: string; wording?: ImportWording | null }[] = [];
  const said = (wording: ImportWording | null) => made.push({ message: importMessageVi(wording!), wording });
  for (const text of [
    "",
    `${LONG}\n`,
    `${LONG}\n"03637,2025-09\n`,
    "a,b\n1,2\n",
    "commune_code,period\n03637,2025-09\n",
    `${LONG}\n03637,2025-09,staff_quota,10.620\n`,
    `${LONG}\n03637,2025-09,staff_quota,"1.234.567"\n03637,2025-09,staff_cadres,12.5\n`,
  ])
    made.push(refusalOf(text));
  said(communeProblem("", undefined, catalogue));
  said(communeProblem("99999", undefined, catalogue));
  said(communeProblem("03637", "11", catalogue));
  said(periodProblem("2025/9", "2026-10"));
  said(periodProblem("2025-06", "2026-10"));
  said(periodProblem("2026-11", "2026-10"));
  for (const value of ["abc", "", Number.NaN]) {
    const r = parseImportNumber(value);
    if ("message" in r) made.push(r);
  }
  said(duplicateWording([5]));
  said(duplicateWording(Array.from({ length: 40_000 }, (_, i) => i + 3)));
  const stored = (status: "APPROVED" | "SUBMITTED") => ({ reportId: 1, status, version: 1, values: {} });
  const locked = new Set(["2025-09"]);
  for (const [code, s, locks, role] of [
    ["03637", null, new Set<string>(), "ANALYST"],
    ["03388", null, new Set<string>(), "COMMUNE"],
    ["03637", null, locked, "PROVINCE"],
    ["03637", stored("APPROVED"), new Set<string>(), "PROVINCE"],
    ["03637", stored("SUBMITTED"), new Set<string>(), "COMMUNE"],
  ] as const) {
    const r = monthRefusal(code, "2025-09", s, locks, { role, communeCode: "03637" });
    made.push(r!);
  }
  // A plan's rows carry the rule of each message they have one for.
  const cells = parseImportFile(
    new TextEncoder().encode(`${LONG}\n99999,2025-09,staff_quota,1\n03637,2025-09,staff_quota,x\n`),
    catalogue,
  );
  if (!cells.ok) throw new Error(cells.message);
  for (const row of planCells(
    cells,
    { months: new Map(), lockedPeriods: new Set() },
    { role: "PROVINCE", communeCode: null },
  ).rows)
    row.messages.forEach((message, i) => made.push({ message, wording: row.wordings[i] }));
  for (const m of made) if (!m.wording) throw new Error(`no rule for “${m.message}”`);
  return made as { message: string; wording: ImportWording }[];
}

describe("the import's refusals in the catalogues", () => {
  const viWords = wordsIn("vi");
  const enWords = wordsIn("en");

  it("have every rule, and only rules, in both languages", () => {
    const rules = Object.keys(EVERY_RULE).sort();
    expect(
      Object.keys(viArea)
        .filter((k) => !FRAMES.includes(k))
        .sort(),
    ).toEqual(rules);
    expect(Object.keys(enArea).sort()).toEqual(Object.keys(viArea).sort());
  });

  it("say in Vietnamese exactly what the import says", () => {
    for (const wording of every()) {
      expect(importRefusalText(viWords, wording), wording.rule).toBe(importMessageVi(wording));
      const onSheet = { ...wording, sheet: "Tháng 11" };
      expect(importRefusalText(viWords, onSheet), `${wording.rule} on a sheet`).toBe(importMessageVi(onSheet));
    }
    for (const { message, wording } of madeByTheImport()) expect(importRefusalText(viWords, wording)).toBe(message);
    expect(importPlaceText(viWords, placeVi("Số liệu", "G12"))).toBe("Trang “Số liệu”, ô G12");
  });

  it("say in English no Vietnamese outside their figures", () => {
    const names = ["Tháng 11", "Số liệu"];
    for (const wording of every()) {
      const text = importRefusalText(enWords, { ...wording, sheet: "Tháng 11" });
      const words = [...Object.values(wording.values), ...names].reduce<string>(
        (t, v) => t.replaceAll(String(v), ""),
        text,
      );
      expect(words, wording.rule).not.toMatch(vietnamese);
    }
    expect(
      importRefusalText(
        enWords,
        every().find((w) => w.rule === "ambiguousDot")!,
      ),
    ).toContain("“10.620” (line 12345) reads two ways: 10,620 (the point separating thousands) or 10.62 (the point as");
    expect(importRefusalText(enWords, { rule: "tooManyRows", values: { max: 200_000 } })).toContain("200,000");
    expect(importPlaceText(enWords, placeVi("Số liệu", "G12"))).toBe("Sheet “Số liệu”, cell G12");
  });

  it("reach the import page in the viewer's language, a message of no rule as it is", () => {
    const made = madeByTheImport();
    const unknown = made.find((m) => m.wording.rule === "communeUnknown")!;
    const report = {
      fileError: made[0]!.message,
      fileErrorWording: made[0]!.wording,
      rows: [
        {
          line: 12,
          place: placeVi("Tháng 11", "F12"),
          messages: [unknown.message, "Số hồ sơ trực tuyến (9) không được lớn hơn số hồ sơ tiếp nhận (5)"],
          wordings: [unknown.wording, null],
        },
      ],
    } as unknown as ImportReport;
    expect(importReportIn(report, "vi")).toBe(report);
    const english = importReportIn(report, "en");
    expect(english.fileError).toBe("The file is empty: it has no header line and no figures.");
    expect(english.rows[0]!.place).toBe("Sheet “Tháng 11”, cell F12");
    expect(english.rows[0]!.messages).toEqual([
      "There is no commune with the code “99999” in the catalogue",
      "Số hồ sơ trực tuyến (9) không được lớn hơn số hồ sơ tiếp nhận (5)",
    ]);
  });
});
