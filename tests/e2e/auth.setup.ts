// Signs in once as the province official `tinh`; the other specs start from this session (storageState).
import { expect, test as setup } from "@playwright/test";

export const PROVINCE_STATE = "test-results/.auth/tinh.json";

setup("sign in as tinh", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill("tinh");
  await page.getByLabel("Mật khẩu").fill("laichau2025");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // The first sign-in of a cold server also compiles and hashes: allow it time.
  await expect(page.getByTestId("user-name")).toContainText("Sở Nội vụ", { timeout: 30_000 });
  await page.context().storageState({ path: PROVINCE_STATE });
});
