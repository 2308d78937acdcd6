/**
 * The English interface is English everywhere (issue 27 item 6): after the header's language switch, the entry,
 * approval, import, export, administration, profile and notices pages show English headings, labels and buttons, and
 * no heading, column header, legend or button of theirs is left in Vietnamese. One test, a loop over the pages, as the
 * province official (the default session), an administrator and a commune official; a second one for the sign-in page,
 * the audit log and the commune's month form with a validation error. A weak new password on /profile and a bad full
 * name on /admin/users are refused in English (the domain's rules, worded by the catalogue's `dataErrors`).
 */
import { type Browser, type Page, expect, test } from "@playwright/test";
import { CURRENT_PERIOD, LAST_FULL_PERIOD, PASSWORD, label, login } from "./support/session";

// Letters only Vietnamese writes.
const VIETNAMESE = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;

/** `names`: data shown in those elements (a commune's name), taken out before looking for Vietnamese. */
type Visit = { path: string; heading: string | RegExp; words: (string | RegExp)[]; names?: string[] };

async function english(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await login(page, username);
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // The header too: the role and the sign-out button.
  await expect(page.getByTestId("user-name")).toContainText(/\((Administrator|Province official|Commune official)\)/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeAttached();
  return page;
}

async function check(page: Page, visit: Visit) {
  await page.goto(visit.path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(visit.heading);
  const main = page.locator("main");
  for (const word of visit.words) await expect(main.getByText(word).first()).toBeVisible();
  const texts = await main.locator("h1, h2, th, legend, button, caption").allInnerTexts();
  const interfaceText = texts.map((t) => (visit.names ?? []).reduce((rest, name) => rest.replaceAll(name, ""), t));
  expect(
    interfaceText.filter((t) => VIETNAMESE.test(t)),
    `${visit.path}: no Vietnamese heading, column header or button`,
  ).toEqual([]);
}

test("the entry, approval, import, export, administration, profile and notices pages in English", async ({
  page,
  browser,
}) => {
  test.slow(); // three sign-ins and a dozen pages on a shared 2-core machine
  await page.goto("/notices");
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const month = label(LAST_FULL_PERIOD);
  const province: Visit[] = [
    { path: "/notices", heading: "Notices", words: [/unread notices|No unread notices/] },
    { path: "/entry", heading: "Data entry", words: ["Approval"] },
    { path: `/entry/${LAST_FULL_PERIOD}`, heading: `Monthly report ${month}`, words: ["Approval"] },
    {
      path: `/approval?period=${LAST_FULL_PERIOD}`,
      heading: `Approval of the reports for ${month}`,
      words: ["Other communes and wards", /Lock the month|Unlock the month/],
    },
    {
      path: "/import",
      heading: "Import from a file",
      words: ["Check the file (dry run)", "Download the template (.xlsx)", "Record as approved"],
    },
    { path: "/import/history", heading: "Import history", words: [/can be undone/] },
    {
      path: "/export?from=2025-09&to=2025-09&indicators=staff_quota",
      heading: "Export data",
      words: ["Layout", "Download the Excel file (.xlsx)", /Download the CSV file \(38 rows\)/],
    },
    { path: "/admin/publication", heading: "Publication", words: ["Approved reports", /Public page: (on|off)/] },
    { path: "/profile", heading: "Account", words: ["Two-factor authentication", "Change password", "Create a token"] },
  ];
  for (const visit of province) await check(page, visit);
  // A domain rule's refusal in English too (the password policy): a new password with the province's name in it.
  const passwordForm = page.getByTestId("password-form");
  await passwordForm.getByLabel("Current password").fill(PASSWORD);
  await passwordForm.getByLabel("New password", { exact: true }).fill("yeu Lai Chau lam");
  await passwordForm.getByLabel("Repeat the new password").fill("yeu Lai Chau lam");
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm).toContainText("The password may not contain the name “Lai Châu”.");

  const admin = await english(browser, "admin");
  await check(admin, {
    path: "/admin/users",
    heading: "Users",
    words: ["Create an account", "Account health", "Check", "Last sign-in"],
  });
  // And the account's rules: a full name without a letter or digit (nothing is created).
  await admin.locator("#new-name").fill("---");
  await admin.locator("#new-role").selectOption("ANALYST");
  await admin.getByRole("button", { name: "Create an account" }).click();
  await expect(admin.locator("main")).toContainText("The full name must contain letters.");

  const commune = await english(browser, "xa-03394");
  await check(commune, {
    path: "/entry",
    heading: "Data entry: Xã Sin Suối Hồ",
    words: ["Still to submit", "All months", "Recent decisions of the province"],
    names: ["Xã Sin Suối Hồ"],
  });
});

test("the sign-in page, the audit log and the month form with a validation error in English", async ({
  page,
  browser,
}) => {
  test.slow(); // a sign-in and a form on a shared 2-core machine
  await page.goto("/audit");
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await check(page, { path: "/audit", heading: "Audit log", words: ["Time", "Changes (old → new)", "Filter"] });

  // Signed out: the language switch first, then the sign-in page and its labels in English.
  const signedOut = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await signedOut.goto("/login");
  await signedOut.getByTestId("language-switch").click();
  await expect(signedOut.locator("html")).toHaveAttribute("lang", "en");
  await check(signedOut, { path: "/login", heading: "Sign in", words: [/First sign-in/] });
  await signedOut.getByLabel("Username").fill("xa-03394");
  await signedOut.getByLabel("Password").fill(PASSWORD);
  await signedOut.getByRole("button", { name: "Sign in" }).click();
  await expect(signedOut.getByTestId("user-name")).toBeAttached({ timeout: 30_000 });

  const month = label(CURRENT_PERIOD);
  await check(signedOut, {
    path: `/entry/${CURRENT_PERIOD}`,
    heading: `Monthly report ${month}`,
    words: ["Save draft", "Procedure dossiers received", "Last month:"],
  });
  await expect(signedOut.getByTestId("sync-state")).toHaveText(/Saved/);
  await signedOut.locator("#proc_received").fill("-5");
  await expect(signedOut.getByTestId("error-proc_received")).toHaveText(
    "Procedure dossiers received (-5) cannot be negative",
  );
  await expect(signedOut.locator("main")).toContainText("1 error to correct.");
  expect(await signedOut.locator("main").innerText()).not.toMatch(/không được là số âm|Còn \d+ lỗi/);
});
