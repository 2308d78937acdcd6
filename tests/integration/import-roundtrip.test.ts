/**
 * Issue 23: every file the product gives out comes back in unchanged. Each format and preset that /export and
 * /api/v1/export.* offer, read back by the import on the same database, gives "0 thay đổi" and no error, whatever the
 * state of the reports (drafts, submitted, approved, a locked month). Then workbooks as a province keeps them (a title
 * block, a units row, a totals row, notes, several sheets) and workbooks that are not one.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { ZExportOptions } from "@/lib/domain/export-options";
import { closeDb } from "@/lib/data/db";
import { prepareExport, streamExport } from "@/lib/data/export";
import { streamExportXlsx } from "@/lib/data/export-xlsx";
import { type ImportReport, commit, dryRun } from "@/lib/data/import";
import { UNDO_TOUCHED, listImportBatches, undoImportBatch } from "@/lib/data/import-batches";
import { XLSX_TYPE, importApi } from "@/lib/web/import-api";
import { runAt } from "../support/clock";
import { demoDatabase, viewerOf } from "./support/reports";
import { readAll } from "./support/streams";

const TODAY = runAt("2026-11-28T10:00:00+07:00");
const EXPORTED_AT = new Date("2026-11-28T03:00:00Z");
let pool: pg.Pool;
let province: Viewer;

const file = (bytes: Uint8Array, name: string) => ({ name, bytes });
const messages = (r: ImportReport) =>
  [r.fileError ?? "", ...r.rows.flatMap((row) => row.messages.map((m) => `${row.place ?? row.line}: ${m}`))].join(
    " | ",
  );

/** What a refused or unchanged import must leave exactly as it was. */
async function fingerprint() {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM data_value)::int AS values, (SELECT coalesce(sum(value), 0) FROM data_value)::float8 AS total,
       (SELECT count(*) FROM monthly_report)::int AS reports, (SELECT coalesce(sum(version), 0) FROM monthly_report)::int AS versions,
       (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return rows[0];
}

beforeAll(async () => {
  pool = await demoDatabase(TODAY, 4);
  province = await viewerOf(pool, "tinh");
  // Every state a report can be in within the exported months: approved ones, and a locked month.
  await pool.query(`UPDATE monthly_report SET status = 'APPROVED' WHERE period = '2026-09' AND status = 'SUBMITTED'`);
  await pool.query(`INSERT INTO period_lock (period, reason) VALUES ('2026-08', 'test') ON CONFLICT DO NOTHING`);
  const { rows } = await pool.query(
    `SELECT status::text AS s, count(*)::int AS n FROM monthly_report WHERE period BETWEEN '2026-08' AND '2026-11' GROUP BY 1 ORDER BY 1`,
  );
  expect(rows.map((r) => r.s)).toEqual(expect.arrayContaining(["APPROVED", "DRAFT", "SUBMITTED"]));
}, 240_000);

afterAll(async () => {
  await pool?.end();
  await closeDb();
});

const RANGE = { from: "2026-08", to: "2026-11" };

async function csvExport(query: Record<string, string>): Promise<Buffer> {
  return readAll(
    await streamExport(
      await prepareExport({ role: "PROVINCE", orgUnitId: null }, ZExportOptions.parse({ ...RANGE, ...query })),
    ),
  );
}

async function xlsxExport(query: Record<string, string>): Promise<Buffer> {
  return readAll(
    await streamExportXlsx(
      await prepareExport({ role: "PROVINCE", orgUnitId: null }, ZExportOptions.parse({ ...RANGE, ...query })),
      EXPORTED_AT,
    ),
  );
}

