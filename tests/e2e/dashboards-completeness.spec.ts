import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { LAST_FULL_PERIOD } from "./support/session";

test.describe("reporting completeness", () => {
  test("communes × months with symbols, words and a legend", async ({ page }) => {
    await page.goto("/completeness?from=2025-07&to=2025-09");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tình hình báo cáo");
    const matrix = page.getByTestId("completeness-matrix");
    await expect(matrix.locator("tbody tr")).toHaveCount(38);
    await expect(matrix.locator("tbody td")).toHaveCount(38 * 3);
    await expect(page.getByTestId("cell-03637-2025-09")).toHaveAttribute("data-state", "approved");
    await expect(page.getByTestId("cell-03637-2025-09")).toContainText("Đã duyệt");
    await expect(matrix.locator("tfoot")).toContainText("38/38");
    for (const label of [
      "Đã duyệt",
      "Đã nộp đúng hạn",
      "Nộp muộn",
      "Bị trả lại",
      "Đang soạn, chưa nộp",
      "Đang trong hạn nộp",
      "Quá hạn, chưa có báo cáo",
    ]) {
      await expect(page.getByTestId("completeness-legend")).toContainText(label);
    }
  });

  test("since the reform, later months show reports that are not in", async ({ page }) => {
    await page.goto(`/completeness?from=2025-07&to=${LAST_FULL_PERIOD}`);
    await expect(page.getByTestId("period-label")).toContainText("07/2025 –");
    const states = await page
      .getByTestId("completeness-matrix")
      .locator("tbody td")
      .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-state")));
    expect(states.filter((s) => s !== "approved").length).toBeGreaterThan(0);
  });

  test("by default the last twelve months, the newest in view without scrolling on a 1366 px screen", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto("/completeness");
    // At the suite's instant (28/11/2026) the newest month with reports is 10/2026.
    await expect(page.getByTestId("period-label")).toContainText("11/2025 – 10/2026");
    const newest = page.getByTestId("completeness-matrix").getByRole("columnheader", { name: "10/2026", exact: true });
    await expect(newest).toBeInViewport({ ratio: 1 });
  });

  test(
    "on a phone it opens on the newest month, the commune names still beside it",
    { tag: "@phone" },
    async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto("/completeness");
      const matrix = page.getByTestId("completeness-matrix");
      await expect(matrix.getByRole("columnheader", { name: "10/2026", exact: true })).toBeInViewport({ ratio: 1 });
      await expect(matrix.getByRole("columnheader", { name: "11/2025", exact: true })).not.toBeInViewport();
      // The sticky names stay at the left edge, beside the newest months.
      const name = (await matrix.locator("tbody th").first().boundingBox())!;
      expect(name.x).toBeGreaterThanOrEqual(0);
      expect(name.x + name.width).toBeLessThan(375 / 2);
    },
  );

  test("has no accessibility violations and fits 375 px", async ({ page }) => {
    test.slow(); // axe on a shared 2-core machine
    await page.goto("/completeness");
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
  });
});
