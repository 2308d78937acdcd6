/**
 * The month report workflow in the browser: a commune enters an impossible value (message, nothing saved), fixes
 * it and submits; the province returns it with a comment; the commune sees the comment and resubmits; the province
 * approves; the report is then read-only.
 */
import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, type Page, expect, test } from "@playwright/test";
import {
  CURRENT_PERIOD,
  acknowledgeWarnings,
  fillWithPreviousMonth,
  label,
  login,
  renewSession,
} from "./support/session";

test.describe.configure({ mode: "serial" });

const P = CURRENT_PERIOD;

// The province official is the project's signed-in `tinh` (the `page` fixture); the commune user signs in once
// here (sign-ins are rate-limited per address, and the other specs sign in too).
let communeContext: BrowserContext;
let commune: Page;

test.beforeAll(async ({ browser }) => {
  communeContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  commune = await communeContext.newPage();
  await login(commune, "xa-03637");
  // A commune lands on its own months after sign-in, not on the province overview (issue 14).
  await expect(commune).toHaveURL(/\/entry$/);
});

test.afterAll(async () => {
  await communeContext.close();
});

test("the form works at 375 px and has no accessibility violations", async () => {
  const page = await communeContext.newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/entry/${P}`);
  const input = page.locator("#proc_received");
  await expect(input).toBeVisible();
  await expect(input).toHaveAttribute("inputmode", "numeric");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.close();
});

// The province's overview of month P, cached before the submission (lib/web/page-cache.ts): the figure must change
// as soon as the report is submitted.
const overviewOfP = `/?from=${P}&to=${P}`;
let reportedBefore = 0;

async function reportedCount(page: Page): Promise<number> {
  return Number(
    (await page.getByTestId("kpi-reporting").getByTestId("kpi-value").innerText()).split("/")[0]!.replace(/\D/g, ""),
  );
}

test("province overview of the month, served again from the page cache", async ({ page }) => {
  await renewSession(page.request);
  expect((await page.goto(overviewOfP))!.headers()["x-page-cache"]).toMatch(/^(miss|hit)$/);
  reportedBefore = await reportedCount(page);
  expect((await page.goto(overviewOfP))!.headers()["x-page-cache"]).toBe("hit");
  expect(await reportedCount(page)).toBe(reportedBefore);
});

test("commune: an error is shown and nothing is saved; fixed, the report is submitted", async () => {
  const page = commune;
  await page.goto("/entry");
  await expect(page.getByRole("heading", { name: /Nhập số liệu: Xã Mường Kim/ })).toBeVisible();
  await expect(page.getByTestId("due-list")).toContainText(`Tháng ${label(P)}`);
  await page
    .getByTestId("due-list")
    .getByRole("link", { name: `Tháng ${label(P)}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/entry/${P}$`));
  await expect(page.getByTestId("status")).toHaveText("Chưa nhập");

  await page.locator("#proc_received").fill("100");
  await page.locator("#proc_received_online").fill("120");
  await expect(page.getByTestId("error-proc_received_online")).toHaveText(
    "Số hồ sơ trực tuyến (120) không được lớn hơn số hồ sơ tiếp nhận (100)",
  );
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByTestId("form-message")).toContainText("chưa lưu");
  // The typed values stay on screen…
  await expect(page.locator("#proc_received_online")).toHaveValue("120");
  // …nothing reached the database, and what was typed is kept on this device across a reload (issue 14).
  await page.reload();
  await expect(page.getByTestId("status")).toHaveText("Chưa nhập");
  await expect(page.locator("#proc_received_online")).toHaveValue("120");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu trên máy");

  await fillWithPreviousMonth(page);
  // Four times last month's pages: a warning to acknowledge.
  const pages = page.locator("#pages_digitised");
  await pages.fill(String(Number(await pages.inputValue()) * 4));
  await expect(page.getByText(/Trang tài liệu được số hoá \(.*\) lớn hơn 3 lần trung vị/)).toBeVisible();
  await expect(page.getByTestId("totals-procedures")).toContainText("Đã giải quyết");
  const submit = page.getByRole("button", { name: "Nộp báo cáo" });
  await expect(submit).toBeDisabled();
  await acknowledgeWarnings(page);
  // The commune may say why the figure is right: the reviewer reads it beside the warning (issue 28).
  await page.getByLabel(/Giải thích cho tỉnh/).fill("Tháng này số hoá bù hồ sơ tồn của năm trước.");
  await expect(submit).toBeEnabled();
  // On a phone the confirmation is in view whole, above the sticky bar's buttons (issue 28).
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  await submit.click();
  // Submitting asks first, showing what moved most against last month (issue 14).
  const confirm = page.getByTestId("confirm-submit");
  await expect(confirm).toContainText("Trang tài liệu được số hoá");
  const box = (await confirm.boundingBox())!;
  const saveButton = (await page.getByRole("button", { name: "Lưu nháp" }).boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(saveButton.y);
  await confirm.getByRole("button", { name: "Xác nhận nộp" }).click();
  if (viewport) await page.setViewportSize(viewport);
  await expect(page.getByTestId("read-only")).toContainText("đang chờ tỉnh duyệt");
  await expect(page.getByTestId("status")).toHaveText("Chờ duyệt");
});

test("province overview counts the submission within the 5 s freshness bound, though the page was cached", async ({
  page,
}) => {
  // The province did not write: it may get the page kept for it (less than 5 s old, "stale") while one render
  // refreshes it, or a new render; within the bound it sees the submission (issue 24; the bound itself is proved in
  // tests/integration/page-freshness.test.ts).
  await renewSession(page.request);
  const first = (await page.goto(overviewOfP))!.headers()["x-page-cache"];
  expect(first).toMatch(/^(miss|stale)$/);
  if (first === "miss") expect(await reportedCount(page)).toBe(reportedBefore + 1);
  await expect
    .poll(
      async () => {
        await page.goto(overviewOfP);
        return reportedCount(page);
      },
      { timeout: 15_000, intervals: [1000] },
    )
    .toBe(reportedBefore + 1);
  // The page says when its figures were read.
  await expect(page.getByTestId("data-as-of")).toHaveText(/^Số liệu lúc \d{2}:\d{2}:\d{2}$/);
});

test("province returns it with a comment", async ({ page }) => {
  await page.goto(`/approval?period=${P}`);
  const card = page.getByTestId("report-03637");
  await expect(card.getByTestId("status")).toHaveText("Chờ duyệt");
  await expect(card.getByTestId("warnings")).toContainText("Trang tài liệu được số hoá");
  await expect(card.getByTestId("warnings").getByTestId("warning-note")).toHaveText(
    "Giải thích của xã, phường: Tháng này số hoá bù hồ sơ tồn của năm trước.",
  );
  // Bulk approval leaves it for a person, and says why beside the warning.
  await expect(page.getByTestId("bulk-skipped")).toContainText("Tháng này số hoá bù hồ sơ tồn của năm trước.");
  await card.getByText("Trả lại…").click();
  await card.getByLabel("Lý do trả lại (bắt buộc)").fill("Đề nghị kiểm tra lại số trang số hoá.");
  await card.getByRole("button", { name: "Gửi trả lại" }).click();
  await expect(page.getByTestId("report-03637").getByTestId("status")).toHaveText("Bị trả lại");
});

test("commune sees the comment and resubmits; province approves; the report is read-only", async ({ page }) => {
  await commune.goto(`/entry/${P}`);
  await expect(commune.getByTestId("return-comment")).toContainText("Đề nghị kiểm tra lại số trang số hoá.");
  const pages = commune.locator("#pages_digitised");
  await pages.fill((await pages.getAttribute("data-previous")) ?? "");
  await commune.getByRole("button", { name: "Nộp báo cáo" }).click();
  await commune.getByTestId("confirm-submit").getByRole("button", { name: "Xác nhận nộp" }).click();
  await expect(commune.getByTestId("status")).toHaveText("Chờ duyệt");

  await page.goto(`/approval?period=${P}`);
  const card = page.getByTestId("report-03637");
  // The reviewer sees what changed since the report was returned (issue 14), not only against last month.
  await expect(card.getByTestId("since-return")).toContainText("Đã sửa 1 chỉ tiêu so với bản đã trả lại");
  await expect(card.getByTestId("since-return")).toContainText("Trang tài liệu được số hoá");
  await card.getByRole("button", { name: "Duyệt" }).click();
  await expect(page.getByTestId("report-03637").getByTestId("status")).toHaveText("Đã duyệt");

  await commune.goto(`/entry/${P}`);
  await expect(commune.getByTestId("status")).toHaveText("Đã duyệt");
  await expect(commune.getByTestId("read-only")).toContainText("đã được duyệt");
  await expect(commune.getByRole("button", { name: "Lưu nháp" })).toHaveCount(0);
  await expect(commune.locator("input[inputmode=numeric]")).toHaveCount(0);
});
