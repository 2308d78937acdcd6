/**
 * Issue 28, "Done when": on a phone (375 × 812), on a month only partly reported. The suite's server runs on
 * 28/11/2026 (E2E_NOW), when the demo has 26 of 38 reports of 10/2026 (other specs may add one), its deadline
 * (05/11) more than 10 days past: 10/2026 is the newest complete month by the rule, and its figures are provisional.
 */
import { expect, test } from "@playwright/test";
import JSZip from "jszip";
import { formatPeriodVi, lastOverduePeriod } from "../../lib/domain/periods";
import { SERVER_NOW } from "./support/session";

test.use({ viewport: { width: 375, height: 812 } });
// Every test here is a phone layout's: scripts/test-all.sh runs them again with Noto Sans.
const phone = { tag: "@phone" };

/** The newest month whose deadline has passed: 10/2026 on the suite's date. */
const MONTH = lastOverduePeriod(SERVER_NOW);
const number = (text: string) => Number(/[\d.]+/.exec(text.replace(/\s/g, ""))![0].replace(/\./g, ""));

test(
  "the overview opens on the newest complete month, its first four KPI cards on the first screen",
  phone,
  async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("period-label")).toContainText(`tháng ${formatPeriodVi(MONTH)}`);
    for (const id of ["kpi-units", "kpi-one-stop", "kpi-quota", "kpi-cbcc"]) {
      await expect(page.getByTestId(id), id).toBeInViewport({ ratio: 1 });
    }
    await page.screenshot({ path: test.info().outputPath("first-screen-375x812.png") });
    // The period picker and the filters are one tap away, not gone.
    await expect(page.getByLabel("Từ tháng")).toBeHidden();
    await page.locator(`label[for="period-fold"]`).click();
    await expect(page.getByLabel("Từ tháng")).toBeVisible();
    await expect(page.getByLabel("Loại đơn vị")).toBeHidden();
    await page.locator(`label[for="filter-fold"]`).click();
    await expect(page.getByLabel("Loại đơn vị")).toBeVisible();
  },
);

test(
  "a partly reported month: the quota carries its coverage and stays near a complete month's total",
  phone,
  async ({ page }) => {
    await page.goto(`/?period=${MONTH}`);
    const quota = page.getByTestId("kpi-quota");
    await expect(quota.getByTestId("kpi-coverage")).toContainText(
      /\d+ xã, phường lấy số liệu (tháng|các tháng) \d\d\/2026/,
    );
    const partial = number((await quota.getByTestId("kpi-value").textContent())!);
    await expect(page.getByTestId("kpi-on-time").getByTestId("kpi-coverage")).toContainText(
      /Tạm tính: \d+\/38 xã, phường/,
    );
    // 07/2026: every report received.
    await page.goto("/?period=2026-07");
    await expect(page.getByTestId("kpi-quota").getByTestId("kpi-coverage")).toHaveCount(0);
    const complete = number((await page.getByTestId("kpi-quota").getByTestId("kpi-value").textContent())!);
    expect(Math.abs(partial - complete) / complete).toBeLessThan(0.02);
  },
);

test("the partial month's chart point is marked partial, in the chart and in the table", phone, async ({ page }) => {
  await page.goto(`/?period=${MONTH}`);
  const trend = page.getByTestId("trend-quota_fill_rate");
  await expect(trend.locator(".partial-point").first()).toBeAttached();
  await expect(trend.getByTestId("trend-partial-legend")).toContainText("điểm rỗng, nét đứt");
  await page.getByTestId("trend-table").locator("summary").click();
  await expect(
    page.getByTestId("trend-table").getByRole("row", { name: new RegExp(formatPeriodVi(MONTH).replace("/", "\\/")) }),
  ).toContainText(/tạm tính, \d+\/38 xã, phường/);
});

test("the briefing's Word document of the partial month states its coverage", phone, async ({ page }) => {
  const response = await page.request.get(`/briefing/docx?period=${MONTH}`);
  expect(response.ok()).toBe(true);
  const xml = await (await JSZip.loadAsync(await response.body())).file("word/document.xml")!.async("string");
  expect(xml).toMatch(/số liệu tạm tính: đã nhận \d+\/38 báo cáo của xã, phường/);
  expect(xml).toMatch(/\d+ xã, phường lấy số liệu/);
  expect(xml).toContain(`tháng ${Number(MONTH.slice(5))} năm ${MONTH.slice(0, 4)}`);
});
