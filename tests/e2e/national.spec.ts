import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the national level lists provinces and drills down to communes", async ({ page }) => {
  await page.goto("/national?from=2025-07&to=2025-09");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Toàn quốc");
  const table = page.getByTestId("national-table");
  await expect(table).toContainText("Lai Châu");
  await expect(table).toContainText("98,8%");
  await table.getByRole("link", { name: "Lai Châu" }).click();
  await expect(page.getByTestId("drill-table").locator("tbody tr")).toHaveCount(38);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});
