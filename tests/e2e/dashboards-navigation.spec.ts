import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("navigation and language", () => {
  test("the header links every dashboard", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    for (const [name, url, heading] of [
      ["Xã phường", /\/communes$/, "Xã, phường"],
      ["Chỉ tiêu", /\/indicators$/, "Danh mục chỉ tiêu"],
      ["Tình hình báo cáo", /\/completeness$/, "Tình hình báo cáo"],
      ["Tổng quan", /\/$/, "Tổng quan tỉnh Lai Châu"],
    ] as const) {
      await nav.getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL(url);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    }
  });

  test("switches to English and back, kept in a cookie", async ({ page, context }) => {
    test.slow(); // axe on a shared 2-core machine
    await page.goto("/communes/03637?from=2025-07&to=2025-09");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expect((await context.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("en");
    await page.goto("/?from=2025-07&to=2025-09");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lai Châu province overview");
    await expect(page.getByTestId("kpi-on-time")).toContainText("98.8%");
    await expect(page.getByTestId("kpi-on-time")).toContainText("Target met");
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan tỉnh Lai Châu");
  });
});
