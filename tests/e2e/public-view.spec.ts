/**
 * The public view (issue 26) as an anonymous reader on a phone: the demo data publish 07/2025–08/2026 (09/2026 still
 * has reports awaiting approval at the test instant, 28/11/2026). Axe clean; every panel says what it shows and as of
 * when; the same answer for every reader with public cache headers and an ETag, no cookie; unpublished months, units,
 * indicators and downloads are 404; only the embed pages may be framed; no staff name or account in any of it.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 375, height: 812 } });

const FRESH = /Số liệu tháng 08\/2026, công bố ngày 15\/09\/2026/;
const SECRETS = ["Sở Nội vụ tỉnh Lai Châu", "Chuyên viên phân tích", "Quản trị hệ thống", "laichau2025", "phantich"];

test("the overview on a phone: freshness and coverage on every panel, a chart with its table, axe clean", async ({
  page,
}) => {
  const response = await page.goto("/cong-khai");
  expect(response!.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan" })).toBeVisible();
  const panels = page.getByTestId("panel");
  expect(await panels.count()).toBeGreaterThanOrEqual(2);
  for (const panel of await panels.all()) {
    await expect(panel.getByTestId("freshness")).toHaveText(FRESH);
    await expect(panel.getByTestId("coverage")).toHaveText(/^\d+\/38 xã, phường có số liệu$/);
  }
  await page.getByText("Bảng số liệu của biểu đồ").click();
  await expect(page.getByTestId("chart-table").locator("tbody tr")).toHaveCount(38);
  const og = await page.locator('meta[property="og:title"]').getAttribute("content");
  expect(og).toContain("Lai Châu");
  expect(await page.locator('meta[property="og:description"]').getAttribute("content")).toMatch(FRESH);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
  expect(await page.context().cookies()).toEqual([]);
});

test("a commune page, the indicator page, the methodology and English: axe clean, nothing but published figures", async ({
  page,
}) => {
  for (const url of [
    "/cong-khai/xa-phuong/03637?period=2026-08",
    "/cong-khai/chi-tieu/proc_on_time_rate",
    "/cong-khai/phuong-phap",
    "/cong-khai/en/xa-phuong?period=2026-Q2",
  ]) {
    const response = await page.goto(url);
    expect(response!.status(), url).toBe(200);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations, url).toEqual([]);
    const html = await page.content();
    for (const secret of SECRETS) expect(html, `${url} ${secret}`).not.toContain(secret);
  }
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("freshness").first()).toHaveText(/Figures for Q2 2026, published on 15\/07\/2026/);
  await page.goto("/cong-khai/phuong-phap");
  // Generated from the catalogue: the on-time rate's formula and target are there.
  await expect(page.getByTestId("methodology")).toContainText("≥ 98,0%");
});

test("the Decision 766 view on a phone: the components the reports support, as published, ranked; axe clean; 404 unpublished", async ({
  page,
  request,
}) => {
  const response = await page.goto("/cong-khai/chi-so-766");
  expect(response!.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Quyết định 766");
  for (const panel of await page.getByTestId("panel").all()) {
    await expect(panel.getByTestId("freshness")).toHaveText(FRESH);
    await expect(panel.getByTestId("coverage")).toHaveText(/^\d+\/38 xã, phường có số liệu$/);
  }
  await expect(page.getByTestId("index766-total")).toHaveText(/^\d+,\d\/\d+ điểm$/);
  await expect(page.getByTestId("index766-ranking").locator("tbody tr")).toHaveCount(38);
  // The portal's components are named as not public, never given points.
  await expect(page.getByText("Tỷ lệ hồ sơ thanh toán trực tuyến (10)")).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  expect(await page.context().cookies()).toEqual([]);
  await page.goto("/cong-khai/en/chi-so-766?period=2026-Q2");
  await expect(page.getByTestId("freshness").first()).toHaveText(/Figures for Q2 2026, published on 15\/07\/2026/);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  for (const url of [
    "/cong-khai/chi-so-766?period=2026-09",
    "/cong-khai/en/chi-so-766?period=2026-Q3",
    "/cong-khai/nhung/chi-so-766",
  ]) {
    expect((await request.get(url)).status(), url).toBe(404);
  }
  const csv = await (await request.get("/cong-khai/tai-ve/2026-08.csv")).text();
  expect(csv).toMatch(/\r\n12,12,Tỉnh Lai Châu,2026-08,qd766_total,[^,]+,\d+(\.\d+)?,điểm\r\n/);
});

test("cache headers: public, s-maxage ≤ 60, stale-while-revalidate, an ETag, 304 on revalidation, no cookie", async ({
  request,
}) => {
  const url = "/cong-khai/xa-phuong?period=2026-08";
  const first = await request.get(url, { headers: { Cookie: "better-auth.session_token=forged" } });
  expect(first.status()).toBe(200);
  const cc = first.headers()["cache-control"] ?? "";
  expect(cc).toMatch(/public/);
  expect(cc).toMatch(/s-maxage=(\d+)/);
  expect(Number(/s-maxage=(\d+)/.exec(cc)![1])).toBeLessThanOrEqual(60);
  expect(cc).toMatch(/stale-while-revalidate=\d+/);
  expect(first.headers()["set-cookie"]).toBeUndefined();
  const etag = first.headers()["etag"] ?? "";
  expect(etag).not.toBe("");
  const second = await request.get(`${url}&utm_source=x`);
  expect(second.headers()["x-page-cache"]).toBe("hit");
  expect(second.headers()["etag"]).toBe(etag);
  const revalidated = await request.get(url, { headers: { "If-None-Match": etag } });
  expect(revalidated.status()).toBe(304);
  for (const file of ["2026-08.csv", "2026-08.vi.csv", "2026-08.xlsx"]) {
    const r = await request.get(`/cong-khai/tai-ve/${file}`);
    expect(r.status(), file).toBe(200);
    expect(r.headers()["cache-control"]).toMatch(/public.*s-maxage=60/);
  }
  const csv = await (await request.get("/cong-khai/tai-ve/2026-08.vi.csv")).text();
  expect(csv.split("\r\n")[0]).toBe(
    "\uFEFFMã tỉnh;Mã đơn vị;Tên đơn vị;Kỳ;Mã chỉ tiêu;Tên chỉ tiêu;Giá trị;Đơn vị tính",
  );
  for (const secret of SECRETS) expect(csv).not.toContain(secret);
});

test("404 for anything not published: months, units, indicators, downloads, embeds, odd parameters; a POST is refused", async ({
  request,
}) => {
  for (const url of [
    "/cong-khai?period=2026-09",
    "/cong-khai?period=2026-10",
    "/cong-khai?period=2026-11",
    "/cong-khai?period=2025-06",
    "/cong-khai?period=2026-Q4",
    "/cong-khai?from=2026-07&to=2026-09",
    "/cong-khai?period=2026-Q3",
    "/cong-khai?period=2026-09&period=2026-10",
    "/cong-khai?indicator=staff_all_levels",
    "/cong-khai/xa-phuong/99999",
    "/cong-khai/chi-tieu/staff_all_levels",
    "/cong-khai/chi-tieu/nope",
    "/cong-khai/khac",
    "/cong-khai/tai-ve/2026-09.csv",
    "/cong-khai/tai-ve/2026-10.csv",
    "/cong-khai/tai-ve/2026-11.xlsx",
    "/cong-khai/tai-ve/..%2F..%2Fetc.csv",
    "/cong-khai/nhung/chi-tieu/proc_on_time_rate?period=2026-09",
    "/cong-khai/en/xa-phuong/03637?period=2026-10",
  ]) {
    const r = await request.get(url);
    expect(r.status(), url).toBe(404);
    const body = await r.text();
    expect(body, url).not.toMatch(/tháng 0?9\/2026|tháng 10\/2026/);
  }
  const post = await request.post("/cong-khai", { headers: { Origin: "http://localhost" }, data: "x=1" });
  expect(post.status()).toBe(405);
});

test("frames: the embed page may be framed by any site, every other page by none", async ({ request }) => {
  const embed = await request.get("/cong-khai/nhung/chi-tieu/proc_on_time_rate?period=2026-08");
  expect(embed.status()).toBe(200);
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  const html = await embed.text();
  expect(html).not.toContain("<nav");
  expect(html).toContain("Bảng số liệu của biểu đồ");
  const page = await request.get("/cong-khai/chi-tieu/proc_on_time_rate?period=2026-08");
  expect(page.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(page.headers()["x-frame-options"]).toBe("DENY");
  expect(await page.text()).toContain("&lt;iframe src=");
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Allow: /cong-khai");
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/cong-khai/xa-phuong/03637?period=2026-08");
  expect(sitemap).not.toContain("period=2026-09");
  // The tab's icon loads for a reader without a session (it was redirected to /login).
  const icon = await request.get("/icon.svg", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test.describe("the publication page", () => {
  test.use({ storageState: "test-results/.auth/tinh.json", viewport: { width: 1280, height: 900 } });
  test("lists the months with what stands in the way, and previews what would become public", async ({ page }) => {
    await page.goto("/admin/publication?preview=2026-09");
    await expect(page.getByTestId("month-2026-08")).toContainText("Đã công bố ngày 15/09/2026");
    await expect(page.getByTestId("month-2026-09")).toContainText("chờ duyệt");
    const preview = page.getByTestId("preview");
    await expect(preview).toContainText("Xem trước: những gì sẽ công khai khi công bố 09/2026");
    await expect(preview).toContainText(/\d+\/38 xã, phường có số liệu/);
  });

  test("a signed-in official's session neither changes a public page nor reaches it (same key, same ETag, no name)", async ({
    page,
    playwright,
  }) => {
    const signedIn = await page.request.get("/cong-khai/chi-tieu/staff_quota?period=2026-07");
    const anonymous = await (
      await playwright.request.newContext({ baseURL: test.info().project.use.baseURL })
    ).get("/cong-khai/chi-tieu/staff_quota?period=2026-07");
    expect(signedIn.status()).toBe(200);
    expect(signedIn.headers()["etag"]).toBe(anonymous.headers()["etag"]);
    expect(signedIn.headers()["set-cookie"]).toBeUndefined();
    for (const secret of SECRETS) expect(await signedIn.text()).not.toContain(secret);
    expect(await signedIn.text()).not.toContain("tinh");
  });
});
