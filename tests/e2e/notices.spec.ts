/**
 * Notices on a phone (375 px): the province returns a commune's report with a comment; the commune's bell shows 1 on
 * every page (also a page served from the page cache), /notices shows the comment, the commune's home lists the
 * decision, and marking it read empties the bell, without JavaScript too.
 *
 * Xã Khoen On (03640): no other spec touches it. Its report of the running month is put in "submitted" here and left
 * "returned", which no other spec counts as received.
 */
import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, type Page, expect, test } from "@playwright/test";
import { query } from "./support/database";
import { CURRENT_PERIOD, SERVER_NOW, label, login, renewSession } from "./support/session";

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 375, height: 812 } });

const CODE = "03640";
const P = CURRENT_PERIOD;
const COMMENT = "Đề nghị xã rà soát lại số hồ sơ giải quyết quá hạn.";
let communeContext: BrowserContext;
let commune: Page;

test.beforeAll(async ({ browser }) => {
  // A submitted report of the running month with the commune's latest values, written as the database holds one.
  await query(
    `DELETE FROM monthly_report WHERE period = $1 AND org_unit_id = (SELECT id FROM org_unit WHERE code = $2)`,
    [P, CODE],
  );
  await query(`DELETE FROM data_value WHERE period = $1 AND org_unit_id = (SELECT id FROM org_unit WHERE code = $2)`, [
    P,
    CODE,
  ]);
  await query(
    `WITH c AS (SELECT id FROM org_unit WHERE code = $2),
       r AS (INSERT INTO monthly_report (org_unit_id, period, status, version, submitted_at, first_submitted_at, updated_at)
             SELECT id, $1, 'SUBMITTED', 1, $3, $3, $3 FROM c RETURNING id)
     INSERT INTO data_value (org_unit_id, period, indicator_code, value, updated_at)
     SELECT d.org_unit_id, $1, d.indicator_code, d.value, $3 FROM data_value d, c
     WHERE d.org_unit_id = c.id AND d.period = (SELECT max(period) FROM data_value WHERE org_unit_id = c.id AND period < $1)`,
    [P, CODE, SERVER_NOW],
  );
  communeContext = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    viewport: { width: 375, height: 812 },
  });
  commune = await communeContext.newPage();
  await login(commune, `xa-${CODE}`);
});

test.afterAll(async () => {
  await communeContext.close();
});

test("before the return the commune's bell shows no count", async () => {
  await commune.goto("/entry");
  await expect(commune.getByTestId("notice-bell")).toBeVisible();
  await expect(commune.getByTestId("notice-count")).toHaveCount(0);
});

test("the province returns the report with a comment", async ({ page }) => {
  await page.goto(`/approval?period=${P}`);
  const card = page.getByTestId(`report-${CODE}`);
  await expect(card.getByTestId("status")).toHaveText("Chờ duyệt");
  await card.getByText("Trả lại…").click();
  await card.getByLabel("Lý do trả lại (bắt buộc)").fill(COMMENT);
  await card.getByRole("button", { name: "Gửi trả lại" }).click();
  await expect(page.getByTestId(`report-${CODE}`).getByTestId("status")).toHaveText("Bị trả lại");
});

test("the commune's bell counts 1 on a one-line phone header, also on a page from the cache", async () => {
  await renewSession(commune.request);
  await commune.goto("/");
  // Served twice: the second answer comes from the page cache, with the same count.
  const cached = await commune.goto("/");
  expect(cached!.headers()["x-page-cache"]).toBe("hit");
  const header = commune.getByTestId("site-header");
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
  const bell = commune.getByTestId("notice-bell");
  await expect(bell).toBeVisible();
  await expect(commune.getByTestId("notice-count")).toHaveText("1 chưa đọc");
  await expect(bell).toHaveAccessibleName("Thông báo 1 chưa đọc");
  const overflow = await commune.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the commune opens its notices and reads the province's comment; its home lists the decision", async () => {
  await commune.getByTestId("notice-bell").click();
  await expect(commune).toHaveURL(/\/notices$/);
  await expect(commune.getByRole("heading", { name: "Thông báo", level: 1 })).toBeVisible();
  const notice = commune.getByTestId("notices").getByRole("listitem").first();
  await expect(notice).toContainText(`Tỉnh đã trả lại báo cáo tháng ${label(P)} của Xã Khoen On`);
  await expect(notice).toContainText("Mới");
  await expect(notice.getByTestId("notice-comment")).toHaveText(`Ý kiến của tỉnh: ${COMMENT}`);
  const results = await new AxeBuilder({ page: commune }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await commune.goto("/entry");
  const decisions = commune.getByTestId("decisions");
  await expect(decisions.getByRole("listitem").first()).toContainText(`Trả lại báo cáo tháng ${label(P)}`);
  await expect(decisions.getByRole("listitem").first()).toContainText(COMMENT);
});

test("without JavaScript the count is there and marking read empties the bell, on cached pages too", async ({
  browser,
}) => {
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await communeContext.storageState(),
    viewport: { width: 375, height: 812 },
  });
  try {
    const page = await noScript.newPage();
    await page.goto("/notices");
    await expect(page.getByTestId("notice-count")).toHaveText("1 chưa đọc");
    await page.getByTestId("notices").getByRole("button", { name: "Đánh dấu đã đọc" }).click();
    await expect(page.getByTestId("notices-unread")).toHaveText("Không có thông báo chưa đọc.");
    await expect(page.getByTestId("notice-count")).toHaveCount(0);
    await expect(page.getByTestId("notices").getByRole("listitem").first()).not.toContainText("Mới");
  } finally {
    await noScript.close();
  }
  // The overview cached above is kept once for the commune's scope, its bell filled in for each answer (issue 24,
  // lib/web/shared-page.ts): served again or rendered, it now shows no count.
  const fresh = await commune.goto("/");
  expect(fresh!.headers()["x-page-cache"]).toMatch(/^(hit|stale|miss)$/);
  await expect(commune.getByTestId("notice-count")).toHaveCount(0);
});
