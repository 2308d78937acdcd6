/**
 * The import's refusals of a file and of its cells as rules and their figures (../wording.ts): importMessageVi says
 * each in Vietnamese, the message the import stores, shows and sends (the tests assert it); the interface words the
 * same rule with the catalogue's `dataErrors.importFile` in the viewer's language (i18n/import.ts), whose Vietnamese
 * says exactly what this module does (tests/unit/message-catalogues-import.test.ts). The position of a refusal (a
 * line, a sheet and a cell) is a figure too, never words.
 */
import type { RawCode } from "../indicators";
import { type ValidationRule, validationMessageVi } from "../validation-wording";
import type { Wording } from "../wording";

export type ImportRule =
  // A CSV file as a whole (./read-csv.ts).
  | "emptyFile"
  | "headerOnly"
  | "tooManyColumns"
  | "tooManyCells"
  | "badCsv"
  | "badCsvAt"
  | "tooManyRows"
  // A workbook as a whole (lib/import/read-xlsx.ts).
  | "workbookEncrypted"
  | "workbookOld"
  | "workbookBroken"
  | "workbookUnpackedTooLarge"
  | "wordDocument"
  | "presentation"
  | "zipNotWorkbook"
  | "workbookUnreadable"
  | "noHeaderSheet"
  | "noSheet"
  | "workbookHeaderOnly"
  | "workbookTooManyRows"
  // A table's header, and how its numbers are written (./cells.ts, ./number-format.ts).
  | "unknownColumns"
  | "missingColumns"
  | "missingColumnsAndIndicators"
  | "missingIndicators"
  | "mixedNumbers"
  | "ambiguousDot"
  | "ambiguousComma"
  // A row or a cell (./cells.ts, ./cell-values.ts).
  | "columnCount"
  | "communeMissing"
  | "communeUnknown"
  | "provinceMismatch"
  | "periodFormat"
  | "periodBeforeStart"
  | "periodNotYet"
  | "indicatorMissing"
  | "indicatorUnknown"
  | "indicatorComputed"
  | "indicatorProvince"
  | "notANumber"
  | "emptyValue"
  // The same cell twice (./plan.ts).
  | "duplicate"
  | "duplicates"
  | "duplicatesMore"
  // Who may change a commune-month (./month-rights.ts).
  | "analyst"
  | "otherCommune"
  | "locked"
  | "approved"
  | "submitted"
  // A wide table's indicator columns that cannot be imported (./cells.ts): its problems joined.
  | "indicatorColumns"
  // The upload itself (lib/web/import-upload.ts, ./read-csv.ts).
  | "tooLarge"
  | "tooLargeSize"
  | "noFile"
  // A rule of the month form on the file's values (./plan.ts): the rule's own message and the rows it is about.
  | "monthCheck"
  | "monthCheckLines"
  | "monthCheckRows"
  | "monthCheckStored"
  | "sheetRow"
  // Notes: what the import read past or read differently (./cells.ts, lib/import/read-xlsx.ts).
  | "noteHeaderRow"
  | "noteHeaderRows"
  | "noteReadPast"
  | "readPastUnits"
  | "readPastTotals"
  | "readPastNotes"
  | "noteStopped"
  | "noteSheetsReadPast"
  | "noteComputedColumns"
  | "noteComputedRows"
  | "notePaddedCodes";

/** Where something is in the file: a CSV's line, or a workbook's sheet and cell. */
export type ImportPlace = { line: number } | { sheet: string; cell: string };

/**
 * A refusal: its rule and figures, for a sheet of a workbook the sheet it is about ("Trang “…”: " before it), and
 * the places it names (figures too, worded by each language: "dòng 5", "Trang “Tháng 11”, ô F12").
 */