describe("every export reads back as 0 thay đổi", () => {
  const csvCases: Record<string, string>[] = [];
  for (const format of ["long", "wide"]) {
    for (const header of ["code", "vi"]) {
      for (const preset of ["rfc", "vi"]) {
        for (const computed of ["0", "1"]) csvCases.push({ format, header, preset, computed });
      }
    }
  }

  it.each(csvCases)(
    "CSV %o",
    async (query) => {
      const bytes = await csvExport(query);
      const before = await fingerprint();
      const result = await dryRun(province, file(bytes, "export.csv"));
      expect(messages(result)).toBe("");
      expect(result.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
      expect(result.counts.unchanged).toBeGreaterThan(1000);
      if (query.computed === "1") expect(result.notes.join(" ")).toMatch(/Bỏ qua .*chỉ tiêu tính toán/);
      expect(await fingerprint()).toEqual(before);
    },
    60_000,
  );

  it.each([
    { format: "long", computed: "0" },
    { format: "long", computed: "1" },
    { format: "wide", computed: "0" },
    { format: "wide", computed: "1" },
  ])(
    ".xlsx %o",
    async (query) => {
      const bytes = await xlsxExport(query);
      const result = await dryRun(province, file(bytes, "export.xlsx"));
      expect(messages(result)).toBe("");
      expect(result.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
      expect(result.counts.unchanged).toBeGreaterThan(1000);
      expect(result.notes.join(" ")).toMatch(/Trang “Số liệu”: dòng tiêu đề là dòng 1/);
    },
    60_000,
  );

  it("committing an export writes nothing: no version bumped, no audit row beyond the import's own", async () => {
    const bytes = await xlsxExport({ format: "wide" });
    const before = await fingerprint();
    const result = await commit(province, file(bytes, "export.xlsx"));
    expect(result.committed).toBe(true);
    expect(result.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
    const after = await fingerprint();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.audit - before.audit).toBe(1); // the import.commit row
  }, 60_000);

  it("a real change to an approved report is refused, naming the cell", async () => {
    const { rows } = await pool.query(
      `SELECT u.code, v.value FROM data_value v JOIN org_unit u ON u.id = v.org_unit_id JOIN monthly_report r ON r.org_unit_id = v.org_unit_id AND r.period = v.period
       WHERE r.status = 'APPROVED' AND v.period = '2026-09' AND v.indicator_code = 'staff_quota' ORDER BY u.code LIMIT 1`,
    );
    const csv = `commune_code,period,staff_quota\n${rows[0].code},09/2026,${rows[0].value + 1}\n`;
    const result = await dryRun(province, file(new TextEncoder().encode(csv), "sua.csv"));
    expect(result.counts).toMatchObject({ error: 1 });
    expect(messages(result)).toMatch(/^ \| 2: Báo cáo tháng 09\/2026 .* đã được duyệt/);
  });
});

/** A province's own workbook: notes sheet, then a month sheet with a title block, units row, totals row and notes. */
async function provinceWorkbook(edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Hướng dẫn").addRow(["Điền số liệu vào các trang tháng."]);
  const sheet = book.addWorksheet("Tháng 11");
  sheet.addRow(["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"]);
  sheet.addRow(["BIỂU TỔNG HỢP TÌNH HÌNH HOẠT ĐỘNG CỦA CHÍNH QUYỀN CẤP XÃ"]);
  sheet.mergeCells("A2:F2");
  sheet.addRow([]);
  sheet.addRow(["STT", "Mã xã, phường", "Tháng", "Cán bộ", "Công chức", "Hồ sơ TTHC tiếp nhận"]);
  sheet.addRow(["", "", "", "(người)", "(người)", "(hồ sơ)"]);
  // 3388: the code as a spreadsheet keeps it when the column is a number (the leading zero gone).
  sheet.addRow([1, 3388, new Date(Date.UTC(2026, 10, 1)), 21, { formula: "10+30", result: 40 }, null]);
  sheet.getCell("C6").numFmt = "mm/yyyy";
  sheet.addRow([2, "03637", "11/2026", 18, 35, 120]);
  sheet.addRow(["Tổng cộng", "", "", 39, 75, 120]);
  sheet.addRow([]);
  sheet.addRow(["Ghi chú: số liệu đến ngày 25/11/2026."]);
  edit?.(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("a province's own workbook", () => {
  it("finds the header under the title block, reads typed cells, skips the units and totals rows, notes what it did", async () => {
    const result = await dryRun(province, file(await provinceWorkbook(), "bieu-thang-11.xlsx"));
    expect(messages(result)).toBe("");
    const values = result.rows.map((r) => [r.place, r.communeCode, r.period, r.indicatorCode, r.value]);
    expect(values).toEqual([
      ["Trang “Tháng 11”, ô D6", "03388", "2026-11", "staff_cadres", 21],
      ["Trang “Tháng 11”, ô E6", "03388", "2026-11", "staff_civil_servants", 40],
      ["Trang “Tháng 11”, ô D7", "03637", "2026-11", "staff_cadres", 18],
      ["Trang “Tháng 11”, ô E7", "03637", "2026-11", "staff_civil_servants", 35],
      ["Trang “Tháng 11”, ô F7", "03637", "2026-11", "proc_received", 120],
    ]);
    const notes = result.notes.join(" ");
    expect(notes).toMatch(/Trang “Tháng 11”: dòng tiêu đề là dòng 4/);
    expect(notes).toMatch(/bỏ qua dòng đơn vị tính, 1 dòng tổng cộng, 1 dòng ghi chú/);
    expect(notes).toMatch(/“3388” → “03388”/);
    expect(notes).toMatch(/Bỏ qua các trang không có bảng số liệu: “Hướng dẫn”/);
  });

  it("names the sheet and the cell of a bad value", async () => {
    const bytes = await provinceWorkbook((sheet) => {
      sheet.getCell("E7").value = "ba mươi";
    });
    const result = await dryRun(province, file(bytes, "loi.xlsx"));
    expect(result.counts.error).toBe(1);
    expect(messages(result)).toMatch(/Trang “Tháng 11”, ô E7: Giá trị “ba mươi” không phải là số/);
  });

  it("refuses a column it cannot place, naming the cell", async () => {
    const bytes = await provinceWorkbook((sheet) => {
      sheet.getCell("G4").value = "Số máy tính";
    });
    const result = await dryRun(province, file(bytes, "cot-la.xlsx"));
    expect(result.fileError).toMatch(/Trang “Tháng 11”: Cột không nhận ra: “Số máy tính” \(ô G4\)/);
  });
});

describe("a header on two rows, with merged cells (issue 23 item 3)", () => {
  /** A government table: the code and month merged over rows 4–5, a group label over the names of its columns. */
  async function mergedWorkbook(layout: "codeOnTop" | "groupsOnTop", extra = false): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Tháng 11");
    sheet.addRow(["BIỂU TỔNG HỢP TÌNH HÌNH HOẠT ĐỘNG CỦA CHÍNH QUYỀN CẤP XÃ"]);
    sheet.mergeCells("A1:G1");
    sheet.addRow([]);
    sheet.addRow([]);
    if (layout === "codeOnTop") {
      sheet.addRow(["Mã xã, phường", "Tên xã, phường", "Tháng", "Nhân sự", "", "Hồ sơ TTHC tiếp nhận (hồ sơ)"]);
      sheet.addRow(["", "", "", "Cán bộ (người)", "Công chức (người)", ""]);
      for (const range of ["A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5"]) sheet.mergeCells(range);
    } else {
      sheet.addRow(["Đơn vị", "", "Tháng", "Nhân sự (người)", "", "Hồ sơ TTHC tiếp nhận"]);
      sheet.addRow(["Mã xã, phường", "Tên xã, phường", "", "Cán bộ", "Công chức", ""]);
      for (const range of ["A4:B4", "C4:C5", "D4:E4", "F4:F5"]) sheet.mergeCells(range);
    }
    if (extra) {
      sheet.getCell("G4").value = "Số máy tính";
      sheet.mergeCells("G4:G5");
    }
    sheet.addRow(["03388", "Phường Đoàn Kết", "11/2026", 21, 40, 12]);
    sheet.addRow(["03637", "Xã Mường Kim", "11/2026", 18, 35, 120]);
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const expected = [
    ["Trang “Tháng 11”, ô D6", "03388", "staff_cadres", 21],
    ["Trang “Tháng 11”, ô E6", "03388", "staff_civil_servants", 40],
    ["Trang “Tháng 11”, ô F6", "03388", "proc_received", 12],
    ["Trang “Tháng 11”, ô D7", "03637", "staff_cadres", 18],
    ["Trang “Tháng 11”, ô E7", "03637", "staff_civil_servants", 35],
    ["Trang “Tháng 11”, ô F7", "03637", "proc_received", 120],
  ];

  for (const layout of ["codeOnTop", "groupsOnTop"] as const) {
    it(`reads each column under its own name (${layout})`, async () => {
      const result = await dryRun(province, file(await mergedWorkbook(layout), "gop-o.xlsx"));
      expect(messages(result)).toBe("");
      expect(result.rows.map((r) => [r.place, r.communeCode, r.indicatorCode, r.value])).toEqual(expected);
      expect(result.notes.join(" ")).toMatch(/Trang “Tháng 11”: tiêu đề trên hai dòng 4–5/);
    });
  }

  it("refuses a merged header cell it cannot place, naming the cell", async () => {
    const result = await dryRun(province, file(await mergedWorkbook("codeOnTop", true), "gop-o-la.xlsx"));
    expect(result.fileError).toMatch(/Trang “Tháng 11”: Cột không nhận ra: “Số máy tính” \(ô G4\)/);
  });
});

async function zip(entries: Record<string, string>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, text] of Object.entries(entries)) z.file(name, text);
  return z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("a workbook that is not one: a clear message, nothing written", () => {
  const ole = (extra: string) =>
    Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from(extra, "utf16le"),
      Buffer.alloc(512),
    ]);

  it.each([
    [
      "a renamed .docx",
      () => zip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" }),
      /tài liệu Word \(\.docx\)/,
    ],
    ["the old .xls", async () => ole("Workbook"), /định dạng Excel cũ \(\.xls\)/],
    ["a password-protected workbook", async () => ole("EncryptedPackage"), /đặt mật khẩu/],
    [
      "a zip bomb (declares 4 GB unpacked)",
      async () => {
        const bytes = await zip({ "xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": "<worksheet/>" });
        // Each central-directory entry declares 2 GB uncompressed (what a bomb's entries say).
        let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
        while (at >= 0) {
          bytes.writeUInt32LE(0x7fffffff, at + 24);
          at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
        }
        return bytes;
      },
      /giải nén ra quá lớn/,
    ],
    [
      "10 sheets, none with a header it knows",
      async () => {
        const book = new ExcelJS.Workbook();
        for (let i = 1; i <= 10; i++) book.addWorksheet(`Trang ${i}`).addRow(["Tên", "Giá trị"]);
        return Buffer.from(await book.xlsx.writeBuffer());
      },
      /Không trang nào của sổ tính có dòng tiêu đề nhận ra được .*“Trang 1”, .*“Trang 10”/,
    ],
  ] as const)("%s", async (_name, build, message) => {
    const before = await fingerprint();
    const result = await commit(province, file(await build(), "tep.xlsx"));
    expect(result.committed).toBe(false);
    expect(result.fileError).toMatch(message);
    expect(await fingerprint()).toEqual(before);
  });

  it("30,000 empty styled rows after the table: read past after 10,000, with a note", async () => {
    const bytes = await provinceWorkbook((sheet) => {
      for (let r = 12; r < 30_012; r++)
        sheet.getCell(`A${r}`).style = { fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } } };
    });
    const result = await dryRun(province, file(bytes, "dinh-dang.xlsx"));
    expect(result.fileError).toBeNull();
    expect(result.notes.join(" ")).toMatch(/sau 10\.000 dòng trống liền nhau, không đọc tiếp/);
  }, 60_000);
});

