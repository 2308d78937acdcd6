/**
 * The import's dry run and the staff list's check in English (issue 27 item 6): with English chosen, what the import
 * read past (its notes), the month form's rules on the file's values and the upload's own refusals are English, as
 * are the changes a staff list would make to an account. Dry runs and checks only: nothing is written.
 */
import { type Browser, type Page, expect, test } from "@playwright/test";
import { CURRENT_PERIOD, login } from "./support/session";

// Letters only Vietnamese writes.
const VIETNAMESE = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;

async function english(browser: Browser, username: string, path: string): Promise<Page> {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await login(page, username);
  await page.goto(path);
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  return page;
}

test("the import's dry run says its notes, month checks and refusals in English", async ({ browser }) => {
  const page = await english(browser, "tinh", "/import");
  // A wide file: a computed indicator's column (read past), a commune code that lost its leading zero, and more
  // applications received online than received (the month form's rule, on one line).
  const csv =
    "commune_code,period,proc_received,proc_received_online,proc_on_time_rate\n" + `3637,${CURRENT_PERIOD},10,20,98\n`;
  await page
    .getByLabel("CSV or Excel (.xlsx) file")
    .setInputFiles({ name: "wide.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Check the file (dry run)" }).click();
  const notes = page.getByTestId("import-notes");
  await expect(notes).toContainText(
    "Read past 1 column of computed indicators (“proc_on_time_rate”): the system computes these indicators",
  );
  await expect(notes).toContainText(
    "1 line has a commune code that lost its leading zero (for example “3637” → “03637”",
  );
  expect(await notes.innerText()).not.toMatch(VIETNAMESE);
  const rows = page.getByTestId("import-rows");
  await expect(rows).toContainText("Dossiers received online (20) cannot exceed dossiers received (10)");
  await expect(rows).not.toContainText("không được lớn hơn");

  // The upload's own refusal of an empty body, in the language the session chose.
  const empty = await page.request.post("/import/upload?intent=dry-run&name=empty.csv", {
    data: "",
    headers: { "content-type": "text/csv", origin: new URL(page.url()).origin },
  });
  expect(empty.status()).toBe(400);
  expect(await empty.json()).toEqual({ ok: false, message: "Choose the CSV or Excel (.xlsx) file to import." });
});

test("the staff list's check says an account's changes in English", async ({ browser }) => {
  const page = await english(browser, "admin", "/admin/users");
  const list =
    'Họ và tên,Tên đăng nhập,Vai trò,"Xã, phường",E-mail\r\nNguyen Van A,xa-03637,"Cán bộ xã, phường",03637,\r\n';
  const form = page.getByTestId("staff-list-form");
  await form
    .getByLabel(/Staff list file/)
    .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(`\ufeff${list}`) });
  await form.getByRole("button", { name: "Check", exact: true }).click();
  const plan = page.getByTestId("staff-list-plan");
  await expect(plan).toContainText(/Update: full name “.+” → “Nguyen Van A”/);
  await expect(plan).not.toContainText("họ tên");
});