export interface ImportWording extends Wording<ImportRule> {
  sheet?: string;
  places?: Record<string, ImportPlace>;
  /** Figures that are lists of refusals or notes: each item worded, joined with `sep`. */
  parts?: Record<string, { sep: string; items: ImportWording[] }>;
  /** The month form's rule that `{check}` says (lib/domain/validation-wording.ts), with its field and figures. */
  check?: { rule: ValidationRule; field: RawCode; values: Record<string, number | string> };
}

export const importWording = (rule: ImportRule, values: Record<string, number | string> = {}): ImportWording => ({
  rule,
  values,
});

const NOTHING_WRITTEN = "Chưa có số liệu nào được ghi.";
const FIRST_LINE =
  "Dòng đầu tiên phải là tiêu đề như tệp xuất của hệ thống (mã cột hoặc tên tiếng Việt). Chưa có số liệu nào được ghi.";
const INDICATOR_COLUMNS = "indicator_code (Mã chỉ tiêu) và value (Giá trị), hoặc các cột chỉ tiêu (dạng bảng ngang)";
const SAME_CELL = "cùng xã, phường, tháng và chỉ tiêu";
const HOW_TO_WRITE =
  "Hãy sửa cho thống nhất, hoặc chọn cách viết số của tệp ở mục “Cách viết số” rồi tải lại. Chưa có số liệu nào được ghi.";
const SPLIT_FILE = `Hãy chia tệp thành nhiều phần (ví dụ theo tháng). ${NOTHING_WRITTEN}`;
const COMPUTED_HERE = "hệ thống tự tính các chỉ tiêu này từ số liệu nhập.";
const oneDecimalVi = (text: string) =>
  Number(text).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimalVi = (text: string) => Number(text).toLocaleString("vi-VN", { maximumFractionDigits: 10 });

/** A place in Vietnamese: "dòng 5", "Trang “Tháng 11”, ô F12". */
export const placeTextVi = (p: ImportPlace) => ("line" in p ? `dòng ${p.line}` : placeVi(p.sheet, p.cell));

