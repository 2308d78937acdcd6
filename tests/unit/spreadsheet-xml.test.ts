import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnName, escapeXml, rowXml, SharedStrings, serialDate } from "@/lib/xlsx/spreadsheet-xml";
import { WorkbookWriter } from "@/lib/xlsx/workbook-writer";

const LETTERS = ["A", "B", "C", "D"];

describe("SpreadsheetML pieces", () => {
  it("names columns as a spreadsheet does", () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("escapes markup and drops characters XML cannot hold", () => {
    expect(escapeXml('<a href="x">&</a>\u0001\u000B')).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    expect(escapeXml("dòng 1\ndòng 2\t")).toBe("dòng 1\ndòng 2\t");
  });

  it("counts days as a spreadsheet does (1900 system)", () => {
    expect(serialDate(new Date(Date.UTC(2025, 6, 1)))).toBe(45839);
    expect(serialDate(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
  });

  it("writes typed cells, leaves empty ones out, and never a formula", () => {
    const strings = new SharedStrings();
    const xml = rowXml(7, ["03637", 13054, null, "=1+1"], LETTERS, [undefined, "count", undefined, undefined], strings);
    expect(xml).toBe(
      '<row r="7"><c r="A7" t="s"><v>0</v></c><c r="B7" s="2"><v>13054</v></c><c r="D7" t="s"><v>1</v></c></row>',
    );
    expect(strings.xml()).toContain("<si><t>03637</t></si><si><t>=1+1</t></si>");
  });

  it("shares each text once, and past its bound writes the text in the cell", () => {
    const strings = new SharedStrings(2, 10);
    expect([strings.indexOf("a"), strings.indexOf("b"), strings.indexOf("a"), strings.indexOf("c")]).toEqual([
      0,
      1,
      0,
      null,
    ]);
    expect(new SharedStrings(5, 3).indexOf("long text")).toBeNull();
    // A column repeating its text row after row gets the same place, and a new text in it a new one.
    const byColumn = new SharedStrings(3, 10);
    expect(["x", "x", "y", "x", "z", "w", "w"].map((t) => byColumn.indexOf(t, 4))).toEqual([0, 0, 1, 0, 2, null, null]);
    expect(byColumn.indexOf("y", 0)).toBe(1);
    expect(rowXml(1, [" x "], LETTERS, undefined, new SharedStrings(0))).toBe(
      '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c></row>',
    );
  });
});

/** A workbook writer whose output is kept in memory. */
function bookInMemory() {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { book: new WorkbookWriter(sink, { creator: "test", created: new Date(Date.UTC(2026, 10, 28)) }), chunks };
}

describe("WorkbookWriter", () => {
  it("writes a workbook exceljs opens: sheets, typed cells, formats, frozen header, filter", async () => {
    const { book, chunks } = bookInMemory();
    const data = book.addSheet("Số liệu", { widths: [14, 30, 12, 12], freezeHeader: true });
    data.addRow(["Mã", "Tên", "Tháng", "Tỷ lệ (%)"], "header");
    data.addRow(
      ["03637", "Xã Bình Lư <mới>", serialDate(new Date(Date.UTC(2025, 8, 1))), 0.988],
      [undefined, undefined, "month", "percent"],
    );
    await data.end({ autoFilter: true });
    const notes = book.addSheet("Giải thích", { widths: [40] });
    notes.addRow(["Ghi chú"], "bold");
    await notes.end();
    await book.finish();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Số liệu", "Giải thích"]);
    const sheet = workbook.getWorksheet("Số liệu")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(1).font?.bold ?? sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("A2").value).toBe("03637");
    expect(sheet.getCell("B2").value).toBe("Xã Bình Lư <mới>");
    expect(sheet.getCell("C2").value).toEqual(new Date(Date.UTC(2025, 8, 1)));
    expect(sheet.getCell("C2").numFmt).toBe("mm/yyyy");
    expect(sheet.getCell("D2").value).toBe(0.988);
    expect(sheet.getCell("D2").numFmt).toBe("0.0%");
    expect(workbook.getWorksheet("Giải thích")!.getCell("A1").value).toBe("Ghi chú");
  });

  it("keeps every row, in order, across pieces and beside a row longer than a piece", async () => {
    const { book, chunks } = bookInMemory();
    const sheet = book.addSheet("Số liệu", { widths: [14, 30] });
    const long = "Đoạn ghi chú rất dài. ".repeat(2000);
    for (let r = 1; r <= 5000; r++) {
      sheet.addRow([`Xã ${r}`, r === 2500 ? long : r]);
      await sheet.drained();
    }
    await sheet.end();
    await book.finish();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const read = workbook.getWorksheet("Số liệu")!;
    expect(read.rowCount).toBe(5000);
    expect(read.getCell("A1").value).toBe("Xã 1");
    expect(read.getCell("B2499").value).toBe(2499);
    expect(read.getCell("B2500").value).toBe(long);
    expect(read.getCell("A5000").value).toBe("Xã 5000");
    expect(read.getCell("B5000").value).toBe(5000);
  });
});
