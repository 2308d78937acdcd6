/**
 * Due, not late, in the browser. The suite's server runs at 10:00 on 28 November 2026 in Vietnam (E2E_NOW): October's
 * deadline (5 November) has passed, November is the running month, its reports due by 5 December.
 */
import { expect, test } from "@playwright/test";
import { CURRENT_PERIOD, LAST_FULL_PERIOD, SERVER_NOW } from "./support/session";
import { daysUntilDeadline } from "../../lib/domain/periods";

test("the running month's missing reports are within the deadline, not late, on the overview", async ({ page }) => {
  await page.goto(`/?period=${CURRENT_PERIOD}`);
  const card = page.getByTestId("kpi-reporting");
  await expect(card.getByTestId("reporting-standing")).toHaveText(/^\d+ đã nộp · \d+ đang trong hạn · 0 quá hạn$/);
  await expect(card).toContainText("Đang trong hạn nộp");
  await expect(card).not.toContainText("Chưa đạt chỉ tiêu");
  await expect(page.getByTestId("alerts-not-reported")).toContainText("Không có đơn vị nào.");
  const [y, m] = CURRENT_PERIOD.split("-").map(Number) as [number, number];
  const deadline = `05/${String(m === 12 ? 1 : m + 1).padStart(2, "0")}/${m === 12 ? y + 1 : y}`;
  await expect(page.getByTestId("alerts-pending")).toContainText(
    `hạn ${deadline}, còn ${daysUntilDeadline(CURRENT_PERIOD, SERVER_NOW)} ngày`,
  );
});

test("the month just past its deadline shows its missing reports as overdue", async ({ page }) => {
  // E2E_NOW is after the 5th: last month is overdue, this month is running.
  await page.goto(`/completeness?from=${LAST_FULL_PERIOD}&to=${CURRENT_PERIOD}`);
  const states = (p: string) =>
    page
      .locator(`[data-testid^="cell-"][data-testid$="-${p}"]`)
      .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-state")));
  const october = await states(LAST_FULL_PERIOD);
  const november = await states(CURRENT_PERIOD);
  expect(october).toContain("missing");
  expect(november).not.toContain("missing");
  expect(november).toContain("pending");
});

test("the period shortcuts cover every quarter since Q3/2025 and the named ranges", async ({ page }) => {
  await page.goto("/");
  const shortcuts = page.getByRole("navigation", { name: "Chọn nhanh kỳ báo cáo" });
  for (const name of [
    "Tháng trước",
    "Quý này",
    "Từ đầu năm",
    "Từ khi sắp xếp",
    "Quý 3/2025",
    "Quý 4/2025",
    "Quý 1/2026",
    "Quý 2/2026",
    "Quý 3/2026",
    "Quý 4/2026",
  ]) {
    await expect(shortcuts.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await shortcuts.getByRole("link", { name: "Quý 3/2025", exact: true }).click();
  await expect(page.getByTestId("kpi-quota")).toContainText("13.054");
});
