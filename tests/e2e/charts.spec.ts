import { type Locator, type Page, expect, test } from "@playwright/test";

/**
 * The chart once its script listens for the reader: it is then in the tab order. Before hydration a pointer or focus
 * has nothing to wake, as for a reader whose page is still loading.
 */
async function readyChart(page: Page, testId: string): Promise<Locator> {
  const chart = page.getByTestId(testId).getByTestId("trend-chart");
  await expect(chart).toHaveAttribute("tabindex", "0");
  return chart;
}

/** Points at the chart, which fetches recharts, and waits for its drawing to replace the static SVG. */
async function liveChart(page: Page, testId: string): Promise<Locator> {
  const card = page.getByTestId(testId);
  await card.scrollIntoViewIfNeeded();
  await (await readyChart(page, testId)).hover();
  const live = card.getByTestId("line-chart-live");
  await expect(live.locator(".recharts-line-curve").first()).toBeVisible();
  // recharts 3 draws tick labels in a layer of their own, apart from the axis group: found by orientation.
  await expect(live.locator(".recharts-cartesian-axis-tick-value[orientation=bottom]").first()).toBeVisible();
  await expect(live.locator(".recharts-cartesian-axis-tick-value[orientation=left]").first()).toBeVisible();
  await expect(card.getByTestId("line-chart-static")).toBeHidden();
  return live;
}

const WHOLE_COMPACT = /^(0|\d+(,\d)?\s(triệu|nghìn))$/;

test.describe("charts", () => {
  test("a tooltip shows the month, the value in vi-VN format and the target, on hover", async ({ page }) => {
    await page.goto("/?from=2025-07&to=2025-09");
    const live = await liveChart(page, "trend-proc_on_time_rate");
    const box = (await live.locator(".recharts-surface").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    const tooltip = live.getByTestId("chart-tooltip");
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(/\d{2}\/\d{4}/);
    await expect(tooltip).toContainText(/\d+,\d%/);
    await expect(tooltip).toContainText("Chỉ tiêu ≥ 98,0%");
  });

  test("a tooltip shows on keyboard focus, and the arrow keys move it by month", async ({ page }) => {
    await page.goto("/?from=2025-07&to=2025-09");
    // Reached with the keyboard: the static chart is in the tab order; focusing it fetches recharts, and the focus
    // passes on to recharts' drawing.
    const card = page.getByTestId("trend-proc_on_time_rate");
    await (await readyChart(page, "trend-proc_on_time_rate")).focus();
    const live = card.getByTestId("line-chart-live");
    await expect(live.locator(".recharts-surface")).toBeFocused();
    await page.keyboard.press("ArrowRight");
    const tooltip = live.getByTestId("chart-tooltip");
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(/\d+,\d%/);
    const first = await tooltip.textContent();
    await page.keyboard.press("ArrowRight");
    await expect(tooltip).not.toHaveText(first!);
    await expect(tooltip).toContainText(/\d{2}\/\d{4}/);
  });

  test("the cumulative pages chart's axis labels are whole and distinct, before and after recharts", async ({ page }) => {
    await page.goto("/?from=2025-07&to=2025-09");
    const card = page.getByTestId("trend-pages_digitised_cumulative");
    const staticLabels = await card.locator("[data-testid=line-chart-static] .y-tick").allTextContents();
    const live = await liveChart(page, "trend-pages_digitised_cumulative");
    const liveLabels = await live.locator(".recharts-cartesian-axis-tick-value[orientation=left]").allTextContents();
    for (const labels of [staticLabels, liveLabels]) {
      expect(labels.length).toBeGreaterThanOrEqual(3);
      expect(new Set(labels).size).toBe(labels.length);
      for (const l of labels) expect(l).toMatch(WHOLE_COMPACT);
      expect(labels.some((l) => l.endsWith("triệu"))).toBe(true);
    }
    expect(liveLabels).toEqual(staticLabels);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 375, height: 812 } });
    test("month labels never overlap", async ({ page }) => {
      await page.goto("/");
      const live = await liveChart(page, "trend-proc_on_time_rate");
      const boxes = await live.locator(".recharts-cartesian-axis-tick-value[orientation=bottom]").evaluateAll((els) =>
        els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
      expect(boxes.length).toBeGreaterThanOrEqual(2);
      boxes.slice(1).forEach((b, i) => expect(b.left).toBeGreaterThan(boxes[i]!.right));
    });

    test.describe("without JavaScript", () => {
      test.use({ javaScriptEnabled: false });
      test("month labels of the static chart never overlap", async ({ page }) => {
        await page.goto("/");
        const ticks = page.getByTestId("trend-proc_on_time_rate").locator(".x-tick");
        await expect(ticks.first()).toBeVisible();
        const boxes = await ticks.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
        expect(boxes.length).toBeGreaterThanOrEqual(2);
        boxes.slice(1).forEach((b, i) => expect(b.left).toBeGreaterThan(boxes[i]!.right));
      });
    });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the charts are in the page as SVG, with their figures in a table", async ({ page }) => {
      await page.goto("/?from=2025-07&to=2025-09");
      const card = page.getByTestId("trend-proc_on_time_rate");
      await expect(card.getByTestId("line-chart-static").locator("path").first()).toBeVisible();
      await expect(card.locator(".x-tick").first()).toHaveText("07/2025");
      await expect(page.getByTestId("trend-table")).toContainText("07/2025");
    });
  });
});
