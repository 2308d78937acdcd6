import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { CURRENT_PERIOD } from "./support/session";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Communes other specs write or read by name (this one takes the first of the template's rows not among them). */
const USED = new Set([
  "03388",
  "03390",
  "03394",
  "03405",
  "03408",
  "03424",
  "03430",
  "03433",
  "03439",
  "03451",
  "03478",
  "03487",
  "03503",
  "03508",
  "03517",
  "03529",
  "03532",
  "03538",
  "03544",
  "03549",
  "03562",
  "03571",
  "03583",
  "03595",
  "03637",
  "03640",
]);

const LONG = "province_code,commune_code,commune_name,period,indicator_code,indicator_name,value,unit,status";
/** The current month (Vietnam's calendar, at the server's instant): the demo data stops at the last full month, so the import creates this report as a draft. */
const openPeriod = () => CURRENT_PERIOD;

// Phường Đoàn Kết: no other spec writes its current month (entry-workflow uses Mường Kim's).
test("a province user uploads a small CSV: dry run shows the outcomes, commit writes, the values are visible", async ({
  page,
}) => {
  const period = openPeriod();
  const csv = `\uFEFF${LONG}\n12,03388,Phường Đoàn Kết,${period},pages_digitised,,4321,trang,\n12,03388,Phường Đoàn Kết,${period},feedback_received,,7,,\n`;
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/import");
  await page
    .getByLabel("Tệp CSV")
    .setInputFiles({ name: "thu.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: /Kiểm tra tệp/ }).click();
  await expect(page.getByTestId("import-count-new")).toHaveText("2");
  await expect(page.getByTestId("import-count-error")).toHaveText("0");
  await expect(page.getByTestId("import-rows")).toContainText("pages_digitised");
  // The progress indicator (polled while the check runs) ends on every row checked.
  await expect(page.getByTestId("import-progress")).toHaveAttribute("data-step", "checking");
  await expect(page.getByTestId("import-progress")).toContainText("đã kiểm tra 2 dòng");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  await page.getByRole("button", { name: "Xác nhận nhập" }).click();
  await expect(page.getByTestId("import-done")).toContainText("Đã ghi 2 giá trị");
  await expect(page.getByTestId("import-done")).toContainText("Nhập từ tệp thu.csv");
  await expect(page.getByTestId("import-progress")).toHaveAttribute("data-step", "writing");
  await expect(page.getByTestId("import-progress")).toContainText("đã ghi xong");

  await page.goto(`/export?from=${period}&to=${period}&indicators=pages_digitised&communes=03388`);
  await expect(page.getByTestId("export-preview")).toContainText("4321");
});

test("a file that is not UTF-8 gets a clear message and nothing to confirm", async ({ page }) => {
  await page.goto("/import");
  const bytes = Buffer.concat([
    Buffer.from(`${LONG}\n12,03637,X`),
    Buffer.from([0xe3]),
    Buffer.from(",2025-09,staff_quota,,5,,\n"),
  ]);
  await page.getByLabel("Tệp CSV").setInputFiles({ name: "latin1.csv", mimeType: "text/csv", buffer: bytes });
  await page.getByRole("button", { name: /Kiểm tra tệp/ }).click();
  await expect(page.getByTestId("import-error")).toContainText("không phải mã UTF-8");
  await expect(page.getByRole("button", { name: "Xác nhận nhập" })).toHaveCount(0);
});

// Issue 23 items 4 and 6: the monthly template through the real pages, loaded as history so a dashboard shows it.
test("the province's monthly template: downloaded, filled by a script, uploaded as received, shown on the commune's page", async ({
  page,
}) => {
  const period = openPeriod();
  await page.goto("/import");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("template-link").click()]);
  expect(download.suggestedFilename()).toBe(`mau-nhap-so-lieu_${period}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = Array.from(sheet.getRow(4).values as unknown[], (v) => String(v ?? ""));
  const column = (name: string) => header.findIndex((h) => h.startsWith(name));
  // A commune no other spec writes this month.
  let row = 5;
  while (USED.has(String(sheet.getCell(row, 1).value))) row++;
  const code = String(sheet.getCell(row, 1).value);
  sheet.getCell(row, column("Hồ sơ TTHC tiếp nhận")).value = 4321;
  sheet.getCell(row, column("Giải quyết trước hạn")).value = 0;
  sheet.getCell(row, column("Giải quyết đúng hạn")).value = 11;
  sheet.getCell(row, column("Giải quyết quá hạn")).value = 0;
  // Only this commune's month goes in (another spec's draft of this month stays a draft).
  for (let r = 5; r <= sheet.rowCount; r++)
    if (r !== row) for (let c = 4; c < header.length; c++) sheet.getCell(r, c).value = null;
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

  await page.getByLabel("Tệp CSV").setInputFiles({ name: "mau.xlsx", mimeType: XLSX, buffer });
  await page.getByLabel(/Ghi nhận là đã duyệt/).check();
  await page.getByRole("button", { name: /Kiểm tra tệp/ }).click();
  await expect(page.getByTestId("import-count-new")).toHaveText("4");
  await expect(page.getByTestId("import-count-error")).toHaveText("0");
  await expect(page.getByTestId("import-rows")).toContainText("proc_received");
  await expect(page.getByTestId("import-rows")).toContainText("4.321");
  await page.getByRole("button", { name: "Xác nhận nhập" }).click();
  await expect(page.getByTestId("import-done")).toContainText("1 báo cáo được ghi nhận là đã duyệt");

  await page.goto(`/communes/${code}?period=${period}`);
  await expect(page.getByTestId("commune-procedures")).toContainText("4.321");
});
