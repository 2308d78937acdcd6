import { describe, expect, it } from "vitest";
import { copyTextLines, decodeField, decodeLine } from "@/lib/data/copy-text";

async function rows(chunks: (string | Buffer)[]) {
  const out: (string | null)[][] = [];
  for await (const batch of copyTextLines(chunks)) out.push(...batch.map(decodeLine));
  return out;
}

describe("PostgreSQL COPY text format", () => {
  it("splits a line on tabs, reads \\N as NULL and an empty field as empty text", () => {
    expect(decodeLine("03637\tXã Bình Lư\t\\N\t\t12.5")).toEqual(["03637", "Xã Bình Lư", null, "", "12.5"]);
  });

  it("undoes the escapes PostgreSQL writes, and its octal and hex forms", () => {
    expect(decodeField("a\\tb\\nc\\\\d\\re")).toBe("a\tb\nc\\d\re");
    expect(decodeField("\\b\\f\\v")).toBe("\b\f\v");
    expect(decodeField("\\101\\x42")).toBe("AB");
    expect(decodeField("\\\\N")).toBe("\\N");
  });

  it("keeps a line, and a character, cut between two chunks whole", async () => {
    const bytes = Buffer.from("01\tLai Châu\n02\tĐiện Biên\n", "utf8");
    const cut = bytes.indexOf(Buffer.from("Đ", "utf8")) + 1; // inside the two bytes of "Đ"
    expect(await rows([bytes.subarray(0, 5), bytes.subarray(5, cut), bytes.subarray(cut)])).toEqual([
      ["01", "Lai Châu"],
      ["02", "Điện Biên"],
    ]);
  });

  it("reads a last line without its newline", async () => {
    expect(await rows(["a\tb\nc\t\\N"])).toEqual([
      ["a", "b"],
      ["c", null],
    ]);
  });
});
