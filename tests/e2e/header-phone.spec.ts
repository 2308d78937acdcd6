import { expect, test } from "@playwright/test";

test.describe("header on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("is one line, and its menu opens with the keyboard and marks the current page", async ({ page }) => {
    await page.goto("/communes");
    const header = page.getByTestId("site-header");
    const box = await header.boundingBox();
    expect(box!.height).toBeLessThanOrEqual(64);
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await expect(nav).toBeHidden();
    // From the skip link, the brand, then the menu button.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.getByTestId("menu-button")).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(nav).toBeVisible();
    await expect(nav.getByRole("link", { name: "Xã phường", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Tổng quan", exact: true })).not.toHaveAttribute("aria-current", "page");
    for (const group of ["Xem số liệu", "Nhập và duyệt", "Dữ liệu", "Quản trị"])
      await expect(nav.getByText(group, { exact: true })).toBeVisible();
    await nav.getByRole("link", { name: "Chỉ tiêu", exact: true }).click();
    await expect(page).toHaveURL(/\/indicators$/);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the menu still opens", async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      await expect(nav).toBeHidden();
      await page.getByTestId("menu-button").click();
      await expect(nav.getByRole("link", { name: "Tổng quan", exact: true })).toHaveAttribute("aria-current", "page");
    });
  });
});

test("on a desktop the groups lie open in the header", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto("/indicators");
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(page.getByTestId("menu-button")).toBeHidden();
  await expect(nav.getByRole("link", { name: "Chỉ tiêu", exact: true })).toHaveAttribute("aria-current", "page");
  // tinh is a provincial official: review, yes; entering a commune's report or managing users, no.
  await expect(nav.getByRole("link", { name: "Duyệt báo cáo" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Nhập số liệu", exact: true })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Người dùng" })).toHaveCount(0);
});
