/** Two browsers editing the same report: the second save gets a conflict, keeps its typed values, and can then overwrite. */
import { expect, test } from "@playwright/test";
import { LAST_FULL_PERIOD, login } from "./support/session";

test.use({ storageState: { cookies: [], origins: [] } });

// Xã 03394 has no demo report for the last full month: both start from an empty form.
const P = LAST_FULL_PERIOD;

test("the second save from the same version gets the conflict message and loses nothing", async ({ browser }) => {
  const a = await browser.newContext();
  const pa = await a.newPage();
  await login(pa, "xa-03394");
  // A second browser of the same user (sign-ins are rate-limited per address: reuse the session).
  const b = await browser.newContext({ storageState: await a.storageState() });
  const pb = await b.newPage();
  await pa.goto(`/entry/${P}`);
  await pb.goto(`/entry/${P}`);

  await pa.locator("#proc_received").fill("50");
  await pa.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(pa.getByTestId("form-message")).toContainText("Đã lưu bản nháp");

  await pb.locator("#proc_received").fill("60");
  await pb.locator("#feedback_received").fill("3");
  await pb.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(pb.getByTestId("form-message")).toContainText("vừa được người khác lưu");
  const conflict = pb.getByTestId("conflict");
  await expect(conflict).toContainText("xa-03394");
  await expect(conflict.getByRole("row", { name: /Hồ sơ TTHC tiếp nhận/ })).toContainText("50");
  await expect(conflict.getByRole("row", { name: /Hồ sơ TTHC tiếp nhận/ })).toContainText("60");
  await expect(pb.locator("#proc_received")).toHaveValue("60");
  await expect(pb.locator("#feedback_received")).toHaveValue("3");

  // The first user's value is what is stored.
  await pa.reload();
  await expect(pa.locator("#proc_received")).toHaveValue("50");

  // Keeping their values, the second user saves over it knowingly.
  await conflict.getByRole("button", { name: /Giữ số liệu của tôi/ }).click();
  await pb.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(pb.getByTestId("form-message")).toContainText("Đã lưu bản nháp");
  await pa.reload();
  await expect(pa.locator("#proc_received")).toHaveValue("60");
  await a.close();
  await b.close();
});
