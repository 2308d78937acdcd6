import { describe, expect, it } from "vitest";
import { CSV_CHUNK_LINES, readCsv, readCsvRecords } from "@/lib/domain/import/read-csv";

// A CSV's records are read a piece of CSV_CHUNK_LINES lines at a time (issue 23, item 8): the lines, the records and
// the refusals are those of the whole text.
const utf8 = (text: string) => new TextEncoder().encode(text);
const HEAD = "commune_code,period,staff_quota";

describe("reading a CSV a piece at a time", () => {
  it("gives every record its line across pieces, with empty lines and a quoted cell spanning lines", () => {
    const lines = [HEAD];
    for (let i = 0; i < CSV_CHUNK_LINES * 2 + 10; i++) {
      if (i === CSV_CHUNK_LINES - 2) lines.push(`"03637","2025-09\nsecond line\nthird",${i}`);
      else if (i % 1000 === 7) lines.push("");
      else lines.push(`03637,2025-09,${i}`);
    }
    const read = readCsvRecords(utf8(`${lines.join("\r\n")}\r\n`));
    if (!read.ok) throw new Error(read.message);
    const records = [...read.table.records];
    expect(records.length).toBe(read.table.records.length);
    // The physical line each record starts on: its index in `lines` + 1, plus the two extra lines of the quoted cell.
    let physical = 1;
    const expected: { line: number; value: string }[] = [];
    for (let i = 1; i < lines.length; i++) {
      physical++;
      if (lines[i] !== "") expected.push({ line: physical, value: lines[i]!.split(",").pop()! });
      physical += (lines[i]!.match(/\n/g) ?? []).length;
    }
    expect(records.map((r) => ({ line: r.line, value: r.cells[2] }))).toEqual(expected);
    expect(records.find((r) => String(r.cells[1]).includes("second line"))!.line).toBe(CSV_CHUNK_LINES);
    // Walked twice, the same records.
    expect([...read.table.records].length).toBe(records.length);
    const whole = readCsv(utf8(`${lines.join("\r\n")}\r\n`));
    expect(whole.ok && whole.table.records).toEqual(records);
  });

  it("names the line of a broken quote beyond the first piece", () => {
    const lines = [HEAD, ...Array.from({ length: CSV_CHUNK_LINES + 100 }, () => "03637,2025-09,1")];
    lines.push('03637,"2025-09,1');
    const read = readCsvRecords(utf8(`${lines.join("\n")}\n`));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(new RegExp(`dòng ${lines.length}\\b`));
  });
});