/** A refusal in Vietnamese: what the import has always said (the catalogue's `dataErrors.importFile` says the same). */
export function importMessageVi(w: ImportWording): string {
  const v = (k: string) => {
    const place = w.places?.[k];
    const part = w.parts?.[k];
    if (k === "check" && w.check) return validationMessageVi(w.check.rule, w.check.field, w.check.values);
    return place ? placeTextVi(place) : part ? part.items.map(importMessageVi).join(part.sep) : String(w.values[k]);
  };
  const n = (k: string) => Number(w.values[k]).toLocaleString("vi-VN");
  const text = ((): string => {
    switch (w.rule) {
      case "emptyFile":
        return "Tệp rỗng: không có dòng tiêu đề và không có số liệu.";
      case "headerOnly":
        return "Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào.";
      case "tooManyColumns":
        return `Tệp có dòng hơn ${v("max")} cột: không phải tệp số liệu của hệ thống (kiểm tra dấu phân cách). ${NOTHING_WRITTEN}`;
      case "tooManyCells":
        return `Tệp có hơn ${n("max")} ô: hãy chia thành nhiều tệp nhỏ hơn. ${NOTHING_WRITTEN}`;
      case "badCsv":
        return `Tệp CSV sai cấu trúc (ví dụ dấu ngoặc kép không được đóng). ${NOTHING_WRITTEN}`;
      case "badCsvAt":
        return `Tệp CSV sai cấu trúc ở dòng ${v("line")} (ví dụ dấu ngoặc kép không được đóng). ${NOTHING_WRITTEN}`;
      case "tooManyRows":
        return `Tệp có hơn ${n("max")} dòng số liệu: hãy chia thành nhiều tệp nhỏ hơn. ${NOTHING_WRITTEN}`;
      case "workbookEncrypted":
        return `Sổ tính được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hoá bằng mật khẩu: xoá trống), lưu lại rồi tải lên. ${NOTHING_WRITTEN}`;
      case "workbookOld":
        return `Tệp là định dạng Excel cũ (.xls) hoặc tài liệu Office cũ, không đọc được. Hãy mở trong Excel và lưu thành “Sổ làm việc Excel (*.xlsx)” hoặc “CSV UTF-8”, rồi tải lại. ${NOTHING_WRITTEN}`;
      case "workbookBroken":
        return `Tệp .xlsx bị hỏng hoặc không phải sổ tính Excel. ${NOTHING_WRITTEN}`;
      case "workbookUnpackedTooLarge":
        return `Tệp .xlsx giải nén ra quá lớn (${n("size")} MB, tối đa ${v("max")} MB): không nhận. ${NOTHING_WRITTEN}`;
      case "wordDocument":
        return `Tệp là tài liệu Word (.docx), không phải sổ tính Excel (.xlsx) hay CSV. ${NOTHING_WRITTEN}`;
      case "presentation":
        return `Tệp là bản trình chiếu PowerPoint, không phải sổ tính Excel (.xlsx) hay CSV. ${NOTHING_WRITTEN}`;
      case "zipNotWorkbook":
        return `Tệp là tệp nén, không phải sổ tính Excel, không phải sổ tính Excel (.xlsx) hay CSV. ${NOTHING_WRITTEN}`;
      case "workbookUnreadable":
        return `Không đọc được sổ tính (tệp hỏng hoặc không phải .xlsx: ${v("error")}). ${NOTHING_WRITTEN}`;
      case "noHeaderSheet":
        return `Không trang nào của sổ tính có dòng tiêu đề nhận ra được (cần ít nhất cột “Mã xã, phường” và “Tháng”, trong ${v("rows")} dòng đầu): ${v("sheets")}. ${NOTHING_WRITTEN}`;
      case "noSheet":
        return `Không trang nào của sổ tính có dòng tiêu đề nhận ra được (cần ít nhất cột “Mã xã, phường” và “Tháng”, trong ${v("rows")} dòng đầu): sổ tính không có trang nào. ${NOTHING_WRITTEN}`;
      case "workbookHeaderOnly":
        return "Sổ tính chỉ có dòng tiêu đề, không có dòng số liệu nào.";
      case "workbookTooManyRows":
        return `Sổ tính có hơn ${n("max")} dòng số liệu: hãy chia thành nhiều tệp nhỏ hơn. ${NOTHING_WRITTEN}`;
      case "unknownColumns":
        return `Cột không nhận ra: ${v("columns")}: không phải mã hay tên chỉ tiêu nào trong danh mục. ${NOTHING_WRITTEN}`;
      case "missingColumns":
        return `Tệp thiếu cột: ${v("columns")}. ${FIRST_LINE}`;
      case "missingColumnsAndIndicators":
        return `Tệp thiếu cột: ${v("columns")}; ${INDICATOR_COLUMNS}. ${FIRST_LINE}`;
      case "missingIndicators":
        return `Tệp thiếu cột: ${INDICATOR_COLUMNS}. ${FIRST_LINE}`;
      case "mixedNumbers":
        return `Tệp viết số theo hai cách: “${v("vi")}” (${v("viAt")}) theo kiểu Việt Nam (dấu phẩy thập phân), “${v("en")}” (${v("enAt")}) theo kiểu dấu chấm thập phân. ${HOW_TO_WRITE}`;
      case "ambiguousDot":
      case "ambiguousComma": {
        const mark = w.rule === "ambiguousDot" ? "dấu chấm" : "dấu phẩy";
        return `Số “${v("text")}” (${v("at")}) đọc được hai cách: ${n("whole")} (${mark} ngăn cách hàng nghìn) hoặc ${decimalVi(v("decimal"))} (${mark} thập phân), và tệp không có số nào khác cho biết cách viết. ${HOW_TO_WRITE}`;
      }
      case "columnCount":
        return `Dòng có ${v("columns")} cột, dòng tiêu đề có ${v("width")} cột (kiểm tra dấu phân cách và dấu ngoặc kép)`;
      case "communeMissing":
        return "Thiếu mã xã, phường";
      case "communeUnknown":
        return `Không có xã, phường mã “${v("code")}” trong danh mục`;
      case "provinceMismatch":
        return `Mã tỉnh “${v("province")}” không khớp với xã, phường mã “${v("code")}” (thuộc tỉnh ${v("communeProvince")})`;
      case "periodFormat":
        return `Tháng “${v("period")}” không đúng dạng YYYY-MM hoặc MM/YYYY (ví dụ 2025-09 hoặc 09/2025)`;
      case "periodBeforeStart":
        return `Tháng ${v("month")} trước khi bắt đầu báo cáo (${v("start")})`;
      case "periodNotYet":
        return `Chưa đến kỳ báo cáo tháng ${v("month")}`;
      case "indicatorMissing":
        return "Thiếu mã chỉ tiêu";
      case "indicatorUnknown":
        return `Không có chỉ tiêu mã “${v("code")}” trong danh mục`;
      case "indicatorComputed":
        return `“${v("code")}” là chỉ tiêu tính toán (tính từ các chỉ tiêu khác), không nhập được`;
      case "indicatorProvince":
        return `“${v("code")}” là chỉ tiêu cấp tỉnh, không nhập theo xã, phường`;
      case "notANumber":
        return `Giá trị “${v("value")}” không phải là số`;
      case "emptyValue":
        return "Giá trị trống";
      case "duplicate":
        return `Trùng với dòng ${v("line")}: ${SAME_CELL}`;
      case "duplicates":
        return `Trùng với các dòng ${v("lines")}: ${SAME_CELL}`;
      case "duplicatesMore":
        return `Trùng với các dòng ${v("lines")} và ${n("more")} dòng khác: ${SAME_CELL}`;
      case "analyst":
        return "Tài khoản phân tích số liệu không được nhập số liệu";
      case "otherCommune":
        return `Tài khoản xã, phường chỉ được nhập số liệu của đơn vị mình (dòng này thuộc xã, phường mã ${v("code")})`;
      case "locked":
        return `Tháng ${v("month")} đã khoá sổ: không thể thay đổi số liệu`;
      case "approved":
        return `Báo cáo tháng ${v("month")} của xã, phường mã ${v("code")} đã được duyệt: chỉ xem, không sửa được`;
      case "submitted":
        return `Báo cáo tháng ${v("month")} đã nộp và đang chờ tỉnh duyệt: không sửa được`;
      case "indicatorColumns":
        return `${v("problems")}. Hãy bỏ các cột này rồi tải lại tệp. ${NOTHING_WRITTEN}`;
      case "tooLarge":
        return `Tệp quá lớn: tối đa ${v("max")} MB. ${SPLIT_FILE}`;
      case "tooLargeSize":
        return `Tệp quá lớn (${oneDecimalVi(v("size"))} MB): tối đa ${v("max")} MB. ${SPLIT_FILE}`;
      case "noFile":
        return "Vui lòng chọn tệp CSV hoặc Excel (.xlsx) cần nhập.";
      case "monthCheck":
        return v("check");
      case "monthCheckLines":
        return `${v("check")} (các dòng ${v("lines")})`;
      case "monthCheckRows":
        return `${v("check")} (${v("rows")})`;
      case "monthCheckStored":
        return `${v("check")} (theo số liệu đã có trong hệ thống)`;
      case "sheetRow":
        return `trang “${v("sheet")}”, dòng ${v("row")}`;
      case "noteHeaderRow":
        return `dòng tiêu đề là dòng ${v("row")}.`;
      case "noteHeaderRows":
        return `tiêu đề trên hai dòng ${v("rows")}.`;
      case "noteReadPast":
        return `bỏ qua ${v("list")}.`;
      case "readPastUnits":
        return "dòng đơn vị tính";
      case "readPastTotals":
        return `${n("count")} dòng tổng cộng`;
      case "readPastNotes":
        return `${n("count")} dòng ghi chú`;
      case "noteStopped":
        return `sau ${n("empty")} dòng trống liền nhau, không đọc tiếp từ dòng ${v("row")}.`;
      case "noteSheetsReadPast":
        return `Bỏ qua các trang không có bảng số liệu: ${v("sheets")}.`;
      case "noteComputedColumns":
        return `Bỏ qua ${n("count")} cột chỉ tiêu tính toán (${v("columns")}): ${COMPUTED_HERE}`;
      case "noteComputedRows":
        return `Bỏ qua ${n("count")} dòng chỉ tiêu tính toán: ${COMPUTED_HERE}`;
      case "notePaddedCodes":
        return `${n("count")} dòng có mã xã, phường bị mất số 0 ở đầu (ví dụ ${v("example")}; bảng tính đã coi mã là số): đã đọc thành mã 5 chữ số.`;
    }
  })();
  return w.sheet === undefined ? text : `Trang “${w.sheet}”: ${text}`;
}

