import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("overview dashboard", () => {
  test("KPI cards show targets in words and the change from the previous period", async ({ page }) => {
    await page.goto("/?from=2025-07&to=2025-09");
    await expect(page.getByTestId("kpi-on-time")).toContainText("98,8%");
    await expect(page.getByTestId("kpi-on-time")).toContainText("Đạt chỉ tiêu");
    await expect(page.getByTestId("kpi-reporting")).toContainText("114/114");
    await expect(page.getByTestId("kpi-online")).toContainText("Chưa đạt chỉ tiêu");
    await expect(page.getByTestId("kpi-shortage")).toContainText("Kế toán – tài chính");
    await expect(page.getByTestId("kpi-feedback")).toContainText("%");
    // 04–06/2025 is before the reform: nothing to compare with.
    // …said once for the page, not on every card.
    await expect(page.getByTestId("kpi-no-previous")).toContainText("Chưa có số liệu kỳ trước (04/2025 – 06/2025)");
    await expect(page.getByText(/Chưa có số liệu kỳ trước/)).toHaveCount(1);
    await expect(page.getByTestId("kpi-on-time")).not.toContainText("kỳ trước");
    // One-stop shops: operating of those reporting, and reporting of 38.
    await expect(page.getByTestId("kpi-one-stop")).toContainText("38/38");
    await expect(page.getByTestId("kpi-one-stop")).toContainText("38/38 xã, phường đã báo cáo");
    await page.goto("/?period=2025-09");
    await expect(page.getByTestId("kpi-cbcc")).toContainText("so với tháng 08/2025");
    await expect(page.getByTestId("kpi-quota")).toContainText("13.054");
  });

  test("trends since 07/2025, ranking of 38 units and alerts", async ({ page }) => {
    await page.goto("/?from=2025-07&to=2025-09");
    await expect(page.getByTestId("trend-proc_on_time_rate")).toContainText("07/2025");
    await expect(page.getByTestId("trend-proc_on_time_rate").locator("svg:visible").first()).toBeVisible();
    await expect(page.getByTestId("ranking").locator("li")).toHaveCount(38);
    await expect(page.getByTestId("alerts-below-target")).toContainText("Tỷ lệ giải quyết TTHC đúng và trước hạn");
    await expect(page.getByTestId("alerts-shortage")).toContainText("Xã");
    await expect(page.getByTestId("alerts-not-reported")).toContainText("Không có đơn vị nào.");
  });

  test("the ranking and the map follow the chosen indicator, in the URL", async ({ page }) => {
    await page.goto("/?period=2025-09");
    await page.locator('select[name="indicator"]').selectOption("shortage_total");
    await page.getByRole("button", { name: "Hiển thị" }).click();
    await expect(page).toHaveURL(/indicator=shortage_total/);
    await expect(page).toHaveURL(/period=2025-09/);
    await expect(page.getByTestId("ranking").locator("..")).toContainText("Tổng vị trí chuyên môn còn thiếu");
    await expect(page.getByTestId("commune-map")).toContainText("Tổng vị trí chuyên môn còn thiếu");
  });

  test("the map draws 38 units with titles and an attribution, and a unit leads to its commune", async ({ page }) => {
    await page.goto("/?from=2025-07&to=2025-09");
    const map = page.getByTestId("commune-map");
    await expect(map.locator("a.map-unit")).toHaveCount(38);
    await expect(map.locator("use title")).toHaveCount(38);
    // The outlines come from one cached SVG document, which must really draw something (once it has loaded).
    await expect
      .poll(async () => {
        const box = await page.getByTestId("map-unit-03637").boundingBox();
        return box ? box.width * box.height : 0;
      })
      .toBeGreaterThan(100);
    await expect(page.getByTestId("map-attribution")).toHaveText(
      "Ranh giới: thanglequoc/vietnamese-provinces-database (MIT), dữ liệu sapnhap.bando.com.vn",
    );
    await expect(page.getByTestId("legend").first()).toContainText("Chưa có số liệu");
    // "No value" is hatched, never a colour of the scale; an indicator with a target is coloured by it.
    await expect(page.getByTestId("legend").first().locator("[data-shade=none] span")).toHaveAttribute(
      "style",
      /repeating-linear-gradient/,
    );
    await expect(page.getByTestId("legend").first()).toContainText("Đạt chỉ tiêu (≥ 98,0%)");
    const unit = page.getByTestId("map-unit-03637");
    await expect(unit).toHaveAttribute("aria-label", /Xã Mường Kim: \d+,\d%/);
    await unit.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/communes\/03637$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xã Mường Kim");
  });

  test.describe("on a touch screen", { tag: "@phone" }, () => {
    test.use({ viewport: { width: 375, height: 812 }, hasTouch: true });
    test("a tap on the map names the unit and its value; a second tap opens its page", async ({ page }) => {
      await page.goto("/?from=2025-07&to=2025-09");
      const unit = page.getByTestId("map-unit-03637");
      await expect(page.locator("[data-testid=map-tap][data-listening]")).toHaveCount(1);
      await expect
        .poll(async () => {
          const box = await unit.boundingBox();
          return box ? box.width * box.height : 0;
        })
        .toBeGreaterThan(100);
      await unit.tap();
      const label = page.getByTestId("map-tap-label");
      await expect(label).toHaveText(/^Xã Mường Kim: \d+,\d%$/);
      await expect(label).toBeInViewport();
      expect(page.url()).not.toContain("/communes/");
      await unit.tap();
      await expect(page).toHaveURL(/\/communes\/03637$/);
    });
  });

  test("filters by kind and former district, and quick period choices keep them", async ({ page }) => {
    await page.goto("/?period=2025-09&kind=phuong");
    await expect(page.getByTestId("kpi-units")).toContainText("0 xã, 2 phường");
    await expect(page.getByTestId("commune-table").locator("tbody tr")).toHaveCount(2);
    await page.getByRole("link", { name: "Từ khi sắp xếp" }).click();
    await expect(page).toHaveURL(/kind=phuong/);
    await expect(page).toHaveURL(/from=2025-07/);
    await expect(page.getByTestId("period-label")).toContainText("07/2025 –");
    await page.goto("/?period=2025-09&district=" + encodeURIComponent("Huyện Than Uyên"));
    await expect(page.getByTestId("commune-table")).toContainText("Xã Mường Kim");
    await expect(page.getByTestId("commune-table")).not.toContainText("Phường Đoàn Kết");
  });

  test("has no accessibility violations with a map and charts, and fits 375 px", async ({ page }) => {
    test.slow(); // axe on a shared 2-core machine
    await page.goto("/?from=2025-07&to=2025-09&indicator=quota_fill_rate");
    await expect(page.getByTestId("commune-map")).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await expect(page.getByTestId("commune-map")).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
  });
});
