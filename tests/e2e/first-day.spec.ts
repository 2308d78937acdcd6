/**
 * A province's first day, in Chromium against its own `npm start` with DEMO_DATA=0 on a new data folder: the setup
 * address read from the console → the first administrator, who must enrol a second factor → a commune account created
 * with its activation slip → the commune activates with its code, chooses a password, enters and submits a report →
 * the administrator resets the account → the old password is refused, the new code works once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { acknowledgeWarnings } from "./support/session";
import { totp } from "./support/totp";

test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] } });
test.setTimeout(240_000);

let folder = "";
let server: ChildProcess | null = null;
let output = "";
let base = "";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "tracker-first-day-"));
  chmodSync(folder, 0o755); // as root the database runs as `postgres`, which must reach its folder
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = spawn("npm", ["start"], {
    env: {
      ...process.env,
      TRACKER_DATA_DIR: folder,
      PORT: String(port),
      SKIP_BUILD: "1",
      DEMO_DATA: "0",
      DATABASE_URL: "",
      EMBEDDED_DB_PORT: "0",
      BETTER_AUTH_URL: base,
      TWO_FACTOR_REQUIRED: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  while (!/\[server\] listening on/.test(output)) {
    if (Date.now() - started > 150_000) throw new Error(`npm start did not serve:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  rmSync(folder, { recursive: true, force: true });
});

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

const ADMIN_PASSWORD = "hoa ban trắng nở khắp đồi";
const COMMUNE_PASSWORD = "suối reo bên bản nhỏ";
let secret = "";
let firstCode = "";

test("the console prints a setup address once; without it, or with a wrong token, /setup is 404", async ({
  request,
}) => {
  expect((await request.get(`${base}/setup`)).status()).toBe(404);
  expect((await request.get(`${base}/setup?token=${"x".repeat(43)}`)).status()).toBe(404);
  expect(output.match(/\/setup\?token=/g)).toHaveLength(1);
});

test("the first administrator is created from the setup address and must enrol a second factor", async ({
  browser,
}) => {
  const setupUrl = /(http:\/\/\S+\/setup\?token=[A-Za-z0-9_-]+)/.exec(output)![1]!;
  const page = await (await browser.newContext()).newPage();
  await page.goto(setupUrl);
  await page.getByLabel("Tên đăng nhập").fill("quantri");
  await page.getByLabel("Họ và tên").fill("Nguyễn Văn Quản");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("laichau2025");
  await page.getByLabel("Nhập lại mật khẩu").fill("laichau2025");
  await page.getByRole("button", { name: "Tạo tài khoản và đăng nhập" }).click();
  await expect(page.locator("p[role=alert]")).toContainText("phổ biến");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Tạo tài khoản và đăng nhập" }).click();
  // A real installation requires administrators to enrol a second factor before anything else.
  await expect(page).toHaveURL(/\/profile/);
  await expect(page.locator("p[role=alert]").first()).toContainText("bắt buộc dùng xác thực hai lớp");
  await page.goto(`${base}/admin/users`);
  await expect(page).toHaveURL(/\/profile/);

  await page.getByLabel("Mật khẩu hiện tại").first().fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Bật xác thực hai lớp" }).click();
  await expect(page.getByRole("img", { name: /Mã QR/ })).toBeVisible();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  secret = (await page.getByTestId("totp-secret").innerText()).trim();
  await page.getByLabel("Mã 6 chữ số từ ứng dụng").fill(totp(secret));
  await page.getByRole("button", { name: "Xác nhận và bật" }).click();
  // Turning it on replaced the session; the page shows the new state.
  await expect(page.getByTestId("two-factor-on")).toBeVisible();
  await page.goto(`${base}/admin/users`);
  await expect(page.getByRole("heading", { name: "Người dùng" })).toBeVisible();
  // The setup address is spent.
  expect((await page.request.get(setupUrl)).status()).toBe(404);
  await page.context().close();
});

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "quantri", ADMIN_PASSWORD);
  await page.getByLabel("Mã xác thực").fill("000000" === totp(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Mã xác thực không đúng.");
  await page.getByLabel("Mã xác thực").fill(totp(secret));
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.getByTestId("user-name")).toBeAttached({ timeout: 30_000 });
  return page;
}

test("the administrator signs in with password and code, uploads the staff list of the 38 communes and gets their slips", async ({
  browser,
}) => {
  const page = await adminPage(browser);
  await page.goto(`${base}/admin/users`);
  await expect(page.getByTestId("account-health")).toContainText("Xã, phường chưa có tài khoản hoạt động: 38");
  // The template lists the 38 communes; the province fills in a name per row.
  const template = await page.request.get(`${base}/admin/users/template.csv`);
  expect(template.status()).toBe(200);
  const lines = (await template.text())
    .replace(/^\ufeff/, "")
    .trim()
    .split(/\r\n/);
  expect(lines).toHaveLength(39);
  const filled = [lines[0], ...lines.slice(1).map((l, i) => `Cán bộ số ${i + 1}${l}`)].join("\r\n");
  const form = page.getByTestId("staff-list-form");
  await form
    .getByLabel(/Tệp danh sách/)
    .setInputFiles({ name: "can-bo.csv", mimeType: "text/csv", buffer: Buffer.from(`\ufeff${filled}\r\n`) });
  await form.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.getByTestId("staff-list-message")).toContainText(
    "38 tài khoản mới, 0 cập nhật, 0 không đổi. Chưa ghi gì.",
  );
  await form.getByRole("button", { name: "Tạo và cập nhật tài khoản" }).click();
  await expect(page.getByTestId("staff-list-message")).toContainText("Đã tạo 38 tài khoản");
  const slips = page.getByTestId("staff-list-slips").getByTestId("activation-slip");
  await expect(slips).toHaveCount(38);
  const slip = slips.filter({ hasText: "xa-03637" });
  await expect(slip).toContainText("Xã Mường Kim");
  firstCode = (await slip.getByTestId("slip-code").innerText()).trim();
  expect(firstCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await page.goto(`${base}/admin/users`);
  await expect(page.getByTestId("user-xa-03637")).toContainText("Chờ kích hoạt");
  // A province account made by hand, with its own slip.
  const create = page.getByTestId("create-account-form");
  await create.getByLabel("Họ và tên").fill("Đỗ Thị Hà");
  await create.getByLabel("Vai trò").selectOption("PROVINCE");
  await create.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByTestId("activation-slip").getByTestId("slip-username")).toHaveText("do.thi.ha");
  await page.context().close();
});

test("the commune activates with its code, chooses a password, enters and submits its report", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, "xa-03637", firstCode.toLowerCase()); // typed from the slip, in any case
  await expect(page).toHaveURL(/\/activate/);
  await page.goto(`${base}/entry`);
  await expect(page).toHaveURL(/\/activate/);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("Mường Kim 2026 ơi");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("Mường Kim 2026 ơi");
  await page.getByRole("button", { name: "Lưu mật khẩu và tiếp tục" }).click();
  await expect(page.locator("p[role=alert]")).toContainText("Mường Kim");
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(COMMUNE_PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(COMMUNE_PASSWORD);
  await page.getByRole("button", { name: "Lưu mật khẩu và tiếp tục" }).click();
  await expect(page).toHaveURL(/\/entry$/);

  await page.getByTestId("due-list").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/entry\/\d{4}-\d{2}$/);
  const inputs = page.locator("input[inputmode=numeric]");
  for (let i = 0; i < (await inputs.count()); i++) {
    const input = inputs.nth(i);
    await input.fill((await input.getAttribute("id")) === "staff_quota" ? "40" : "2");
  }
  const choices = page.locator("select[data-previous]");
  for (let i = 0; i < (await choices.count()); i++) await choices.nth(i).selectOption("1");
  await acknowledgeWarnings(page);
  await page.getByRole("button", { name: "Nộp báo cáo" }).click();
  await page.getByTestId("confirm-submit").getByRole("button", { name: "Xác nhận nộp" }).click();
  await expect(page.getByTestId("status")).toHaveText("Chờ duyệt");
  await page.context().close();
});

test("after a reset the old password is refused and the new code signs in once", async ({ browser }) => {
  const admin = await adminPage(browser);
  await admin.goto(`${base}/admin/users`);
  const row = admin.getByTestId("user-xa-03637");
  await expect(row).toContainText("Hoạt động");
  await row.getByRole("button", { name: "Cấp lại mã kích hoạt" }).click();
  const code = (await row.getByTestId("slip-code").innerText()).trim();
  expect(code).not.toBe(firstCode);
  await admin.context().close();

  const page = await (await browser.newContext()).newPage();
  await signIn(page, "xa-03637", COMMUNE_PASSWORD);
  await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  await signIn(page, "xa-03637", firstCode);
  await expect(page.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  await signIn(page, "xa-03637", code);
  await expect(page).toHaveURL(/\/activate/);
  const again = await (await browser.newContext()).newPage();
  await signIn(again, "xa-03637", code);
  await expect(again.getByTestId("login-error")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  await again.context().close();
  await page.context().close();
});
