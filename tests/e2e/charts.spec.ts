import { type Locator, type Page, expect, test } from "@playwright/test";

/**
 * The chart once its script listens for the reader: it is then in the tab order. Before hydration a pointer or focus
 * has nothing to wake, as for a reader whose page is still loading.
 */
async function readyChart(page: Page, testId: string, chartTestId = "trend-chart"): Promise<Locator> {
  const chart = page.getByTestId(testId).getByTestId(chartTestId);
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

/** Points at the ranking, which fetches recharts, and waits for its bars to replace the static SVG. */
async function liveRanking(page: Page): Promise<Locator> {
  const ranking = page.getByTestId("ranking");
  await ranking.scrollIntoViewIfNeeded();
  await (await readyChart(page, "ranking", "ranking-chart")).hover();
  const live = ranking.getByTestId("bar-chart-live");
  await expect(live.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(live.locator(".recharts-cartesian-axis-tick-value[orientation=top]").first()).toBeVisible();
  await expect(ranking.getByTestId("bar-chart-static")).toBeHidden();
  return live;
}

type Box = { left: number; right: number; top: number; bottom: number };
const boxesOf = (els: Element[]) =>
  els
    .map((e) => e.getBoundingClientRect())
    .map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom }));
const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
function noneOverlap(boxes: Box[]) {
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      expect(overlap(boxes[i]!, boxes[j]!), `labels ${i} and ${j} overlap`).toBe(false);
}
const percent = (text: string) => Number(text.replace("%", "").replace(",", "."));

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

  test("the cumulative pages chart's axis labels are whole and distinct, before and after recharts", async ({
    page,
  }) => {
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

  test.describe("the ranking", () => {
    test("a tooltip shows the commune, its value in vi-VN format and the target, on hover", async ({ page }) => {
      await page.goto("/?from=2025-07&to=2025-09");
      const live = await liveRanking(page);
      const firstName = await page.getByTestId("ranking").locator("li a").first().textContent();
      const bar = live.locator(".recharts-bar-rectangle").first();
      await bar.hover();
      const tooltip = live.getByTestId("chart-tooltip");
      await expect(tooltip).toBeVisible();
      await expect(tooltip).toContainText(`1. ${firstName}`);
      await expect(tooltip).toContainText(/\d+,\d%/);
      await expect(tooltip).toContainText("Chỉ tiêu ≥ 98,0%");
    });

    test("a tooltip shows on keyboard focus, and the arrow keys move it from commune to commune, down the ranking", async ({
      page,
    }) => {
      await page.goto("/?from=2025-07&to=2025-09");
      const ranking = page.getByTestId("ranking");
      await (await readyChart(page, "ranking", "ranking-chart")).focus();
      const live = ranking.getByTestId("bar-chart-live");
      await expect(live.locator(".recharts-surface")).toBeFocused();
      const tooltip = live.getByTestId("chart-tooltip");
      const names = await ranking.locator("li a").allTextContents();
      await expect(tooltip).toContainText(`1. ${names[0]}`);
      await expect(tooltip).toContainText(/\d+,\d%/);
      await page.keyboard.press("ArrowDown");
      await expect(tooltip).toContainText(`2. ${names[1]}`);
      await page.keyboard.press("ArrowRight");
      await expect(tooltip).toContainText(`3. ${names[2]}`);
      await page.keyboard.press("ArrowUp");
      await expect(tooltip).toContainText(`2. ${names[1]}`);
      await expect(tooltip).toContainText("Chỉ tiêu ≥ 98,0%");
      // The arrow keys move the tooltip, not the page.
      expect(await page.evaluate(() => document.activeElement?.classList.contains("recharts-surface"))).toBe(true);
    });

    test("the on-time rate's bars do not start at 0% in 07–09/2025, before and after recharts", async ({ page }) => {
      await page.goto("/?from=2025-07&to=2025-09");
      const ranking = page.getByTestId("ranking");
      const staticTicks = await ranking.locator("[data-testid=bar-chart-static] .x-tick").allTextContents();
      const live = await liveRanking(page);
      const liveTicks = await live.locator(".recharts-cartesian-axis-tick-value[orientation=top]").allTextContents();
      expect(liveTicks).toEqual(staticTicks);
      expect(percent(staticTicks[0]!)).toBeGreaterThanOrEqual(90);
      expect(staticTicks.at(-1)).toBe("100%");
      await expect(ranking.getByTestId("ranking-axis-from")).toContainText(
        `bắt đầu từ ${staticTicks[0]!.replace("%", ",0%")}`,
      );
      // The target line lies across the bars, labelled.
      await expect(live.locator(".target-line")).toHaveCount(1);
      await expect(live.locator(".target-label")).toContainText("Chỉ tiêu ≥ 98,0%");
    });
  });

  // @phone: run again with Noto Sans by scripts/test-all.sh.
  test.describe("on a phone", { tag: "@phone" }, () => {
    test.use({ viewport: { width: 375, height: 812 } });
    test("month labels never overlap", async ({ page }) => {
      await page.goto("/");
      const live = await liveChart(page, "trend-proc_on_time_rate");
      const boxes = await live
        .locator(".recharts-cartesian-axis-tick-value[orientation=bottom]")
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
      expect(boxes.length).toBeGreaterThanOrEqual(2);
      boxes.slice(1).forEach((b, i) => expect(b.left).toBeGreaterThan(boxes[i]!.right));
    });

    test("the ranking's labels never overlap once recharts draws it", async ({ page }) => {
      await page.goto("/?from=2025-07&to=2025-09");
      const live = await liveRanking(page);
      const ticks = await live.locator(".recharts-cartesian-axis-tick-value[orientation=top]").evaluateAll(boxesOf);
      const target = await live.locator(".target-label text").evaluateAll(boxesOf);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      noneOverlap([...ticks, ...target]);
      const rows = await live.locator(".recharts-yAxis-tick-labels text").evaluateAll(boxesOf);
      expect(rows.length).toBeGreaterThanOrEqual(38);
      noneOverlap(rows);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBeLessThanOrEqual(0);
    });

    test.describe("without JavaScript", () => {
      test.use({ javaScriptEnabled: false });
      test("the ranking's labels never overlap", async ({ page }) => {
        await page.goto("/?from=2025-07&to=2025-09");
        const chart = page.getByTestId("ranking").getByTestId("bar-chart-static");
        await expect(chart).toBeVisible();
        const labels = await chart.locator("text").evaluateAll(boxesOf);
        expect(labels.length).toBeGreaterThan(38 * 2);
        noneOverlap(labels);
        const box = (await chart.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(375);
      });

      test("month labels of the static chart never overlap", async ({ page }) => {
        await page.goto("/");
        const ticks = page.getByTestId("trend-proc_on_time_rate").locator(".x-tick");
        await expect(ticks.first()).toBeVisible();
        const boxes = await ticks.evaluateAll((els) =>
          els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })),
        );
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

    test("the ranking is in the page as SVG, 38 bars best first, and as a list", async ({ page }) => {
      await page.goto("/?from=2025-07&to=2025-09");
      const ranking = page.getByTestId("ranking");
      const chart = ranking.getByTestId("bar-chart-static");
      await expect(chart).toBeVisible();
      const rows = chart.locator(".bar-row");
      await expect(rows).toHaveCount(38);
      await expect(rows.locator("rect")).toHaveCount(38);
      const values = (await rows.locator("text:last-child").allTextContents()).map(percent);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      // Longer bars for higher rates, all from the same start.
      const bars = await rows
        .locator("rect")
        .evaluateAll((els) => els.map((e) => ({ x: Number(e.getAttribute("x")), w: Number(e.getAttribute("width")) })));
      expect(new Set(bars.map((b) => b.x)).size).toBe(1);
      bars.slice(1).forEach((b, i) => expect(b.w).toBeLessThanOrEqual(bars[i]!.w));
      expect(bars[0]!.w).toBeGreaterThan(bars.at(-1)!.w * 3);
      // The same order in the list a screen reader reads, with the rank, name and value.
      const names = await rows.locator("text:first-child").allTextContents();
      await expect(ranking.locator("li a")).toHaveText(names);
      await expect(ranking.locator("li").first()).toContainText(`1${names[0]}`);
      await expect(ranking.getByTestId("ranking-axis-from")).toBeVisible();
    });
  });
});
