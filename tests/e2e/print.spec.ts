import { expect, test } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";

async function printed(page: import("@playwright/test").Page) {
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc);
  return { pages: text.map((p) => p.replace(/\s+/g, " ").trim()), totalPages };
}

test.describe("printing", () => {
  test("the overview prints to at most 3 A4 pages: KPIs, trends, ranking and map, with the period and the time", async ({
    page,
  }) => {
    await page.goto("/?from=2025-07&to=2025-09");
    // The ranking and the map stream in after the first HTML: print what a reader prints, the whole page.
    await expect(page.getByTestId("ranking")).toBeVisible();
    await expect(page.getByTestId("commune-map")).toBeVisible();
    await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
    const { pages, totalPages } = await printed(page);
    expect(totalPages).toBeLessThanOrEqual(3);
    // No empty page: each carries more than its page number.
    for (const p of pages) expect(p.replace(/Trang \d+\/\d+/, "").length).toBeGreaterThan(40);
    const all = pages.join(" ");
    expect(all).toContain("Kỳ: 07/2025 – 09/2025");
    expect(all).toMatch(/In lúc \d{2}:\d{2}/);
    for (const part of [
      "Chỉ tiêu chính",
      "Xu hướng từ 07/2025",
      "Xếp hạng xã, phường",
      "Bản đồ 38 xã, phường",
      "98,8%",
    ])
      expect(all).toContain(part);
    expect(all).not.toContain("Bỏ qua điều hướng");
  });

  test.describe("before the streamed sections have arrived", () => {
    // Without JavaScript a streamed section is never revealed: the page stays as it is while they load.
    test.use({ javaScriptEnabled: false });
    test("the overview prints a line for each section still loading, not a grey box, and no page without text", async ({
      page,
    }) => {
      await page.goto("/?from=2025-07&to=2025-09");
      await expect(page.locator("[aria-busy=true]").first()).toBeAttached();
      const { pages } = await printed(page);
      for (const p of pages)
        expect(p.replace(/Trang \d+\/\d+/, "").length, `a printed page reads: "${p}"`).toBeGreaterThan(40);
      expect(pages.join(" ")).toContain("Đang tải số liệu…");
      await page.emulateMedia({ media: "print" });
      const heights = await page
        .locator("[aria-busy=true]")
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(0);
      for (const h of heights) expect(h).toBeLessThan(40);
    });
  });

  test("a commune page prints to at most 2 A4 pages", async ({ page }) => {
    await page.goto("/communes/03637?from=2025-07&to=2025-09");
    await expect(page.getByTestId("report-history")).toBeVisible();
    const { pages, totalPages } = await printed(page);
    expect(totalPages).toBeLessThanOrEqual(2);
    for (const p of pages) expect(p.replace(/Trang \d+\/\d+/, "").length).toBeGreaterThan(40);
    expect(pages.join(" ")).toContain("Xã Mường Kim");
  });
});
