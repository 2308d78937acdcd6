import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { CURRENT_PERIOD } from "./support/session";

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
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  await page.getByRole("button", { name: "Xác nhận nhập" }).click();
  await expect(page.getByTestId("import-done")).toContainText("Đã ghi 2 giá trị");
  await expect(page.getByTestId("import-done")).toContainText("Nhập từ tệp thu.csv");

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
