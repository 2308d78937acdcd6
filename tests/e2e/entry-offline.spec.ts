/**
 * Issue 14 (a) and (b) on a phone-sized screen: what a commune types survives losing the network (and a reload with no
 * network), and a database outage during a save; both reach the database, with the right version, once it is back.
 */
import { type Page, expect, test } from "@playwright/test";
import { CURRENT_PERIOD, login, logout } from "./support/session";
import { startDatabase, stopDatabase, storedReport } from "./support/database";

test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 375, height: 800 } });

const P = CURRENT_PERIOD;

/** The service worker controls the page and has kept it in its cache of entry pages. */
async function expectPageKept(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(
          async () =>
            !!navigator.serviceWorker.controller &&
            (await (await caches.open("entry-pages")).keys()).some(
              (r) => new URL(r.url).pathname === window.location.pathname,
            ),
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
}

test("installable; offline: type, save, reload with no network, the values are there; online, they reach the database", async ({
  page,
  context,
}) => {
  const user = "xa-03405";
  await login(page, user);
  await page.goto(`/entry/${P}`);
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ");
  // Installable (web app manifest with a Vietnamese name and icons, service worker): the check Lighthouse's
  // installability audit ran (Lighthouse 12 dropped that audit) is Chromium's own list of reasons. Playwright's
  // contexts are incognito profiles, where Chromium never offers installation: that reason alone may be left.
  const manifest = (await (await page.request.get("/manifest.webmanifest")).json()) as {
    name: string;
    icons: { sizes: string }[];
  };
  expect(manifest.name).toContain("Nhập số liệu tháng");
  expect(manifest.icons.map((i) => i.sizes)).toContain("512x512");
  const cdp = await page.context().newCDPSession(page);
  const app = await cdp.send("Page.getAppManifest");
  expect(app.url).toMatch(/\/manifest\.webmanifest$/);
  expect(app.errors).toEqual([]);
  await expect
    .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors.map((e) => e.errorId), {
      timeout: 30_000,
    })
    .toEqual(["in-incognito"]);

  // The service worker controls the page and has kept it (first visit).
  await expectPageKept(page);

  await context.setOffline(true);
  await page.locator("#proc_received").fill("120");
  await page.locator("#feedback_received").fill("7");
  await expect(page.getByTestId("sync-state")).toContainText("Mất kết nối — số liệu vẫn được giữ trên máy");
  // Validation works offline, from the same rules as the server.
  await page.locator("#proc_received_online").fill("130");
  await expect(page.getByTestId("error-proc_received_online")).toContainText("không được lớn hơn số hồ sơ tiếp nhận");
  await page.locator("#proc_received_online").fill("30");
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByTestId("sync-state")).toContainText("Mất kết nối");
  await expect(page.getByTestId("sync-state")).toContainText("Đang chờ gửi lên máy chủ");

  await page.reload();
  await expect(page.locator("#proc_received")).toHaveValue("120");
  await expect(page.locator("#feedback_received")).toHaveValue("7");
  await expect(page.locator("#proc_received_online")).toHaveValue("30");
  expect((await storedReport(user, P)).report).toBeUndefined();

  await context.setOffline(false);
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ", { timeout: 30_000 });
  const stored = await storedReport(user, P);
  expect(stored.report).toEqual({ version: 1, status: "DRAFT" });
  expect(stored.values).toEqual({ proc_received: 120, feedback_received: 7, proc_received_online: 30 });
});

test("the database goes down during a save: the form and values stay, the save goes through when it is back", async ({
  page,
}) => {
  const user = "xa-03408";
  await login(page, user);
  await page.goto(`/entry/${P}`);
  await page.locator("#staff_quota").fill("300");
  await page.locator("#feedback_received").fill("4");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu trên máy");
  try {
    await stopDatabase();
    await page.getByRole("button", { name: "Lưu nháp" }).click();
    await expect(page.getByTestId("form-message")).toContainText("Máy chủ dữ liệu tạm thời không truy cập được");
    await expect(page.getByTestId("form-message")).toContainText("sẽ được gửi lại tự động");
    await expect(page.locator("#staff_quota")).toHaveValue("300");
    await expect(page.locator("#feedback_received")).toHaveValue("4");
    await expect(page.getByTestId("sync-state")).toContainText("Đã lưu trên máy");
  } finally {
    await startDatabase();
  }
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ", { timeout: 45_000 });
  const stored = await storedReport(user, P);
  expect(stored.report).toEqual({ version: 1, status: "DRAFT" });
  expect(stored.values).toEqual({ staff_quota: 300, feedback_received: 4 });
});

test("reloaded while the database is down: the form from this device with its draft, and a note saying so", async ({
  page,
}) => {
  const user = "xa-03442";
  await login(page, user);
  await page.goto(`/entry/${P}`);
  // The service worker controls the page and has kept it for this user.
  await expectPageKept(page);
  await page.locator("#proc_received").fill("64");
  await page.locator("#feedback_received").fill("5");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu trên máy");
  try {
    await stopDatabase();
    // The server cannot render the page (its session check needs the database): the device's copy is shown.
    await page.reload();
    await expect(page.getByTestId("served-from-device")).toContainText("Máy chủ tạm thời không truy cập được");
    await expect(page.getByTestId("served-from-device")).toContainText("giữ trên máy này");
    await expect(page.locator("#proc_received")).toHaveValue("64");
    await expect(page.locator("#feedback_received")).toHaveValue("5");
    await page.locator("#feedback_received").fill("6");
    await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu trên máy");
  } finally {
    await startDatabase();
  }
  // Back online, a reload shows the server's page again, without the note, the draft still there.
  await page.reload();
  await expect(page.locator("#feedback_received")).toHaveValue("6");
  await expect(page.getByTestId("served-from-device")).toHaveCount(0);
  expect((await storedReport(user, P)).report).toBeUndefined();
});

test("a save after the session ended leads to sign-in and back to the same form, values intact, then goes through", async ({
  page,
  context,
}) => {
  const user = "xa-03424";
  await login(page, user);
  await page.goto(`/entry/${P}`);
  await page.locator("#proc_received").fill("88");
  await context.clearCookies();
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByTestId("form-message")).toContainText("Phiên đăng nhập đã kết thúc");
  await page.getByTestId("login-again").click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("Tên đăng nhập").fill(user);
  await page.getByLabel("Mật khẩu").fill("laichau2025");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`/entry/${P}$`));
  await expect(page.locator("#proc_received")).toHaveValue("88");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ", { timeout: 30_000 });
  expect((await storedReport(user, P)).values).toEqual({ proc_received: 88 });
});

test("signing out removes that user's drafts from this device", async ({ page }) => {
  const user = "xa-03439";
  await login(page, user);
  await page.goto(`/entry/${P}`);
  await page.locator("#proc_received").fill("77");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu trên máy");
  await page.reload();
  await expect(page.locator("#proc_received")).toHaveValue("77");
  await logout(page);
  expect(
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const r = indexedDB.open("month-drafts");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      const count = await new Promise<number>((ok) => {
        const r = db.transaction("drafts").objectStore("drafts").count();
        r.onsuccess = () => ok(r.result);
      });
      db.close();
      return count;
    }),
  ).toBe(0);
  await login(page, user);
  await page.goto(`/entry/${P}`);
  await expect(page.locator("#proc_received")).toHaveValue("");
});
