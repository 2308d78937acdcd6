import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("province overview", () => {
  test("shows the published figures for July–September 2025", async ({ page }) => {
    await page.goto("/?from=2025-07&to=2025-09");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan tỉnh Lai Châu");
    await expect(page.getByTestId("period-label")).toContainText("07/2025 – 09/2025");
    await expect(page.getByTestId("kpi-units")).toContainText("38");
    await expect(page.getByTestId("kpi-units")).toContainText("36 xã, 2 phường");
    await expect(page.getByTestId("kpi-one-stop")).toContainText("38/38");
    await expect(page.getByTestId("kpi-quota")).toContainText("13.054");
    await expect(page.getByTestId("kpi-cbcc")).toContainText("2.334");
    await expect(page.getByTestId("kpi-on-time")).toContainText("98,8%");
    await expect(page.getByTestId("kpi-all-levels")).toContainText("17.418");
    await expect(page.getByTestId("kpi-pages")).toContainText(/3\.[89]\d\d\.\d{3}/);
    await expect(page.getByTestId("commune-table").locator("tbody tr")).toHaveCount(38);
    await expect(page.getByTestId("commune-table")).toContainText("Xã Mường Kim");
  });

  test("works without JavaScript: the period form puts the range in the URL", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/?period=2025-09");
    await expect(page.getByTestId("kpi-quota")).toContainText("13.054");
    await page.getByLabel("Từ tháng").selectOption("2025-07");
    await page.getByLabel("Đến tháng").selectOption("2025-09");
    await page.getByRole("button", { name: "Xem" }).click();
    await expect(page).toHaveURL(/from=2025-07&to=2025-09/);
    await expect(page.getByTestId("kpi-on-time")).toContainText("98,8%");
    await context.close();
  });

  test("explains a bad period in Vietnamese and falls back to the latest month", async ({ page }) => {
    await page.goto("/?period=2025-13");
    // Scoped to <main>: once hydrated, Next.js adds its own (empty) role="alert" route announcer outside it.
    await expect(page.locator("main").getByRole("alert")).toContainText("Tháng phải có dạng YYYY-MM");
    await expect(page.getByTestId("kpi-units")).toContainText("38");
  });

  test("has no accessibility violations", async ({ page }) => {
    await page.goto("/?from=2025-07&to=2025-09");
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("is usable at 375 px", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/?period=2025-09");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
