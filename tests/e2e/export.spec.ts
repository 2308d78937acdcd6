import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

test("export page previews and downloads a CSV that Excel reads in Vietnamese", async ({ page }) => {
  await page.goto("/export");
  await page.getByLabel("Từ tháng").selectOption("2025-09");
  await page.getByLabel("Đến tháng").selectOption("2025-09");
  await page.getByRole("checkbox", { name: /Biên chế được giao/ }).check();
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByTestId("export-count")).toHaveText("38");
  await expect(page.getByTestId("export-preview")).toContainText("staff_quota");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /Tải tệp CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("lai-chau_2025-09_2025-09_long.csv");
  const text = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c as Buffer[]));
  expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = text.toString("utf8").trim().split("\n");
  expect(lines).toHaveLength(39);
  expect(text.toString("utf8")).toContain("Xã Mường Kim");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("the Excel / LibreOffice (Việt Nam) preset downloads a CSV read back with ';' and decimal comma", async ({
  page,
}) => {
  await page.goto("/export");
  await page.getByLabel("Từ tháng").selectOption("2025-09");
  await page.getByLabel("Đến tháng").selectOption("2025-09");
  await page.getByRole("checkbox", { name: /Biên chế được giao/ }).check();
  await page.getByRole("checkbox", { name: /Tỷ lệ giải quyết TTHC đúng và trước hạn/ }).check();
  await page.getByRole("checkbox", { name: /Gồm cả chỉ tiêu tính toán/ }).check();
  await page.getByRole("radio", { name: "Tên cột tiếng Việt" }).check();
  await page.getByRole("radio", { name: "Excel / LibreOffice (Việt Nam)" }).check();
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByTestId("export-count")).toHaveText("76");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /Tải tệp CSV/ }).click(),
  ]);
  const bytes = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c as Buffer[]));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(bytes, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(76);
  const number = (v: string) => {
    expect(v).toMatch(/^-?\d+(,\d+)?$/);
    return Number(v.replace(",", "."));
  };
  const quota = rows.filter((r) => r["Mã chỉ tiêu"] === "staff_quota").reduce((a, r) => a + number(r["Giá trị"]!), 0);
  expect(quota).toBe(13054);
  const rates = rows.filter((r) => r["Mã chỉ tiêu"] === "proc_on_time_rate").map((r) => r["Giá trị"]!);
  expect(rates.some((v) => v.includes(","))).toBe(true);
  for (const v of rates) expect(number(v)).toBeLessThanOrEqual(100);
  expect(rows.find((r) => r["Mã xã, phường"] === "03388")).toBeDefined();
  expect(new Set(rows.map((r) => r["Trạng thái báo cáo"]))).toEqual(new Set(["Đã duyệt"]));

  // The workbook from the same page: codes as text, numbers as numbers.
  const [xlsx] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải tệp Excel (.xlsx)" }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe("lai-chau_2025-09_2025-09_long_computed.xlsx");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(
    (await (
      await xlsx.createReadStream()
    )
      .toArray()
      .then((c) => Buffer.concat(c as Buffer[]))) as unknown as ArrayBuffer,
  );
  const sheet = book.getWorksheet("Số liệu")!;
  expect(sheet.getRow(1).getCell(2).value).toBe("Mã xã, phường");
  expect(sheet.getRow(2).getCell(2).value).toMatch(/^0\d{4}$/);
  expect(typeof sheet.getRow(2).getCell(7).value).toBe("number");
});

test("a bad choice gets a Vietnamese message", async ({ page }) => {
  await page.goto("/export?from=2025-09&to=2025-07");
  await expect(page.getByTestId("export-error")).toContainText("Tháng bắt đầu phải trước");
});

test("API: refused without a session, works with a personal token, refused once revoked", async ({ page, baseURL }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const denied = await anonymous.get("/api/v1/indicators");
  expect(denied.status()).toBe(401);
  expect((await denied.json()).error).toContain("Chưa đăng nhập");

  await page.goto("/profile");
  await page.getByLabel(/Tên mã truy cập/).fill("e2e");
  await page.getByRole("button", { name: "Tạo mã truy cập" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  const auth = { Authorization: `Bearer ${token}` };

  const communes = await anonymous.get("/api/v1/communes", { headers: auth });
  expect(communes.status()).toBe(200);
  expect((await communes.json()).count).toBe(38);
  const data = await anonymous.get("/api/v1/data?from=2025-09&to=2025-09&indicators=staff_quota&pageSize=10&page=4", {
    headers: auth,
  });
  const body = await data.json();
  expect(body.total).toBe(38);
  expect(body.data).toHaveLength(8);
  const csv = await anonymous.get("/api/v1/export.csv?from=2025-09&to=2025-09&indicators=staff_quota&bom=0", {
    headers: auth,
  });
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).startsWith("province_code,")).toBe(true);
  // Sent as PostgreSQL writes it: not gzipped in the app's event loop, which cost a third of the export's throughput
  // against COPY (issue 24); a proxy in front may compress (no-transform says the app's bytes are final for caches).
  const asked = await anonymous.get("/api/v1/export.csv?from=2025-09&to=2025-09&indicators=staff_quota&bom=0", {
    headers: { ...auth, "Accept-Encoding": "gzip" },
  });
  expect(asked.headers()["content-encoding"]).toBeUndefined();
  expect(asked.headers()["cache-control"]).toBe("no-store, no-transform");

  await page.reload();
  await page.getByTestId("token-table").getByRole("button", { name: "Thu hồi" }).first().click();
  await expect(page.getByTestId("token-table")).toContainText("Đã thu hồi");
  expect((await anonymous.get("/api/v1/communes", { headers: auth })).status()).toBe(401);
  await anonymous.dispose();
});
