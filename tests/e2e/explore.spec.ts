import { expect, test } from "@playwright/test";

test.describe("explore: compare communes and former districts on one chart", () => {
  test("on an indicator page, the choice of units, hidden series and range lives in the URL", async ({ page }) => {
    await page.goto("/indicators/proc_on_time_rate");
    const compare = page.getByTestId("compare");
    await expect(compare.getByTestId("compare-legend")).toHaveText(/Toàn tỉnh/);
    await page.getByTestId("compare-series-1").selectOption("c:03637");
    const district = await page
      .getByTestId("compare-series-2")
      .locator("optgroup")
      .first()
      .locator("option")
      .first()
      .getAttribute("value");
    await page.getByTestId("compare-series-2").selectOption(district!);
    await page.getByTestId("compare-from").selectOption("2025-08");
    await page.getByTestId("compare-to").selectOption("2025-10");
    await compare.getByRole("button", { name: "Vẽ biểu đồ" }).click();
    await expect(page).toHaveURL(/series=c%3A03637/);
    await expect(page).toHaveURL(/cfrom=2025-08/);
    const legend = page.getByTestId("compare-legend");
    await expect(legend.locator("li")).toHaveCount(3);
    await expect(legend).toContainText("Xã Mường Kim");
    await expect(legend).toContainText(`Huyện cũ ${district!.slice(2)}`);
    const table = page.getByTestId("compare-table");
    await expect(table.locator("thead th")).toHaveCount(4);
    await expect(table.locator("tbody tr")).toHaveCount(3);
    await expect(table.locator("tbody tr").first()).toContainText("08/2025");
    await expect(page.getByTestId("compare-chart").getByTestId("line-chart-static").locator("path")).toHaveCount(3);

    // Hide the province: it stays in the legend (struck through) and in the table, not on the chart.
    await page.getByTestId("compare-hide-0").check();
    await compare.getByRole("button", { name: "Vẽ biểu đồ" }).click();
    await expect(page).toHaveURL(/hide=p/);
    await expect(legend).toContainText("đang ẩn");
    await expect(page.getByTestId("compare-chart").getByTestId("line-chart-static").locator("path")).toHaveCount(2);
    await expect(table.locator("thead th")).toHaveCount(4);
    // Reloading the URL gives the same chart.
    await page.reload();
    await expect(page.getByTestId("compare-series-1")).toHaveValue("c:03637");
    await expect(page.getByTestId("compare-hide-0")).toBeChecked();
  });

  test("on a commune page, the commune and the province by default, up to five", async ({ page }) => {
    await page.goto(
      "/communes/03637?series=c:03637&series=c:03388&series=c:03390&series=c:03394&series=c:03405&series=c:03408&series=p",
    );
    await expect(page.getByTestId("compare-legend").locator("li")).toHaveCount(5);
    await page.goto("/communes/03637");
    const legend = page.getByTestId("compare-legend");
    await expect(legend).toContainText("Xã Mường Kim");
    await expect(legend).toContainText("Toàn tỉnh");
    await page.locator("select[name=cind]").selectOption("proc_online_rate");
    await page.getByTestId("compare").getByRole("button", { name: "Vẽ biểu đồ" }).click();
    await expect(page).toHaveURL(/cind=proc_online_rate/);
    await expect(page.getByTestId("compare")).toContainText("Tỷ lệ hồ sơ tiếp nhận trực tuyến");
  });
});
