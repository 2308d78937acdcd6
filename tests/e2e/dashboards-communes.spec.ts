import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("communes list", () => {
  test("lists the 38 units and searches without accents", async ({ page }) => {
    await page.goto("/communes");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xã, phường");
    await expect(page.getByTestId("communes-table").locator("tbody tr")).toHaveCount(38);
    await page.getByLabel("Tìm theo tên hoặc mã").fill("muong kim");
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(page).toHaveURL(/q=muong\+kim/);
    await expect(page.getByTestId("communes-table").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("communes-table")).toContainText("Xã Mường Kim");
    await page.goto("/communes?q=lai+chau");
    await expect(page.getByTestId("communes-table")).toContainText("Phường Đoàn Kết");
    await page.goto("/communes?q=khong+co+xa+nay");
    await expect(page.getByTestId("communes-empty")).toContainText("khong co xa nay");
  });

  test("filters by kind and former district, sorts by links without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/communes?kind=phuong");
    await expect(page.getByTestId("communes-table").locator("tbody tr")).toHaveCount(2);
    await page.goto("/communes?district=" + encodeURIComponent("Huyện Than Uyên"));
    await expect(page.getByTestId("communes-table")).toContainText("Xã Mường Kim");
    await page.goto("/communes");
    await page.getByRole("link", { name: "Dân số" }).click();
    await expect(page).toHaveURL(/sort=population/);
    await page.getByRole("link", { name: /Dân số/ }).click();
    await expect(page).toHaveURL(/sort=-population/);
    const first = await page
      .getByTestId("communes-table")
      .locator("tbody tr")
      .first()
      .locator("td")
      .nth(5)
      .textContent();
    const last = await page.getByTestId("communes-table").locator("tbody tr").last().locator("td").nth(5).textContent();
    const n = (s: string | null) => Number((s ?? "").replace(/\./g, ""));
    expect(n(first)).toBeGreaterThan(n(last));
    await context.close();
  });

  test("has no accessibility violations and fits 375 px", async ({ page }) => {
    test.slow(); // axe on a shared 2-core machine
    await page.goto("/communes");
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
  });
});

test.describe("commune page", () => {
  test("03637 is Xã Mường Kim, with KPIs, staffing, procedures, history and lineage", async ({ page }) => {
    await page.goto("/communes/03637?from=2025-07&to=2025-09");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xã Mường Kim");
    await expect(page.getByTestId("period-label")).toContainText("07/2025 – 09/2025");
    await expect(page.getByTestId("commune-kpi-proc_on_time_rate")).toContainText("Toàn tỉnh: 98,8%");
    await expect(page.getByTestId("commune-kpi-reporting_rate")).toContainText("100,0%");
    await expect(page.getByTestId("commune-staffing")).toContainText("Cán bộ");
    await expect(page.getByTestId("commune-staffing")).toContainText("Viên chức");
    await expect(page.getByTestId("commune-procedures")).toContainText("Giải quyết quá hạn");
    await expect(page.getByTestId("report-history")).toContainText("07/2025");
    await expect(page.getByTestId("report-history")).toContainText("Đã duyệt");
    await expect(page.getByTestId("lineage").locator("tbody tr").first()).toBeVisible();
    await expect(page.getByTestId("lineage")).toContainText("Huyện Than Uyên");
  });

  test("an unknown code gets a Vietnamese 404 page", async ({ page }) => {
    const response = await page.goto("/communes/99999");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy xã, phường");
  });

  test("has no accessibility violations and fits 375 px", async ({ page }) => {
    test.slow(); // axe on a shared 2-core machine
    await page.goto("/communes/03637?from=2025-07&to=2025-09");
    await expect(page.getByTestId("lineage")).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
  });
});