/** A list of refusals or notes as one figure (`parts`), each item worded on its own. */
export const listOf = (items: ImportWording[], sep: string) => ({ sep, items });

/**
 * A month rule's issue on the file's values, and where it is: the stored figures (no line of the file), a workbook's
 * rows, a CSV's lines (one line: the row's own message needs no place).
 */
export function monthCheckWording(
  check: NonNullable<ImportWording["check"]>,
  lines: readonly number[],
  rowOf: ((line: number) => { sheet: string; row: number }) | null,
): ImportWording {
  if (lines.length === 0) return { rule: "monthCheckStored", values: {}, check };
  if (rowOf) {
    const items = lines.map((l) => importWording("sheetRow", rowOf(l)));
    return { rule: "monthCheckRows", values: {}, check, parts: { rows: listOf(items, "; ") } };
  }
  if (lines.length > 1) return { rule: "monthCheckLines", values: { lines: lines.join(", ") }, check };
  return { rule: "monthCheck", values: {}, check };
}

/** How many of a cell's copies the message names by line. */
const COPIES_NAMED = 5;

/** A cell the file holds more than once: the first copy names the others' lines (the first few, and how many more). */
export function duplicateWording(lines: readonly number[]): ImportWording {
  if (lines.length === 1) return importWording("duplicate", { line: lines[0]! });
  const named = lines.slice(0, COPIES_NAMED).join(", ");
  const more = lines.length - COPIES_NAMED;
  return more > 0
    ? importWording("duplicatesMore", { lines: named, more })
    : importWording("duplicates", { lines: named });
}