describe("a batch: recorded, and undone while nothing later touched it", () => {
  async function draftMonth(): Promise<{ code: string; period: string; value: number }> {
    const { rows } = await pool.query(
      `SELECT u.code, r.period, v.value FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id
       JOIN data_value v ON v.org_unit_id = r.org_unit_id AND v.period = r.period AND v.indicator_code = 'pages_digitised'
       WHERE r.status = 'DRAFT' AND r.period >= '2026-10' ORDER BY random() LIMIT 1`,
    );
    return rows[0];
  }
  async function missingMonth(): Promise<{ code: string; period: string }> {
    const { rows } = await pool.query(
      `SELECT u.code, p.period FROM org_unit u CROSS JOIN (VALUES ('2026-10'), ('2026-11')) AS p(period)
       WHERE u.level = 'COMMUNE' AND NOT EXISTS (SELECT 1 FROM monthly_report r WHERE r.org_unit_id = u.id AND r.period = p.period)
         AND NOT EXISTS (SELECT 1 FROM data_value v WHERE v.org_unit_id = u.id AND v.period = p.period) LIMIT 1`,
    );
    return rows[0];
  }
  const csv = (lines: string[]) =>
    new TextEncoder().encode(`commune_code,period,indicator_code,value\n${lines.join("\n")}\n`);

  it("records file name, SHA-256, who and counts; undo restores every value and report, audited", async () => {
    const draft = await draftMonth();
    const missing = await missingMonth();
    expect(missing, "a commune-month without a report in the demo data").toBeDefined();
    const before = await pool.query(
      `SELECT r.version, r.status::text FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id WHERE u.code = $1 AND r.period = $2`,
      [draft.code, draft.period],
    );
    const bytes = csv([
      `${draft.code},${draft.period},pages_digitised,${draft.value + 7}`,
      `${missing.code},${missing.period},feedback_received,3`,
    ]);
    const done = await commit(province, file(bytes, "lich-su.csv"));
    expect(messages(done)).toBe("");
    expect(done.committed).toBe(true);
    const [batch] = await listImportBatches(province);
    expect(batch).toMatchObject({
      id: done.batchId,
      fileName: "lich-su.csv",
      username: "tinh",
      sha256: (await import("node:crypto")).createHash("sha256").update(bytes).digest("hex"),
      counts: { rows: 2, new: 1, changed: 1, unchanged: 0, reports_created: 1, reports_updated: 1 },
      undoneAt: null,
    });

    const undone = await undoImportBatch(province, done.batchId!);
    expect(undone).toEqual({ values: 2, reports: 2 });
    const value = await pool.query(
      `SELECT v.value FROM data_value v JOIN org_unit u ON u.id = v.org_unit_id WHERE u.code = $1 AND v.period = $2 AND v.indicator_code = 'pages_digitised'`,
      [draft.code, draft.period],
    );
    expect(value.rows[0].value).toBe(draft.value);
    const created = await pool.query(
      `SELECT 1 FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id WHERE u.code = $1 AND r.period = $2`,
      [missing.code, missing.period],
    );
    expect(created.rows).toEqual([]);
    const after = await pool.query(
      `SELECT r.version, r.status::text FROM monthly_report r JOIN org_unit u ON u.id = r.org_unit_id WHERE u.code = $1 AND r.period = $2`,
      [draft.code, draft.period],
    );
    expect(after.rows[0]).toEqual({ version: before.rows[0].version + 2, status: before.rows[0].status });
    const audit = await pool.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE reason = $1 GROUP BY 1 ORDER BY 1`,
      [`Hoàn tác lần nhập số ${done.batchId} (tệp lich-su.csv)`],
    );
    expect(audit.rows).toEqual([
      { action: "import.undo", n: 1 },
      { action: "report.import_undo", n: 2 },
    ]);
    expect((await listImportBatches(province))[0]!.undoneAt).not.toBeNull();
    await expect(undoImportBatch(province, done.batchId!)).rejects.toThrow(/đã được hoàn tác/);
  });

  it("a batch a later change has touched is not undone, and a commune account may not undo", async () => {
    const draft = await draftMonth();
    const first = await commit(
      province,
      file(csv([`${draft.code},${draft.period},pages_digitised,${draft.value + 1}`]), "lan-1.csv"),
    );
    const second = await commit(
      province,
      file(csv([`${draft.code},${draft.period},pages_digitised,${draft.value + 2}`]), "lan-2.csv"),
    );
    expect([first.committed, second.committed]).toEqual([true, true]);
    const before = await fingerprint();
    await expect(undoImportBatch(province, first.batchId!)).rejects.toThrow(UNDO_TOUCHED);
    expect(await fingerprint()).toEqual(before);
    const commune = await viewerOf(pool, "xa-03637");
    await expect(undoImportBatch(commune, second.batchId!)).rejects.toThrow(/Chỉ tài khoản cấp tỉnh hoặc quản trị/);
    await undoImportBatch(province, second.batchId!);
    await undoImportBatch(province, first.batchId!);
    const value = await pool.query(
      `SELECT v.value FROM data_value v JOIN org_unit u ON u.id = v.org_unit_id WHERE u.code = $1 AND v.period = $2 AND v.indicator_code = 'pages_digitised'`,
      [draft.code, draft.period],
    );
    expect(value.rows[0].value).toBe(draft.value);
  });
});

describe("POST /api/v1/import: the same rules, JSON answers", () => {
  const post = (viewer: Viewer, body: Uint8Array, type: string, query = "") =>
    importApi(
      new Request(`http://localhost/api/v1/import${query}`, {
        method: "POST",
        headers: { "content-type": type },
        body: body as unknown as BodyInit,
      }),
      viewer,
    );

  it("200 for a clean dry run (nothing written) and a commit, 422 naming sheet and cell, 400 for a body that is not a file, 403 for an analyst", async () => {
    const exported = await xlsxExport({ format: "wide" });
    const before = await fingerprint();
    const dry = await post(province, exported, XLSX_TYPE, "?dry_run=1");
    expect(dry.status).toBe(200);
    const body = await dry.json();
    expect(body).toMatchObject({ changes: 0, errors: [], committed: false });
    expect(body.unchanged).toBeGreaterThan(1000);
    expect(await fingerprint()).toEqual(before);

    const bad = await provinceWorkbook((sheet) => {
      sheet.getCell("E7").value = "ba mươi";
    });
    const refused = await post(province, bad, XLSX_TYPE);
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors).toEqual([
      { sheet: "Tháng 11", cell: "E7", message: "Giá trị “ba mươi” không phải là số" },
    ]);
    expect(await fingerprint()).toEqual(before);

    const csv = await post(
      province,
      new TextEncoder().encode("commune_code,period,indicator_code,value\n03637,2026-11,no_such,1\n"),
      "text/csv",
    );
    expect(csv.status).toBe(422);
    expect((await csv.json()).errors).toEqual([{ line: 2, message: "Không có chỉ tiêu mã “no_such” trong danh mục" }]);

    const docx = await post(province, await zip({ "word/document.xml": "<w:document/>" }), XLSX_TYPE);
    expect(docx.status).toBe(400);
    expect((await docx.json()).error).toMatch(/tài liệu Word/);
    expect((await post(province, new Uint8Array([1, 2, 3]), "image/png")).status).toBe(400);
    expect((await post(await viewerOf(pool, "phantich"), exported, XLSX_TYPE)).status).toBe(403);
    expect(await fingerprint()).toEqual(before);

    const committed = await post(province, exported, XLSX_TYPE);
    expect(committed.status).toBe(200);
    expect(await committed.json()).toMatchObject({
      changes: 0,
      errors: [],
      committed: true,
      batch: expect.any(Number),
    });
  }, 60_000);
});
