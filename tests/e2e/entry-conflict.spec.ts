/**
 * Two browsers editing the same report from the same version (issue 14 (c)): changes to different fields both survive;
 * a change to the same field is exactly one conflict, shown with both values and who saved the other, and no choice
 * there can undo the other's change to another field.
 */
import { type Browser, expect, test } from "@playwright/test";
import { CURRENT_PERIOD, login } from "./support/session";
import { storedReport } from "./support/database";

test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 375, height: 800 } });

const P = CURRENT_PERIOD;

async function twoBrowsers(browser: Browser, user: string) {
  const a = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const pa = await a.newPage();
  await login(pa, user);
  // A second browser of the same account (sign-ins are rate-limited per address: reuse the session). Each browser
  // has its own drafts (IndexedDB).
  const b = await browser.newContext({ viewport: { width: 375, height: 800 }, storageState: await a.storageState() });
  const pb = await b.newPage();
  return { a, pa, b, pb };
}

async function save(page: import("@playwright/test").Page) {
  await page.getByRole("button", { name: "Lưu nháp" }).click();
}

test("different fields: both changes survive", async ({ browser }) => {
  const user = "xa-03430";
  const { a, pa, b, pb } = await twoBrowsers(browser, user);
  await pa.goto(`/entry/${P}`);
  await pa.locator("#staff_quota").fill("392");
  await pa.locator("#feedback_received").fill("1");
  await save(pa);
  await expect(pa.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ");
  // Both start from version 1.
  await pa.reload();
  await pb.goto(`/entry/${P}`);
  await expect(pb.locator("#staff_quota")).toHaveValue("392");

  await pa.locator("#staff_quota").fill("333");
  await save(pa);
  await expect(pa.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ");

  await pb.locator("#feedback_received").fill("9");
  await save(pb);
  await expect(pb.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ");
  await expect(pb.getByTestId("form-message")).toContainText(`Đã gộp với thay đổi của ${user}`);
  await expect(pb.getByTestId("conflict")).toHaveCount(0);
  await expect(pb.locator("#staff_quota")).toHaveValue("333");
  await expect(pb.locator("#feedback_received")).toHaveValue("9");
  const stored = await storedReport(user, P);
  expect(stored.report?.version).toBe(3);
  expect(stored.values).toEqual({ staff_quota: 333, feedback_received: 9 });
  await a.close();
  await b.close();
});

test("the same field: exactly that one conflict, and keeping mine does not revert the other's field", async ({
  browser,
}) => {
  const user = "xa-03433";
  const { a, pa, b, pb } = await twoBrowsers(browser, user);
  await pa.goto(`/entry/${P}`);
  await pa.locator("#staff_quota").fill("392");
  await pa.locator("#feedback_received").fill("1");
  await save(pa);
  await expect(pa.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ");
  await pa.reload();
  await pb.goto(`/entry/${P}`);
  await expect(pb.locator("#staff_quota")).toHaveValue("392");

  await pa.locator("#staff_quota").fill("333");
  await pa.locator("#feedback_received").fill("4");
  await save(pa);
  await expect(pa.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ");

  await pb.locator("#feedback_received").fill("9");
  await save(pb);
  const conflict = pb.getByTestId("conflict");
  await expect(conflict).toBeVisible();
  await expect(conflict.locator("li")).toHaveCount(1);
  const row = pb.getByTestId("conflict-feedback_received");
  await expect(row).toContainText("Của tôi: 9");
  await expect(row).toContainText(`Của ${user}: 4`);
  // What only the other changed is already in the form; what I typed is still there.
  await expect(pb.locator("#staff_quota")).toHaveValue("333");
  await expect(pb.locator("#feedback_received")).toHaveValue("9");

  await row.getByLabel(/Của tôi/).check();
  await conflict.getByRole("button", { name: "Dùng các giá trị đã chọn" }).click();
  await expect(conflict).toHaveCount(0);
  await save(pb);
  await expect(pb.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ");
  const stored = await storedReport(user, P);
  expect(stored.values).toEqual({ staff_quota: 333, feedback_received: 9 });
  expect(stored.report?.version).toBe(3);
  await a.close();
  await b.close();
});
