import { describe, expect, it } from "vitest";
import type { ImportCatalogue } from "@/lib/domain/import/cells";
import { parseImportNumber } from "@/lib/domain/import/cell-values";
import {
  type ImportState,
  type StoredMonth,
  monthChanges,
  monthKey,
  parseImportFile,
  planCells,
} from "@/lib/domain/import/plan";
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_FIELDS,
  detectDelimiter,
  readCsv,
} from "@/lib/domain/import/read-csv";
import type { MonthValues } from "@/lib/domain/validation";

const catalogue: ImportCatalogue = {
  communes: new Map([
    ["03637", { provinceCode: "12" }],
    ["03388", { provinceCode: "12" }],
  ]),
  latestPeriod: "2026-12",
};
const LONG = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status";
const utf8 = (text: string) => new TextEncoder().encode(text);
const emptyState: ImportState = { months: new Map(), lockedPeriods: new Set() };
const province = { role: "PROVINCE" as const, communeCode: null };

function plan(
  text: string | Uint8Array,
  state: ImportState = emptyState,
  actor: { role: "ADMIN" | "PROVINCE" | "COMMUNE" | "ANALYST"; communeCode: string | null } = province,
) {
  const cells = parseImportFile(typeof text === "string" ? utf8(text) : text, catalogue);
  if (!cells.ok) throw new Error(cells.message);
  return planCells(cells, state, actor);
}
function fileError(text: string | Uint8Array): string {
  const cells = parseImportFile(typeof text === "string" ? utf8(text) : text, catalogue);
  if (cells.ok) throw new Error("expected the file to be refused");
  return cells.message;
}
const stored = (values: MonthValues, status: StoredMonth["status"] = "DRAFT"): StoredMonth => ({
  reportId: 1,
  status,
  version: 3,
  values,
});