// Kept beside the refusals the readers return rather than on them: a refusal stays { ok: false, message } wherever it
// is compared or sent (as ../validation-wording.ts keeps an issue's wording). It does not cross a thread: the worker
// sends it beside the message.
const REFUSALS = new WeakMap<object, ImportWording>();

/** A refusal of the whole file with its Vietnamese message, as the readers return one; refusalWording gives its rule. */
export function importRefusal(wording: ImportWording): { ok: false; message: string } {
  const refusal = { ok: false as const, message: importMessageVi(wording) };
  REFUSALS.set(refusal, wording);
  return refusal;
}

/** The rule of a refusal made by importRefusal in this thread, or the wording it carries (an encoding refusal). */
export function refusalWording<W = never>(refusal: { message: string; wording?: W }): ImportWording | W | undefined {
  return REFUSALS.get(refusal) ?? refusal.wording;
}

/** Where a workbook's cell is: "Trang “Số liệu”, ô G12" (the catalogue's `dataErrors.importFile.place`). */
export const placeVi = (sheet: string, cell: string) => `Trang “${sheet}”, ô ${cell}`;

/** The sheet and cell of a place that placeVi wrote (the API answers them apart); undefined for anything else. */
export function placeParts(place: string): { sheet: string; cell: string } | undefined {
  const m = /^Trang “(.*)”, ô ([A-Z]*\d+)$/.exec(place);
  return m ? { sheet: m[1]!, cell: m[2]! } : undefined;
}
