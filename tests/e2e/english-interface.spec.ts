/**
 * The English interface is English everywhere (issue 27 item 6): after the header's language switch, the entry,
 * approval, import, export, administration, profile and notices pages show English headings, labels and buttons, and
 * no heading, column header, legend or button of theirs is left in Vietnamese. One test, a loop over the pages, as the
 * province official (the default session), an administrator and a commune official.
 */
import { type Browser, type Page, expect, test } from "@playwright/test";
import { LAST_FULL_PERIOD, label, login } from "./support/session";

// Letters only Vietnamese writes.
const VIETNAMESE = /[ăâđêôơưàảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ]/i;

/** `names`: data shown in those elements (a commune's name), taken out before looking for Vietnamese. */
type Visit = { path: string; heading: string | RegExp; words: (string | RegExp)[]; names?: string[] };

async function english(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await login(page, username);
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
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

  const admin = await english(browser, "admin");
  await check(admin, {
    path: "/admin/users",
    heading: "Users",
    words: ["Create an account", "Account health", "Check", "Last sign-in"],
  });

  const commune = await english(browser, "xa-03394");
  await check(commune, {
    path: "/entry",
    heading: "Data entry: Xã Sin Suối Hồ",
    words: ["Still to submit", "All months", "Recent decisions of the province"],
    names: ["Xã Sin Suối Hồ"],
  });
});