describe("reading the file", () => {
  it("refuses an empty file, a header-only file and a file above the size limit", () => {
    expect(fileError("")).toMatch(/Tệp rỗng/);
    expect(fileError("\uFEFF  \n")).toMatch(/Tệp rỗng/);
    expect(fileError(`${LONG}\n`)).toMatch(/chỉ có dòng tiêu đề/);
    expect(fileError(new Uint8Array(MAX_IMPORT_BYTES + 1))).toMatch(/Tệp quá lớn .*tối đa 50 MB/);
  });

  it("refuses bytes that are not UTF-8 (Windows-1258 / Latin-1) with how to fix it", () => {
    // "Xã Mường Kim" in Windows-1258: ã = 0xE3, ư = 0xFD, ờ = ơ (0xF5) + grave (0xCC).
    const header = utf8(`${LONG}\n12,03637,`);
    const name = new Uint8Array([0x58, 0xe3, 0x20, 0x4d, 0xfd, 0xf5, 0xcc, 0x6e, 0x67]);
    const rest = utf8(",2025-09,staff_quota,x,5,người,DRAFT\n");
    const message = fileError(new Uint8Array([...header, ...name, ...rest]));
    expect(message).toMatch(/không phải mã UTF-8/);
    expect(message).toMatch(/CSV UTF-8/);
    expect(fileError(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toMatch(/UTF-16/);
  });

  it("detects mojibake (UTF-8 read as Windows-1252 and saved again)", () => {
    const garbled = Buffer.from("Xã Mường Kim", "utf8").toString("latin1").replace("\u0080", "€");
    expect(fileError(`${LONG}\n12,03637,${garbled},2025-09,staff_quota,x,5,người,DRAFT\n`)).toMatch(/bị lỗi mã/);
    expect(fileError(`${LONG}\n12,03637,XÃ£ MÆ°á»ng Kim,2025-09,staff_quota,x,5,người,DRAFT\n`)).toMatch(/bị lỗi mã/);
  });

  it("detects the separator from the header line, ignoring quoted commas", () => {
    expect(detectDelimiter("a,b,c\n1;2")).toBe(",");
    expect(detectDelimiter(`"Mã xã, phường";"Tháng";"Mã chỉ tiêu";"Giá trị"`)).toBe(";");
    const read = readCsv(utf8(`"Mã xã, phường";Tháng\n03637;2025-09\n\n03388;2025-09\n`));
    expect(read.ok && read.table.delimiter).toBe(";");
    expect(read.ok && read.table.records.map((r) => r.line)).toEqual([2, 4]);
  });

  it("reports missing columns by name", () => {
    expect(fileError("commune_code,period,value\n03637,2025-09,5\n")).toMatch(
      /Tệp thiếu cột: indicator_code \(Mã chỉ tiêu\)/,
    );
    expect(fileError("foo,bar\n1,2\n")).toMatch(/thiếu cột: commune_code \(Mã xã, phường\); period \(Tháng\)/);
  });
});

describe("numbers", () => {
  it("reads numbers as the month form does in the interface's language (one reader), refusing ambiguous ones", () => {
    expect(parseImportNumber("1234")).toEqual({ value: 1234 });
    expect(parseImportNumber("-5")).toEqual({ value: -5 });
    expect(parseImportNumber("1.234")).toEqual({ value: 1234 });
    expect(parseImportNumber("1,5")).toEqual({ value: 1.5 });
    expect(parseImportNumber("1,234", "en")).toEqual({ value: 1234 });
    expect(parseImportNumber(" 12.5 ", "en")).toEqual({ value: 12.5 });
    // Issue 14: the form rejected 1e3 while the import took 1e5; now neither does.
    expect(parseImportNumber("1e+06")).toMatchObject({ message: "Giá trị “1e+06” không phải là số" });
    expect(parseImportNumber("1,000")).toMatchObject({
      message: expect.stringMatching(/“1,000” được đọc là 1 .*1\.000/),
    });
    expect(parseImportNumber("1.000", "en")).toMatchObject({
      message: expect.stringMatching(/“1.000” reads as 1 .*1,000/),
    });
    expect(parseImportNumber("abc")).toMatchObject({ message: "Giá trị “abc” không phải là số" });
    expect(parseImportNumber("")).toMatchObject({ message: "Giá trị trống" });
  });
});

describe("long format", () => {
  it("classifies rows as new, changed, unchanged", () => {
    const state: ImportState = {
      months: new Map([[monthKey("03637", "2025-09"), stored({ staff_quota: 300, staff_cadres: 20 })]]),
      lockedPeriods: new Set(),
    };
    const p = plan(
      `${LONG}\n12,03637,Xã Mường Kim,2025-09,staff_quota,,300,người,DRAFT\n12,03637,Xã Mường Kim,2025-09,staff_cadres,,21,người,DRAFT\n12,03637,Xã Mường Kim,2025-09,staff_civil_servants,,40,người,DRAFT\n`,
      state,
    );
    expect(p.counts).toEqual({ new: 1, changed: 1, unchanged: 1, error: 0 });
    expect(p.rows.map((r) => [r.line, r.outcome, r.old, r.value])).toEqual([
      [2, "unchanged", 300, 300],
      [3, "changed", 20, 21],
      [4, "new", null, 40],
    ]);
    expect(p.months).toHaveLength(1);
    expect(monthChanges(p.months[0]!)).toEqual([
      { field: "staff_cadres", old: 20, new: 21 },
      { field: "staff_civil_servants", old: null, new: 40 },
    ]);
  });

  it("accepts Vietnamese headers and semicolons", () => {
    const p = plan(
      `Mã tỉnh;Mã xã, phường;Tên xã, phường;Tháng;Mã chỉ tiêu;Tên chỉ tiêu;Giá trị;Đơn vị tính;Trạng thái báo cáo\n12;03637;Xã Mường Kim;2025-09;proc_received;Hồ sơ;100;hồ sơ;DRAFT\n`,
    );
    expect(p.counts.new).toBe(1);
    expect(p.format).toBe("long");
  });

  it("gives each bad row its line and a Vietnamese reason", () => {
    const p = plan(
      [
        LONG,
        "12,99999,X,2025-09,staff_quota,,1,,",
        "12,3637,X,2025-09,proc_pending,,1,,",
        "12,03637,X,2025-13,staff_quota,,1,,",
        "12,03637,X,2024-12,staff_quota,,1,,",
        "12,03637,X,2025-09,no_such_code,,1,,",
        "12,03637,X,2025-09,proc_on_time_rate,,1,,",
        "12,03637,X,2025-09,staff_cadres,,abc,,",
        '12,03637,X,2025-09,staff_civil_servants,,"1,000",,',
        "14,03637,X,2025-09,staff_public_employees,,1,,",
        "12,03637,X,2025-09,staff_quota,,-3,,",
        '12,03637,X,2025-09,shortage_it,,"2,5",,',
        "12,03637,X,2025-09,one_stop_operating,,2,,",
        "12,03637,X,2099-01,staff_quota,,1,,",
        "12,03637,X",
      ].join("\n"),
    );
    const msg = (line: number) => p.rows.find((r) => r.line === line)!.messages.join(" | ");
    expect(msg(2)).toMatch(/Không có xã, phường mã “99999”/);
    // Issue 23: a code a spreadsheet stripped of its leading zero is read as the five-digit code, with a note.
    expect(p.rows.find((r) => r.line === 3)).toMatchObject({ communeCode: "03637", indicatorCode: "proc_pending" });
    expect(p.notes.join(" ")).toMatch(/mất số 0 ở đầu \(ví dụ “3637” → “03637”/);
    expect(msg(4)).toMatch(/không đúng dạng YYYY-MM/);
    expect(msg(5)).toMatch(/trước khi bắt đầu báo cáo/);
    expect(msg(6)).toMatch(/Không có chỉ tiêu mã “no_such_code”/);
    // A computed indicator's row (an export "with computed indicators") is read past, not an error.
    expect(p.rows.some((r) => r.line === 7)).toBe(false);
    expect(p.notes.join(" ")).toMatch(/Bỏ qua 1 dòng chỉ tiêu tính toán/);
    expect(msg(8)).toMatch(/không phải là số/);
    expect(msg(9)).toMatch(/“1,000” được đọc là 1/);
    expect(msg(10)).toMatch(/Mã tỉnh “14” không khớp/);
    expect(msg(11)).toMatch(/không được là số âm/);
    expect(msg(12)).toMatch(/phải là số nguyên/);
    expect(msg(13)).toMatch(/chỉ nhận 0/);
    expect(msg(14)).toMatch(/Chưa đến kỳ báo cáo/);
    expect(msg(15)).toMatch(/Dòng có 3 cột/);
    // Line 3 (code padded) and line 7 (computed, read past) are no longer errors (issue 23).
    expect(p.counts.error).toBe(12);
    expect(p.months).toEqual([]);
  });

  it("marks both lines of a duplicate cell", () => {
    const p = plan(
      `${LONG}\n12,03637,X,2025-09,staff_quota,,1,,\n12,03388,X,2025-09,staff_quota,,1,,\n12,03637,X,2025-09,staff_quota,,2,,\n`,
    );
    expect(p.rows.find((r) => r.line === 2)!.messages).toEqual([
      "Trùng với dòng 4: cùng xã, phường, tháng và chỉ tiêu",
    ]);
    expect(p.rows.find((r) => r.line === 4)!.messages).toEqual([
      "Trùng với dòng 2: cùng xã, phường, tháng và chỉ tiêu",
    ]);
    expect(p.rows.find((r) => r.line === 3)!.outcome).toBe("new");
  });

  it("runs the form's cross-field rules on the file merged over stored values, naming the lines", () => {
    const state: ImportState = {
      months: new Map([[monthKey("03637", "2025-09"), stored({ proc_received: 100 })]]),
      lockedPeriods: new Set(),
    };
    const p = plan(
      `${LONG}\n12,03637,X,2025-09,proc_received_online,,150,,\n12,03637,X,2025-09,feedback_received,,3,,\n12,03637,X,2025-09,feedback_resolved,,5,,\n`,
      state,
    );
    expect(p.rows[0]!.messages[0]).toMatch(/trực tuyến \(150\) không được lớn hơn số hồ sơ tiếp nhận \(100\)/);
    expect(p.rows[1]!.messages[0]).toMatch(/đã xử lý \(5\).*\(các dòng 3, 4\)/);
    expect(p.rows[2]!.outcome).toBe("error");
  });

  it("checks resolved against the previous month's backlog, from the file when it holds that month", () => {
    const p = plan(
      [
        LONG,
        "12,03637,X,2025-08,proc_pending,,0,,",
        "12,03637,X,2025-09,proc_received,,10,,",
        "12,03637,X,2025-09,proc_resolved_early,,5,,",
        "12,03637,X,2025-09,proc_resolved_on_time,,5,,",
        "12,03637,X,2025-09,proc_resolved_late,,5,,",
      ].join("\n"),
    );
    const error = p.rows.find((r) => r.line === 4)!;
    expect(error.messages[0]).toMatch(/đã giải quyết .* = 15\).*\(các dòng 2, 3, 4, 5, 6\)/);
    expect(p.rows.find((r) => r.line === 2)!.outcome).toBe("error");
  });

  it("refuses rows of another commune for a commune user, locked months, approved reports", () => {
    const state: ImportState = {
      months: new Map([[monthKey("03637", "2025-08"), stored({ staff_quota: 5 }, "APPROVED")]]),
      lockedPeriods: new Set(["2025-07"]),
    };
    const p = plan(
      `${LONG}\n12,03388,X,2025-09,staff_quota,,1,,\n12,03637,X,2025-07,staff_quota,,1,,\n12,03637,X,2025-08,staff_quota,,1,,\n12,03637,X,2025-09,staff_quota,,1,,\n`,
      state,
      { role: "COMMUNE", communeCode: "03637" },
    );
    expect(p.rows.map((r) => r.outcome)).toEqual(["error", "error", "error", "new"]);
    expect(p.rows[0]!.messages[0]).toMatch(/chỉ được nhập số liệu của đơn vị mình/);
    expect(p.rows[1]!.messages[0]).toMatch(/07\/2025 đã khoá sổ/);
    expect(p.rows[2]!.messages[0]).toMatch(/đã được duyệt/);
  });

  it("reports the form's warnings without blocking", () => {
    const history = new Map(
      [1, 2, 3].map((m) => [monthKey("03637", `2025-0${m + 6}`), stored({ proc_received: 100 })]),
    );
    const p = plan(`${LONG}\n12,03637,X,2025-10,proc_received,,1000,,\n`, {
      months: history,
      lockedPeriods: new Set(),
    });
    expect(p.counts).toMatchObject({ new: 1, error: 0 });
    expect(p.warnings).toEqual([
      expect.objectContaining({ lines: [2], message: expect.stringMatching(/lớn hơn 3 lần trung vị/) }),
    ]);
  });
});

describe("wide format", () => {
  it("reads indicator columns by code or Vietnamese name, skipping empty cells", () => {
    const p = plan(
      `province_code,commune_code,commune_name,period,status,staff_quota,Cán bộ\n12,03637,X,2025-09,DRAFT,300,\n12,03388,X,2025-09,DRAFT,200,20\n`,
    );
    expect(p.format).toBe("wide");
    expect(p.rows.map((r) => [r.line, r.indicatorCode, r.value])).toEqual([
      [2, "staff_quota", 300],
      [3, "staff_quota", 200],
      [3, "staff_cadres", 20],
    ]);
  });

  it("reads an export back: its provisional-month column (issue 28) carries nothing to import", () => {
    const p = plan(
      `province_code,commune_code,commune_name,period,status,staff_quota,month_provisional\n12,03637,X,2026-11,DRAFT,300,Tạm tính (26/38)\n`,
    );
    expect(p.rows.map((r) => [r.indicatorCode, r.value])).toEqual([["staff_quota", 300]]);
    const vi = plan(
      `"Mã xã, phường",Tháng,"Biên chế được giao (CB, CC, VC cấp xã)",Số liệu tháng tạm tính\n03637,2026-11,300,\n`,
    );
    expect(vi.rows.map((r) => [r.indicatorCode, r.value])).toEqual([["staff_quota", 300]]);
  });

  it("refuses unknown and computed indicator columns", () => {
    expect(fileError("commune_code,period,foo\n03637,2025-09,1\n")).toMatch(/Cột không nhận ra: “foo”/);
    const p = plan("commune_code,period,staff_quota,proc_on_time_rate\n03637,2025-09,300,98.5\n");
    expect(p.rows.map((r) => [r.indicatorCode, r.value])).toEqual([["staff_quota", 300]]);
    expect(p.notes.join(" ")).toMatch(/Bỏ qua 1 cột chỉ tiêu tính toán \(“proc_on_time_rate”\)/);
  });
});

describe("line numbers", () => {
  it("count a quoted cell spanning lines and skip empty lines", () => {
    const p = plan(
      `${LONG}\n\n12,03637,"Xã\nMường Kim",2025-09,staff_quota,,x,,\n12,03637,X,2025-09,staff_cadres,,y,,\n`,
    );
    expect(p.rows.map((r) => r.line)).toEqual([3, 5]);
  });
});

describe("a file built to freeze the server (issue 29)", () => {
  it("plans 40,000 identical rows in linear time: the first row names its copies in one message", () => {
    const row = "12,03637,X,2025-09,staff_quota,,1,,\n";
    const p = plan(`${LONG}\n${row.repeat(40_000)}`);
    const first = p.rows.find((r) => r.line === 2)!;
    expect(first.messages).toEqual([
      "Trùng với các dòng 3, 4, 5, 6, 7 và 39.994 dòng khác: cùng xã, phường, tháng và chỉ tiêu",
    ]);
    expect(p.rows.find((r) => r.line === 40_001)!.messages).toEqual([
      "Trùng với dòng 2: cùng xã, phường, tháng và chỉ tiêu",
    ]);
    expect(p.counts.error).toBe(40_000);
    // What made it quadratic: each row listing every copy. Every row's message now has a bounded length (the time
    // itself is the benchmark's to measure, not a unit test's).
    expect(Math.max(...p.rows.map((r) => r.messages.join(" ").length))).toBeLessThan(120);
  });

  it("refuses more columns than MAX_IMPORT_COLUMNS, and a table of more than MAX_IMPORT_FIELDS cells, before parsing it", () => {
    const wide = readCsv(
      utf8(`${Array.from({ length: 5_000 }, (_, i) => `c${i}`).join(",")}\n${",".repeat(4_999)}1\n`),
    );
    expect(wide).toEqual({ ok: false, message: expect.stringContaining(`hơn ${MAX_IMPORT_COLUMNS} cột`) });
    const commas = readCsv(utf8(`${LONG}\n${",".repeat(5_000_000)}\n`));
    expect(commas).toEqual({ ok: false, message: expect.stringContaining(`hơn ${MAX_IMPORT_COLUMNS} cột`) });
    const many = readCsv(
      utf8(`${LONG}\n${"1,2,3,4,5,6,7,8,9,10,11,12\n".repeat(Math.ceil(MAX_IMPORT_FIELDS / 12) + 1)}`),
    );
    expect(many).toEqual({ ok: false, message: expect.stringContaining("ô: hãy chia thành nhiều tệp nhỏ hơn") });
    // The export's own layouts stay well inside.
    expect(readCsv(utf8(`${LONG}\n12,03637,X,2025-09,staff_quota,,1,,\n`)).ok).toBe(true);
  });
});

describe("every export reads back (issue 23)", () => {
  it("headers with units and months written 11/2026 or 9/2025", () => {
    const p = plan(
      `"Mã xã, phường";Tháng;Cán bộ (người);"Biên chế được giao (CB, CC, VC cấp xã) (người)"\n03637;11/2026;20;300\n03637;9/2025;21;\n`,
    );
    expect(p.rows.map((r) => [r.period, r.indicatorCode, r.value])).toEqual([
      ["2026-11", "staff_cadres", 20],
      ["2026-11", "staff_quota", 300],
      ["2025-09", "staff_cadres", 21],
    ]);
  });

  it("an unchanged value of an approved or locked month is unchanged; a real change to it is refused on its row", () => {
    const state: ImportState = {
      months: new Map([
        [monthKey("03637", "2025-08"), stored({ staff_quota: 5, staff_cadres: 2 }, "APPROVED")],
        [monthKey("03637", "2025-07"), stored({ staff_quota: 5 }, "SUBMITTED")],
      ]),
      lockedPeriods: new Set(["2025-07"]),
    };
    const p = plan(
      `${LONG}\n12,03637,X,2025-07,staff_quota,,5,,\n12,03637,X,2025-08,staff_quota,,5,,\n12,03637,X,2025-08,staff_cadres,,3,,\n`,
      state,
      { role: "COMMUNE", communeCode: "03637" },
    );
    expect(p.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, "unchanged"],
      [3, "unchanged"],
      [4, "error"],
    ]);
    expect(p.rows[2]!.messages[0]).toMatch(/đã được duyệt/);
    const same = plan(`${LONG}\n12,03637,X,2025-07,staff_quota,,5,,\n12,03637,X,2025-08,staff_quota,,5,,\n`, state);
    expect(same.counts).toEqual({ new: 0, changed: 0, unchanged: 2, error: 0 });
  });
});

