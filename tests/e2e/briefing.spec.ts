import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";

const Q3 = "/briefing?from=2025-07&to=2025-09";

/** The figures of the province's report of 14/10/2025, as the briefing must write them. */
const PUBLISHED = ["38 xã, phường", "100%", "98,8%", "2.334", "13.054", "gần 4 triệu"];

test.describe("briefing", () => {
  test("writes the published figures for July–September 2025", async ({ page }) => {
    await page.goto(Q3);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo tóm tắt");
    const briefing = page.getByTestId("briefing");
    for (const figure of [...PUBLISHED, "17.418"]) await expect(briefing).toContainText(figure);
    await expect(page.getByTestId("briefing-operation")).toContainText(
      "100% xã, phường trong tỉnh vận hành bộ phận một cửa",
    );
    await expect(page.getByTestId("briefing-ranking")).toContainText("Ba đơn vị dẫn đầu");
    await expect(page.getByTestId("print-button")).toHaveText("In / Lưu PDF");
    await expect(page.getByTestId("print-all-scorecards")).toHaveAttribute(
      "href",
      "/briefing/scorecards?period=2025-Q3",
    );
  });

  test("prints to a PDF that carries the figures, the period and no navigation", async ({ page }) => {
    await page.goto(Q3);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text, totalPages } = await extractText(doc, { mergePages: true });
    // PDF text extraction may break lines anywhere: compare with whitespace collapsed.
    const flat = text.replace(/\s+/g, " ");
    for (const figure of PUBLISHED) expect(flat).toContain(figure);
    expect(flat).toContain("Kỳ: 07/2025 – 09/2025");
    expect(flat).toMatch(/In lúc \d{2}:\d{2}/);
    expect(flat).not.toContain("Tình hình báo cáo"); // the header navigation is not printed
    expect(flat).not.toContain("In / Lưu PDF");
    expect(totalPages).toBeGreaterThanOrEqual(2); // the ranking starts a new page
  });

  test("downloads as a Word document in the state's format", async ({ page }) => {
    await page.goto(Q3);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("briefing-docx").click()]);
    expect(download.suggestedFilename()).toBe("bao-cao-tom-tat_2025-07_2025-09.docx");
    const bytes = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c as Buffer[]));
    const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
    for (const text of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "gần 4 triệu",
      "98,8%",
      "13.054",
    ])
      expect(xml).toContain(text);
  });

  test("a month after the reform compares with the month before", async ({ page }) => {
    await page.goto("/briefing?period=2025-09");
    await expect(page.getByTestId("briefing-change")).toContainText("So với kỳ trước cùng độ dài, tháng 08/2025");
  });

  for (const url of [
    Q3,
    "/communes/03637/scorecard?period=2025-09",
    "/briefing/scorecards?period=2025-09",
    "/index-766?from=2025-07&to=2025-09",
  ]) {
    test(`${url} has no accessibility violations`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(url);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }
});

test.describe("scorecards", () => {
  test("one commune for a quarter: KPIs, rank among 38, sparklines, missing specialists", async ({ page }) => {
    await page.goto("/communes/03637/scorecard?period=2025-Q3");
    const card = page.getByTestId("scorecard-03637");
    await expect(card).toContainText("Xã Mường Kim");
    await expect(card).toContainText("07/2025 – 09/2025");
    await expect(page.getByTestId("scorecard-03637-proc_on_time_rate")).toContainText(/\d+\/38/);
    await expect(card.getByTestId("sparkline").first()).toBeVisible();
    await expect(card).toContainText("Vị trí chuyên môn còn thiếu");
  });

  test("all 38, one per printed page", async ({ page }) => {
    await page.goto("/briefing/scorecards?period=2025-Q3");
    await expect(page.locator("[data-testid^='scorecard-'][aria-labelledby]")).toHaveCount(38);
    const pdf = await page.pdf({ format: "A4" });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    expect(doc.numPages).toBeGreaterThanOrEqual(38);
  });
});

test.describe("Decision 766", () => {
  test("scores the supported components, lists the rest, cites the decision", async ({ page }) => {
    await page.goto("/index-766?from=2025-07&to=2025-09");
    await expect(page.getByTestId("index766-source")).toContainText("Quyết định 766/QĐ-TTg ngày 23/6/2022");
    await expect(page.getByTestId("index766-province")).toContainText("/42 điểm");
    await expect(page.getByTestId("index766-ranking").locator("tbody tr")).toHaveCount(38);
    await expect(page.getByTestId("portal-3.6")).toContainText("Nhập từ Cổng DVCQG");
    await expect(page.getByTestId("portal-2.1")).toContainText("Tính từ số liệu báo cáo");
    await expect(page.getByTestId("index766-portal-total")).toContainText("Chưa tính được tổng trên 100");
    await expect(page.getByTestId("commune-map").locator("a.map-unit")).toHaveCount(38);
  });

  test("the province enters the portal's points and gets the total out of 100", async ({ page }) => {
    await page.goto("/index-766?from=2025-09&to=2025-09");
    const form = page.getByTestId("index766-entry-form");
    const inputs = form.locator("input[inputmode=decimal]");
    await expect(inputs).toHaveCount(13);
    await inputs.first().fill("9");
    await form.getByRole("button", { name: "Lưu điểm" }).click();
    await expect(form.getByRole("alert")).toContainText("tối đa 6 điểm");
    for (let i = 0; i < 13; i++) await inputs.nth(i).fill("1,5");
    await form.getByRole("button", { name: "Lưu điểm" }).click();
    await expect(form.getByRole("status")).toContainText("Đã lưu 13 thay đổi");
    await page.reload();
    await expect(page.getByTestId("index766-portal-total")).toContainText(/Tổng điểm toàn tỉnh: \d+,\d\/100/);
    await expect(page.getByTestId("portal-3.6")).toContainText("1,5");
    await page.goto("/audit");
    await expect(page.getByTestId("audit-table")).toContainText("Nhập điểm Chỉ số 766 từ Cổng DVCQG");
    await expect(page.getByTestId("audit-table")).toContainText(
      "Chỉ số 766 3.6 Tỷ lệ hồ sơ thanh toán trực tuyến: — → 1,5",
    );
  });

  test("is reachable from the navigation, as is the briefing", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await nav.getByRole("link", { name: "Báo cáo tóm tắt" }).click();
    await expect(page).toHaveURL(/\/briefing/);
    await nav.getByRole("link", { name: "Chỉ số 766" }).click();
    await expect(page).toHaveURL(/\/index-766/);
  });
});
