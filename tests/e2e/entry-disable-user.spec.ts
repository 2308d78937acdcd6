/** A user disabled by an administrator is signed out on their next request (all sessions ended), and cannot sign in. */
import { expect, test } from "@playwright/test";
import { PASSWORD, login } from "./support/session";

test.use({ storageState: { cookies: [], origins: [] } });

test("disabling a user ends their session at once", async ({ browser }) => {
  const userContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const user = await userContext.newPage();
  const admin = await adminContext.newPage();
  await login(user, "xa-03595");
  await user.goto("/entry");
  await expect(user.getByRole("heading", { name: /Nhập số liệu/ })).toBeVisible();

  await login(admin, "admin");
  await admin.goto("/admin/users");
  const row = admin.getByTestId("user-xa-03595");
  await row.getByRole("button", { name: "Khoá" }).click();
  await expect(row).toContainText("Đã khoá");

  await user.goto("/entry");
  await expect(user).toHaveURL(/\/login/);
  await user.getByLabel("Tên đăng nhập").fill("xa-03595");
  await user.getByLabel("Mật khẩu").fill(PASSWORD);
  await user.getByRole("button", { name: "Đăng nhập" }).click();
  // Exactly the answer to a wrong password: a disabled account is no password oracle.
  await expect(user.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");

  // Enabled again (the account can sign in: lib/auth refuses sessions only while banned).
  await admin.getByTestId("user-xa-03595").getByRole("button", { name: "Mở khoá" }).click();
  await expect(admin.getByTestId("user-xa-03595")).toContainText("Hoạt động");
  await userContext.close();
  await adminContext.close();
});
