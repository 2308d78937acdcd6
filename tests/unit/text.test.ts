import { describe, expect, it } from "vitest";
import { cleanText, hasLetterOrDigit } from "@/lib/domain/text";

describe("a required text needs a letter or a digit (issue 29: blank reasons)", () => {
  it("is blank when made of fillers, blank Braille, invisible marks or punctuation", () => {
    for (const blank of [
      "",
      "   ",
      "\u3164\u3164",
      "\u2800",
      "\u034f\ufe0f\u115f\uffa0",
      "\u200b\u2060",
      "\u1160",
      ".,;-",
      "\u3000",
    ]) {
      expect(hasLetterOrDigit(blank), JSON.stringify(blank)).toBe(false);
    }
  });

  it("says something with one letter or digit of any script", () => {
    for (const text of ["a", "7", "Sai số", "đ", "ㄱ", "٣", "Lý do: số 3 sai."])
      expect(hasLetterOrDigit(text), text).toBe(true);
  });

  it("keeps line breaks as LF only and drops default-ignorable characters", () => {
    expect(cleanText("a\rb\r\nc\u2028d\u0085e")).toBe("a\nb\nc\nd\ne");
    expect(cleanText(" \u3164Sai\u034f số\ufe0f ")).toBe("Sai số");
  });
});
