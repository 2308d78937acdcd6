/**
 * The 766 page in English (issue 27 item 6): its components' names, groups, rules and bases are English, and the
 * portal's points are read as the page writes them for the viewer ("2.5"): saving the form as shown changes nothing.
 * Before, the English form filled in "2.5" and its own save refused it as not a number.
 */
import { expect, test } from "@playwright/test";
import { login } from "./support/session";

const VIETNAMESE = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;

test("the 766 page names its components in English and reads the points as it writes them", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await login(page, "tinh");
  await page.goto("/index-766?from=2025-10&to=2025-10");
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  const definitions = page.locator("section[aria-labelledby=definitions-766] dl");
  await expect(definitions).toContainText(
    "2.1 Share of dossiers settled early or on time — Processing on time, 20/100 points",
  );
  expect(await definitions.innerText()).not.toMatch(VIETNAMESE);
  expect(await page.getByTestId("index766-portal").locator("table").innerText()).not.toMatch(VIETNAMESE);

  const form = page.getByTestId("index766-entry-form");
  const first = form.locator("input[inputmode=decimal]").first();
  await first.fill("2.5");
  await form.getByRole("button", { name: "Save points" }).click();
  await expect(form.getByRole("status")).toContainText("Changes saved: 1.");
  await page.reload();
  await expect(first).toHaveValue("2.5");
  await form.getByRole("button", { name: "Save points" }).click();
  await expect(form.getByRole("status")).toContainText("No changes.");
});
