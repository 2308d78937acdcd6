import { describe, expect, it } from "vitest";
import { readNumber } from "@/lib/domain/numbers";

const value = (text: string, locale: "vi" | "en", kind: "integer" | "decimal" = "decimal") => {
  const r = readNumber(text, locale, kind);
  return r.ok ? r.value : r.message;
};

describe("readNumber: numbers by the interface's language", () => {
  it("Vietnamese: dot for thousands, comma for decimals", () => {
    expect(value("1.234", "vi")).toBe(1234);
    expect(value("1.234,5", "vi")).toBe(1234.5);
    expect(value("1 234", "vi")).toBe(1234);
    expect(value(" 1234 ", "vi")).toBe(1234);
    expect(value("12,5", "vi")).toBe(12.5);
    expect(value("", "vi")).toBeNull();
  });

  it("English: comma for thousands, dot for decimals", () => {
    expect(value("1,234", "en")).toBe(1234);
    expect(value("1,234.5", "en")).toBe(1234.5);
    expect(value("12.5", "en")).toBe(12.5);
    expect(value("1000", "en", "integer")).toBe(1000);
  });

  it("refuses, with how it was read, what is ambiguous for a whole-number field", () => {
    expect(value("1,000", "vi", "integer")).toMatch(/“1,000” được đọc là 1 .*hãy viết 1\.000 hoặc 1000/);
    expect(value("1.000", "en", "integer")).toMatch(/“1.000” reads as 1 .*write 1,000 or 1000/);
    expect(value("12,5", "vi", "integer")).toMatch(/được đọc là 12,5, nhưng ô này chỉ nhận số nguyên/);
    expect(value("1,000", "en", "integer")).toBe(1000);
    expect(value("1.000", "vi", "integer")).toBe(1000);
  });

  it("refuses the other convention's grouping, exponents and text", () => {
    expect(value("1,234.5", "vi")).toMatch(/không phải là số/);
    expect(value("1.234,5", "en")).toMatch(/is not a number/);
    expect(value("1e3", "vi")).toMatch(/không phải là số/);
    expect(value("1e5", "en")).toMatch(/is not a number/);
    expect(value("abc", "vi")).toMatch(/không phải là số/);
  });
});
