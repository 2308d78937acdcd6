import AxeBuilder from "@axe-core/playwright";
import { type Page, expect, test } from "@playwright/test";

// These tests start signed out.
test.use({ storageState: { cookies: [], origins: [] } });

async function login(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

test("every page but /login requires a session", async ({ page }) => {
  await page.goto("/?period=2025-09");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
  const res = await page.request.get("/?period=2025-09", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
});

test("a wrong password gets a message that does not say whether the user exists", async ({ page }) => {
  await login(page, "tinh", "sai-mat-khau");
  await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  await login(page, "khong-ton-tai", "sai-mat-khau");
  await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
});

test("login, httpOnly SameSite cookie, logout ends the session", async ({ page, context }) => {
  await login(page, "phantich", "laichau2025");
  await expect(page.getByTestId("user-name")).toContainText("Phân tích số liệu");
  const cookie = (await context.cookies()).find((c) => c.name.includes("session_token"));
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The old cookie no longer opens a page.
  await context.addCookies([cookie!]);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("after five wrong passwords in a row, the right one is refused for a while", async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await login(page, "xa-03451", `sai-${i}`);
    await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  }
  await login(page, "xa-03451", "laichau2025");
  await expect(page.getByTestId("login-error")).toContainText("tạm khoá");
  await expect(page).toHaveURL(/\/login/);
});

test("the login page has no accessibility violations and security headers are set", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("a sign-in posted from a foreign page is refused (login CSRF)", async ({ request, baseURL }) => {
  const foreign = await request.post("/api/auth/sign-in/username", {
    headers: { Origin: "http://evil.example", "Content-Type": "application/json" },
    data: { username: "phantich", password: "laichau2025" },
  });
  expect(foreign.status()).toBe(403);
  expect(foreign.headers()["set-cookie"] ?? "").not.toContain("session_token");
  const own = await request.post("/api/auth/sign-in/username", {
    headers: { Origin: baseURL!, "Content-Type": "application/json" },
    data: { username: "phantich", password: "laichau2025" },
  });
  expect(own.status()).toBe(200);
});