describe("the number convention of a file (issue 23)", () => {
  const wide = (...values: string[]) =>
    `commune_code;period;staff_quota;pages_digitised\n${values.map((v, i) => `03637;2025-${String(7 + i).padStart(2, "0")};${v}`).join("\n")}\n`;

  it("plain digits read the same either way", () => {
    expect(plan(wide("300;10620")).rows.map((r) => r.value)).toEqual([300, 10620]);
  });

  it("a number only one convention reads decides the file", () => {
    expect(plan(wide("300;10.620", "301;1.234.567")).rows.map((r) => r.value)).toEqual([300, 10620, 301, 1234567]);
    expect(
      plan(
        `commune_code,period,staff_quota,pages_digitised\n03637,2025-07,300,"10,620"\n03637,2025-08,301,"1,234,567"\n`,
      ).rows.map((r) => r.value),
    ).toEqual([300, 10620, 301, 1234567]);
  });

  it("a file whose numbers could be read two ways is refused with both readings named", () => {
    expect(fileError(wide("300;10.620"))).toMatch(
      /Số “10\.620” \(dòng 2\) đọc được hai cách: 10\.620 \(dấu chấm ngăn cách hàng nghìn\) hoặc 10,62 \(dấu chấm thập phân\)/,
    );
    expect(fileError(wide("300;1.234.567", "301;12.5"))).toMatch(
      /Tệp viết số theo hai cách: “1\.234\.567” \(dòng 2\).*“12\.5” \(dòng 3\)/,
    );
  });

  it("a convention chosen on the form is used as it is", () => {
    const cells = parseImportFile(utf8(wide("300;10.620")), catalogue, { numbers: "vi" });
    if (!cells.ok) throw new Error(cells.message);
    expect(cells.cells.map((c) => c.value)).toEqual([300, 10620]);
    const en = parseImportFile(utf8(wide("300;10.5")), catalogue, { numbers: "en" });
    expect(en.ok && en.errors.map((e) => e.message)).toEqual([]);
    expect(en.ok && en.cells.map((c) => c.value)).toEqual([300, 10.5]);
  });
});
