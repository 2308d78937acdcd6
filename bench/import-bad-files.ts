/** Workbooks that are not what they claim (issue 23, "Bad input"), for bench/import-server.ts --scale=bad-input. */
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** A few KB whose central directory declares 2 GB unpacked per entry (what a zip bomb's entries say). */
export async function zipBomb(): Promise<Uint8Array> {
  const z = new JSZip();
  z.file("[Content_Types].xml", "<Types/>");
  z.file("xl/workbook.xml", "<workbook/>");
  z.file("xl/worksheets/sheet1.xml", `<worksheet>${"<row/>".repeat(10_000)}</worksheet>`);
  const bytes = await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  while (at >= 0) {
    bytes.writeUInt32LE(0x7fffffff, at + 24);
    at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
  }
  return new Uint8Array(bytes);
}

/**
 * A sheet with a header, one data row, then `rows` empty rows that each carry a fill (a styled cell, no value): built
 * with exceljs for the styles, then the rows written into the sheet's XML directly (a few MB zipped).
 */
export async function styledEmptyRows(commune: string, rows: number): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Số liệu");
  sheet.addRow(["commune_code", "period", "staff_quota"]);
  sheet.addRow([commune, "2025-07", 300]);
  sheet.getCell("A3").style = { fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } } };
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  const name = "xl/worksheets/sheet1.xml";
  const xml = await zip.file(name)!.async("string");
  const style = /<c r="A3" s="(\d+)"/.exec(xml)?.[1];
  if (!style) throw new Error("no styled cell in the sheet");
  const more: string[] = [];
  for (let r = 4; r < 4 + rows; r++) more.push(`<row r="${r}"><c r="A${r}" s="${style}"/></row>`);
  zip.file(name, xml.replace("</sheetData>", `${more.join("")}</sheetData>`).replace(/<dimension ref="[^"]*"\/>/, ""));
  return new Uint8Array(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** Ten sheets, none with a header the import knows. */
export async function tenUnknownSheets(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (let i = 1; i <= 10; i++) book.addWorksheet(`Trang ${i}`).addRow(["Tên", "Giá trị"]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
