/**
 * An administrator may import files of up to 100 MB (issue 23, lib/domain/import/limits.ts), also through
 * POST /api/v1/import. Next.js copies the body of every request its proxy runs for, up to proxyClientMaxBodySize, and
 * hands the route only that much: a larger file must reach the import whole, not cut.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { CURRENT_PERIOD, login } from "./support/session";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test.use({ storageState: { cookies: [], origins: [] } });

test("an administrator's 56 MB workbook reaches the import API whole", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await login(page, "admin");
  // One figure in the long layout, and a picture of random bytes that no compression shrinks: the file is 56 MB,
  // over the proxy's 52 MB and under the administrator's 100 MB; its zip directory is at its very end.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Số liệu");
  sheet.addRow(["commune_code", "period", "indicator_code", "value"]);
  // A commune no other spec writes (03637's month is submitted and approved by entry-workflow.spec.ts).
  sheet.addRow(["03618", CURRENT_PERIOD, "proc_received", 41]);
  const picture = workbook.addImage({
    buffer: randomBytes(56 * 2 ** 20) as unknown as ExcelJS.Buffer,
    extension: "png",
  });
  sheet.addImage(picture, "F2:G4");
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  expect(file.length).toBeGreaterThan(55 * 2 ** 20);

  const res = await page.request.post("/api/v1/import?dry_run=1", {
    headers: { origin: new URL(baseURL!).origin, "content-type": XLSX },
    data: file,
    timeout: 90_000,
    failOnStatusCode: false,
  });
  const body = await res.json();
  expect(body.error ?? null).toBeNull();
  expect(res.status()).toBe(200);
  expect(body).toMatchObject({ rows: 1, errors: [] });
});
