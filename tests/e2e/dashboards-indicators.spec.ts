import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("indicators", () => {
  test("the catalogue shows definitions, units, formulas, aggregation and targets", async ({ page }) => {
    await page.goto("/indicators");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Danh mục chỉ tiêu");
    const row = page.getByTestId("indicator-catalogue").locator("tr", { hasText: "proc_on_time_rate" });
    await expect(row).toContainText("Tỷ lệ giải quyết TTHC đúng và trước hạn");
    await expect(row).toContainText("Tỷ số của các tổng");
    await expect(row).toContainText("≥ 98,0%");
    await expect(row).toContainText("Số hồ sơ giải quyết đúng hạn và trước hạn / Tổng số hồ sơ đã giải quyết × 100");
    await expect(
      page.getByTestId("indicator-catalogue").locator("tr", { hasText: "Trang tài liệu được số hoá" }),
    ).toContainText("Phát sinh");
    await row.getByRole("link").click();
    await expect(page).toHaveURL(/\/indicators\/proc_on_time_rate$/);
  });

  test("an indicator page: communes × months with a colour scale, ranking and province series", async ({ page }) => {
    await page.goto("/indicators/proc_on_time_rate?from=2025-07&to=2025-09");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tỷ lệ giải quyết TTHC đúng và trước hạn");
    const matrix = page.getByTestId("indicator-matrix");
    await expect(matrix.locator("tbody tr")).toHaveCount(38);
    await expect(matrix.locator("thead th")).toHaveCount(4);
    await expect(matrix).toContainText("Xã Mường Kim");
    await expect(page.getByTestId("legend")).toContainText("Chưa có số liệu");
    await expect(page.getByTestId("indicator-ranking").locator("li")).toHaveCount(38);
    await expect(page.getByTestId("province-series")).toContainText("98,8%");
  });

  test("without a period, the table covers every month since the reform; filters narrow it", async ({ page }) => {
    await page.goto("/indicators/staff_quota?kind=phuong");
    await expect(page.getByTestId("period-label")).toContainText("07/2025 –");
    await expect(page.getByTestId("indicator-matrix").locator("tbody tr")).toHaveCount(2);
  });

  test("an unknown indicator is a 404", async ({ page }) => {
    const response = await page.goto("/indicators/khong_co");
    expect(response?.status()).toBe(404);
  });

  test("have no accessibility violations and fit 375 px", async ({ page }) => {
    test.slow(); // axe on a shared 2-core machine
    for (const url of ["/indicators", "/indicators/proc_on_time_rate?from=2025-07&to=2025-09"]) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(url);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${url} ${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.reload();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBeLessThanOrEqual(0);
    }
  });
});
