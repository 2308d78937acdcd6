/**
 * The import's refusals reach the page with their rules (issue 27 item 6): the checking worker sends a file's refusal
 * and each row's rules beside their Vietnamese messages, and the page's report (i18n/import.ts) says them in English.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { closeDb } from "@/lib/data/db";
import { createDemoAccounts } from "@/lib/data/demo-accounts";
import { dryRun } from "@/lib/data/import";
import { seedReferenceData } from "@/lib/data/seed";
import { importReportIn } from "@/i18n/import";
import { resetDatabase, withClient } from "./support/db";
import { viewerOf } from "./support/reports";

const LONG = "commune_code,period,indicator_code,value";
let province: Viewer;

// A new installation: the units and the accounts, no figures.
beforeAll(async () => {
  province = await withClient(async (c) => {
    await resetDatabase(c);
    await seedReferenceData(c);
    await createDemoAccounts(c, "12");
    return viewerOf(c, "tinh");
  });
}, 180_000);

afterAll(() => closeDb());

const file = (text: string) => ({ name: "test.csv", bytes: new TextEncoder().encode(text) });

describe("the import's refusals in the viewer's language", () => {
  it("a file's refusal: Vietnamese as before, English on an English page", async () => {
    const report = await dryRun(province, file(`${LONG}\n`));
    expect(report.fileError).toBe("Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào.");
    expect(report.fileErrorWording).toEqual({ rule: "headerOnly", values: {} });
    expect(importReportIn(report, "en").fileError).toBe("The file has only a header line and no line of figures.");
  });

  it("a row's refusals: each message with its rule, said in English", async () => {
    const report = await dryRun(province, file(`${LONG}\n99999,2025-09,staff_quota,1\n03637,2025-09,staff_quota,x\n`));
    expect(report.rows.map((r) => r.messages)).toEqual([
      ["Không có xã, phường mã “99999” trong danh mục"],
      ["Giá trị “x” không phải là số"],
    ]);
    expect(importReportIn(report, "en").rows.map((r) => r.messages)).toEqual([
      ["There is no commune with the code “99999” in the catalogue"],
      ["The value “x” is not a number"],
    ]);
  });
});
