/**
 * What an upload's first bytes say it is, without loading a workbook reader: the checking worker loads exceljs
 * (./read-xlsx.ts) only for a workbook, so a CSV import does not pay for it.
 */

/** True for the bytes of a zip (an .xlsx, a .docx…). */
export const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** An OLE compound file: the old .xls, an old .doc, or an Office file protected by a password. */
export const isOle = (bytes: Uint8Array) =>
  bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
