import { type APIRequestContext, type Page, expect } from "@playwright/test";
import { currentPeriod, lastFullMonth } from "../../../lib/domain/periods";

export const PASSWORD = "laichau2025";

export async function login(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // Attached, not visible: on a phone the name sits in the closed menu.
  await expect(page.getByTestId("user-name")).toBeAttached({ timeout: 30_000 });
}

export async function logout(page: Page) {
  const button = page.getByRole("button", { name: "Đăng xuất" });
  // On a phone the button is in the header's menu: open it first.
  if (!(await button.isVisible())) await page.getByTestId("menu-button").click();
  await button.click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * Renews the session if it is due, so that the page cache may serve its dashboards for the next five minutes. The cache
 * (scripts/server.ts) serves a session only while it is not due for its sliding renewal (renewed less than 5 minutes
 * ago) and leaves that renewal to Next.js: a dashboard asked for after five minutes without a rendered page is rendered
 * with no `X-Page-Cache` header. `/profile` is never cached, and its render checks the session with better-auth, which
 * renews one that is due.
 */
export async function renewSession(request: APIRequestContext) {
  expect((await request.get("/profile")).status()).toBe(200);
}

/**
 * The instant the server under test believes it is (scripts/test-all.sh starts it under faketime at E2E_NOW, UTC);
 * without E2E_NOW, a server started by hand, on the real clock.
 */
export const SERVER_NOW = process.env.E2E_NOW ? new Date(`${process.env.E2E_NOW.replace(" ", "T")}Z`) : new Date();
/** The month being reported now (demo data stops at the last full month, so no commune has a report for it yet). */
export const CURRENT_PERIOD = currentPeriod(SERVER_NOW);
export const LAST_FULL_PERIOD = lastFullMonth(SERVER_NOW);
export const label = (period: string) => `${period.slice(5)}/${period.slice(0, 4)}`;

/** Fills every field of the month form with the previous month's value shown beside it. */
export async function fillWithPreviousMonth(page: Page) {
  const inputs = page.locator("input[inputmode=numeric]");
  const n = await inputs.count();
  for (let i = 0; i < n; i++) {
    const input = inputs.nth(i);
    await input.fill((await input.getAttribute("data-previous")) ?? "");
  }
  // Yes/no indicators are a choice (issue 14).
  const choices = page.locator("select[data-previous]");
  for (let i = 0; i < (await choices.count()); i++) {
    const choice = choices.nth(i);
    await choice.selectOption((await choice.getAttribute("data-previous")) ?? "");
  }
}

/** Ticks every warning checkbox shown. */
export async function acknowledgeWarnings(page: Page) {
  const boxes = page.locator('input[type=checkbox][name="ack"]');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
}
