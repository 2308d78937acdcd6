import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  formFlag,
  formNumber,
  formObject,
  formOptionalNumber,
  formOptionalText,
  formText,
} from "@/lib/web/action-input";

describe("reading a server action's form through its schema", () => {
  it("takes the first value of a repeated field, as FormData.get does", () => {
    const form = new FormData();
    form.append("period", "2026-10");
    form.append("period", "2026-11");
    expect(formObject(form)).toEqual({ period: "2026-10" });
  });

  it("reads fields as the actions always have: absent text is empty, text is cut at its bound, a flag is '1'", () => {
    const Z = z.object({ reason: formOptionalText(5), period: formText(20), lock: formFlag, all: formFlag });
    expect(Z.parse({ reason: "abcdefgh", lock: "1", all: "on" })).toEqual({
      reason: "abcde",
      period: "",
      lock: true,
      all: false,
    });
    expect(Z.parse({ reason: "" }).reason).toBeNull();
  });

  it("reads numbers as Number() does, leaving the refusal of a bad one to the data layer", () => {
    const Z = z.object({
      reportId: formNumber(),
      batchId: formNumber({ max: 3, absent: 0 }),
      version: formOptionalNumber,
    });
    expect(Z.parse({ reportId: "12", batchId: "12345", version: "" })).toEqual({ reportId: 12, batchId: 123 });
    const missing = Z.parse({});
    expect(missing.reportId).toBeNaN();
    expect(missing.batchId).toBe(0);
    expect(missing.version).toBeUndefined();
    expect(Z.parse({ reportId: "x", version: "3" })).toMatchObject({ version: 3 });
  });
});
