/**
 * The attack of issue 13, replayed against the real server (scripts/server.ts in front of Next.js) on every run.
 * Each test names the finding it replays. Rules that live in lib/data are replayed in tests/integration/attack.test.ts.
 *
 * Guessing passwords uses up a client address's allowance: those tests connect from addresses of their own
 * (127.0.0.x, bound on the loopback interface) so that the browser and the other specs keep theirs.
 */
import http from "node:http";
import { type APIRequestContext, type Browser, expect, request as playwrightRequest, test } from "@playwright/test";
import { CURRENT_PERIOD, PASSWORD, login } from "./support/session";
import { storedReport } from "./support/database";

test.use({ storageState: { cookies: [], origins: [] } });

const WRONG = "Tên đăng nhập hoặc mật khẩu không đúng.";

function signIn(ctx: APIRequestContext, username: string, password: string, headers: Record<string, string> = {}) {
  return ctx.post("/api/auth/sign-in/username", { data: { username, password }, headers, failOnStatusCode: false });
}

/** A request context of its own (own cookies), signed in as `username`; its session cookie's value too. */
async function signedIn(baseURL: string, username: string): Promise<{ ctx: APIRequestContext; cookie: string }> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const res = await signIn(ctx, username, PASSWORD);
  expect(res.status(), `sign-in of ${username}`).toBe(200);
  const cookie = (await ctx.storageState()).cookies.find((c) => c.name === "better-auth.session_token")!;
  return { ctx, cookie: cookie.value };
}

/** A sign-in sent from the socket address `from` (127.0.0.x), as a client elsewhere would. */
function signInFrom(
  baseURL: string,
  from: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const body = JSON.stringify({ username, password });
  return new Promise<{ status: number; message: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: Number(new URL(baseURL).port),
        localAddress: from,
        family: 4,
        method: "POST",
        path: "/api/auth/sign-in/username",
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = "";
        res
          .setEncoding("utf8")
          .on("data", (d: string) => (text += d))
          .on("end", () => {
            resolve({
              status: res.statusCode!,
              message: (JSON.parse(text || "{}") as { message?: string }).message ?? "",
            });
          });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The display name in the header of a page's HTML. */
const shownName = (html: string) => /data-testid="user-name"[^>]*>([^<]*)</.exec(html)?.[1] ?? null;

async function setDisabled(browser: Browser, username: string, disabled: boolean) {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await login(admin, "admin");
  await admin.goto("/admin/users");
  const row = admin.getByTestId(`user-${username}`);
  await row.getByRole("button", { name: disabled ? "Khoá" : "Mở khoá" }).click();
  await expect(row).toContainText(disabled ? "Đã khoá" : "Hoạt động");
  await context.close();
}

test("1, 6, 7, 14: only sign-in is exposed under /api/auth, and its answer carries no session token", async ({
  baseURL,
}) => {
  const { ctx } = await signedIn(baseURL!, "xa-03478");
  for (const [method, path, data] of [
    ["POST", "/api/auth/sign-in/email", { email: "xa-03478@example.invalid", password: PASSWORD }],
    ["POST", "/api/auth/update-user", { name: "Sở Nội vụ tỉnh Lai Châu", username: "tinh-so-noi-vu" }],
    ["POST", "/api/auth/is-username-available", { username: "tinh" }],
    ["GET", "/api/auth/get-session", undefined],
    ["GET", "/api/auth/list-sessions", undefined],
    ["POST", "/api/auth/change-password", { currentPassword: PASSWORD, newPassword: "mat-khau-moi-123" }],
  ] as const) {
    const res = await ctx.fetch(path, { method, data, failOnStatusCode: false });
    expect(res.status(), `${method} ${path}`).toBe(404);
  }
  // The rename did not happen.
  const page = await ctx.get("/entry");
  expect(shownName(await page.text())).toBe("UBND Xã Sìn Hồ");

  const fresh = await playwrightRequest.newContext({ baseURL });
  const res = await signIn(fresh, "xa-03478", PASSWORD);
  expect(res.status()).toBe(200);
  const body = await res.text();
  expect(JSON.parse(body)).toEqual({ ok: true });
  const cookie = (await fresh.storageState()).cookies.find((c) => c.name === "better-auth.session_token")!;
  expect(body).not.toContain(decodeURIComponent(cookie.value).split(".")[0]!);
  await fresh.dispose();
  await ctx.dispose();
});

test("2: a burst of parallel wrong guesses is checked at most five times from that address, which the right password then cannot use; the owner elsewhere still signs in", async ({
  baseURL,
}) => {
  const burst = await Promise.all(
    Array.from({ length: 12 }, (_, i) => signInFrom(baseURL!, "127.0.0.21", "xa-03487", `sai-${i}`)),
  );
  const statuses = burst.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 401)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  const fromThere = await signInFrom(baseURL!, "127.0.0.21", "xa-03487", PASSWORD);
  expect(fromThere.status).toBe(429);
  expect(fromThere.message).toContain("tạm khoá");
  // Five wrong guesses by someone else no longer lock the owner out (third attack, finding 11).
  expect((await signInFrom(baseURL!, "127.0.0.22", "xa-03487", PASSWORD)).status).toBe(200);
});

test("3: a new X-Forwarded-For per request gets no new allowance, and other addresses keep theirs", async ({
  baseURL,
}) => {
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) {
    statuses.push(
      (await signInFrom(baseURL!, "127.0.0.31", `khong-co-${i}`, "sai", { "X-Forwarded-For": `203.0.113.${i}` }))
        .status,
    );
  }
  expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
  expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
  // The right password of an untouched account, from the same socket: refused too.
  const blocked = await signInFrom(baseURL!, "127.0.0.31", "xa-03503", PASSWORD, {
    "X-Forwarded-For": "198.51.100.77",
  });
  expect(blocked.status).toBe(429);
  // From another address the same account signs in: the junk did not fill a bucket every client shares.
  expect((await signInFrom(baseURL!, "127.0.0.32", "xa-03503", PASSWORD)).status).toBe(200);
});

test("15: a disabled account answers exactly like a wrong password", async ({ baseURL, browser }) => {
  await setDisabled(browser, "xa-03508", true);
  try {
    const ctx = await playwrightRequest.newContext({ baseURL });
    const right = await signIn(ctx, "xa-03508", PASSWORD);
    const wrong = await signIn(ctx, "xa-03508", "sai-mat-khau");
    expect(right.status()).toBe(401);
    expect(wrong.status()).toBe(401);
    expect(await right.json()).toEqual({ message: WRONG });
    expect(await wrong.json()).toEqual({ message: WRONG });
    await ctx.dispose();
  } finally {
    await setDisabled(browser, "xa-03508", false);
  }
});

test("5: after login, next= leads only to a path of this site", async ({ page, baseURL }) => {
  for (const next of ["%2F%5Cevil.example%2F", "%2F%09%2Fevil.example%2F"]) {
    await page.context().clearCookies();
    await page.goto(`/login?next=${next}`);
    await page.getByLabel("Tên đăng nhập").fill("xa-03517");
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    // Not the other host: the commune's own start page (/home sends a commune to its months).
    await expect(page).toHaveURL(`${new URL(baseURL!).origin}/entry`);
  }
});

test("after login, a next= path that the browser normalises to //host (dot segments, %2e) stays on this site", async ({
  page,
  baseURL,
}) => {
  for (const next of ["/.//evil.example/phish", "/x/..//evil.example/", "/%2e%2e//evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Tên đăng nhập").fill("xa-03517");
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(`${new URL(baseURL!).origin}/entry`);
  }
});

test("a save queued offline by one user is refused under the next user's session, kept for its user and sent when they sign in again", async ({
  page,
  context,
  baseURL,
}) => {
  const [a, b] = ["xa-03544", "xa-03549"];
  const P = CURRENT_PERIOD;
  await login(page, a);
  await page.goto(`/entry/${P}`);
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ");
  await context.setOffline(true);
  await page.locator("#staff_quota").fill("777");
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByTestId("sync-state")).toContainText("Đang chờ gửi lên máy chủ");
  // Without signing out, the next user signs in on the same browser (same cookie jar).
  const signedInB = await context.request.post("/api/auth/sign-in/username", {
    data: { username: b, password: PASSWORD },
    headers: { Origin: new URL(baseURL!).origin },
  });
  expect(signedInB.status()).toBe(200);
  await context.setOffline(false);
  // The first user's open tab tries: refused, nothing written anywhere, still queued on this device for that user.
  await expect(page.getByTestId("form-message")).toContainText("tài khoản khác", { timeout: 30_000 });
  expect((await storedReport(b, P)).values.staff_quota).toBeUndefined();
  expect((await storedReport(a, P)).values.staff_quota).toBeUndefined();
  await expect(page.getByTestId("sync-state")).toContainText("Đang chờ gửi lên máy chủ");
  await expect(page.locator("#staff_quota")).toHaveValue("777");
  // The first user signs in again: the form loads their draft and sends it, into their own commune.
  await context.clearCookies();
  await login(page, a);
  await page.goto(`/entry/${P}`);
  // (The form says "Đã lưu lên máy chủ" before its draft has loaded: wait for the database instead.)
  await expect.poll(async () => (await storedReport(a, P)).values.staff_quota, { timeout: 30_000 }).toBe(777);
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu lên máy chủ", { timeout: 30_000 });
  expect((await storedReport(b, P)).values.staff_quota).toBeUndefined();
});

test("the API's answers are never cached, and the service worker's source map is not published", async ({
  baseURL,
}) => {
  const { ctx } = await signedIn(baseURL!, "tinh");
  for (const path of [
    "/api/v1/indicators",
    "/api/v1/communes",
    "/api/v1/data?from=2025-09&to=2025-09&pageSize=1",
    "/api/v1/data?page=0",
  ]) {
    const res = await ctx.get(path, { failOnStatusCode: false });
    expect(res.headers()["cache-control"], path).toBe("no-store");
  }
  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect((await anonymous.get("/api/v1/indicators", { failOnStatusCode: false })).headers()["cache-control"]).toBe(
    "no-store",
  );
  expect((await anonymous.get("/serwist/sw.js")).status()).toBe(200);
  expect(await (await anonymous.get("/serwist/sw.js")).text()).not.toContain("sourceMappingURL");
  expect((await anonymous.get("/serwist/sw.js.map", { failOnStatusCode: false })).status()).toBe(404);
  await anonymous.dispose();
  await ctx.dispose();
});

/** A POST sent by hand (raw headers, a body streamed in chunks without Content-Length when `chunks` is a generator). */
/** A POST to the server, with the Host the browser sends (the base URL's) unless the test sets another. */
function postTo(
  baseURL: string,
  path: string,
  headers: Record<string, string>,
  onResponse: (res: http.IncomingMessage) => void,
) {
  return http.request(
    {
      host: "127.0.0.1",
      port: Number(new URL(baseURL).port),
      method: "POST",
      path,
      headers: { Host: new URL(baseURL).host, ...headers },
    },
    onResponse,
  );
}

function rawPost(
  baseURL: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer | (() => Generator<Buffer>),
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = postTo(baseURL, path, headers, (res) => {
      let text = "";
      res
        .setEncoding("utf8")
        .on("data", (d: string) => (text += d))
        .on("end", () => resolve({ status: res.statusCode!, text }));
    });
    req.on("error", (e) =>
      e.message.includes("EPIPE") || e.message.includes("ECONNRESET")
        ? resolve({ status: 0, text: e.message })
        : reject(e),
    );
    if (Buffer.isBuffer(body)) req.end(body);
    else {
      const chunks = body();
      const pump = () => {
        for (let c = chunks.next(); !c.done; c = chunks.next())
          if (!req.write(c.value)) return void req.once("drain", pump);
        req.end();
      };
      pump();
    }
  });
}

test("malformed or oversized bodies to a page get a 4xx with a Vietnamese message, never a server error", async ({
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const { cookie } = await signedIn(baseURL!, "xa-03562");
  const session = `better-auth.session_token=${cookie}`;
  const vietnamese = /Yêu cầu không hợp lệ|Tệp quá lớn|đăng nhập/;
  // Anonymous multipart with a broken body to a page that needs a session: refused before anything of it is read.
  const brokenMultipart = Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nkhông đóng');
  const multipartHeaders = {
    Origin: origin,
    "Content-Type": "multipart/form-data; boundary=XyZ",
    "Next-Action": "0".repeat(42),
  };
  const anonymous = await rawPost(baseURL!, "/entry", multipartHeaders, brokenMultipart);
  expect(anonymous.status).toBe(401);
  expect(anonymous.text).toMatch(vietnamese);
  // The sign-in page takes a form without a session (its language switch), read up to a few kilobytes: a broken one
  // is a 400 with the same message, never a server error.
  const atLogin = await rawPost(baseURL!, "/login", multipartHeaders, brokenMultipart);
  expect(atLogin.status).toBe(400);
  expect(atLogin.text).toMatch(vietnamese);
  // Invalid and 100,000-deep JSON to an action.
  for (const body of ["{không phải json", "[".repeat(100_000) + "]".repeat(100_000)]) {
    const res = await rawPost(
      baseURL!,
      "/entry",
      { Origin: origin, Cookie: session, "Content-Type": "text/plain;charset=UTF-8", "Next-Action": "0".repeat(42) },
      Buffer.from(body),
    );
    expect(res.status, body.slice(0, 20)).toBe(400);
    expect(res.text).toMatch(vietnamese);
  }
  // A truncated multipart from a signed-in user.
  const truncated = await rawPost(
    baseURL!,
    "/import",
    {
      Origin: origin,
      Cookie: session,
      "Content-Type": "multipart/form-data; boundary=XyZ",
      "Next-Action": "0".repeat(42),
    },
    Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b'),
  );
  expect(truncated.status).toBe(400);
  // A chunked body (no Content-Length) over the limit.
  const chunked = await rawPost(
    baseURL!,
    "/import",
    {
      Origin: origin,
      Cookie: session,
      "Content-Type": "multipart/form-data; boundary=XyZ",
      "Transfer-Encoding": "chunked",
    },
    function* () {
      yield Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n');
      for (let i = 0; i < 54; i++) yield Buffer.alloc(2 ** 20, 0x31);
      yield Buffer.from("\r\n--XyZ--\r\n");
    },
  );
  expect(
    chunked.status === 0 || (chunked.status >= 400 && chunked.status < 500),
    `${chunked.status} ${chunked.text.slice(0, 80)}`,
  ).toBe(true);
  if (chunked.status) expect(chunked.text).toMatch(vietnamese);
  // This app's other address as Origin, while the Host is 127.0.0.1: Next.js would fail comparing them.
  const port = new URL(baseURL!).port;
  const mismatch = await rawPost(
    baseURL!,
    "/entry",
    {
      Origin: `http://localhost:${port}`,
      Host: `127.0.0.1:${port}`,
      Cookie: session,
      "Content-Type": "text/plain;charset=UTF-8",
      "Next-Action": "0".repeat(42),
    },
    Buffer.from("[]"),
  );
  expect(mismatch.status).toBe(403);
  expect(mismatch.text).toMatch(vietnamese);
  expect((await rawPost(baseURL!, "/api/health", {}, Buffer.alloc(0))).status).toBeLessThan(500);
});

/** Sends the headers and `first` of a body, never the rest; the status of an answer that comes without it (0: none in 10 s). */
function postWithoutBody(baseURL: string, path: string, headers: Record<string, string>, first: Buffer) {
  return new Promise<number>((resolve) => {
    const req = postTo(baseURL, path, headers, (res) => {
      res.resume();
      resolve(res.statusCode!);
      req.destroy();
    });
    req.on("error", () => resolve(0));
    req.setTimeout(10_000, () => {
      resolve(0);
      req.destroy();
    });
    req.write(first);
  });
}

test("the import page's upload checks origin, session and role before reading the file, refuses an oversized one before it arrives, and checks a file as the page did", async ({
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const port = new URL(baseURL!).port;
  const csv = Buffer.from(
    `commune_code,period,indicator_code,value\n03562,${CURRENT_PERIOD},pages_digitised,4321\n03538,${CURRENT_PERIOD},pages_digitised,1\n`,
  );
  const path = "/import/upload?intent=dry-run&numbers=auto&name=hai-xa.csv";
  const upload = async (headers: Record<string, string>) => {
    const res = await rawPost(baseURL!, path, { "Content-Type": "application/octet-stream", ...headers }, csv);
    return {
      status: res.status,
      body: JSON.parse(res.text) as {
        ok: boolean;
        message?: string;
        report?: { rows: { communeCode: string; messages: string[] }[]; totalRows: number };
      },
    };
  };
  const commune = `better-auth.session_token=${(await signedIn(baseURL!, "xa-03562")).cookie}`;
  const analyst = `better-auth.session_token=${(await signedIn(baseURL!, "phantich")).cookie}`;
  const province = `better-auth.session_token=${(await signedIn(baseURL!, "tinh")).cookie}`;

  const anonymous = await upload({ Origin: origin });
  expect(anonymous.status).toBe(401);
  expect(anonymous.body.message).toMatch(/đăng nhập/);
  for (const headers of [
    { Cookie: commune }, // no Origin (a form of another site may send none)
    { Cookie: commune, Origin: "http://evil.example" },
    { Cookie: commune, Origin: `http://localhost:${port}`, Host: `127.0.0.1:${port}` },
  ] as Record<string, string>[]) {
    const refused = await upload(headers);
    expect(refused.status, JSON.stringify(headers)).toBe(403);
    expect(refused.body.message).toMatch(/Yêu cầu không hợp lệ/);
  }
  const analystRefused = await upload({ Cookie: analyst, Origin: origin });
  expect(analystRefused.status).toBe(403);
  expect(analystRefused.body.message).toMatch(/phân tích số liệu không được nhập/);

  // 60 MB announced, 1 KB sent: the answer comes at once, without waiting for (or reading) the rest.
  const oversized = await postWithoutBody(
    baseURL!,
    path,
    {
      Origin: origin,
      Cookie: commune,
      "Content-Type": "application/octet-stream",
      "Content-Length": String(60 * 2 ** 20),
    },
    Buffer.alloc(1024, 0x31),
  );
  expect(oversized).toBe(413);

  // A commune may not import another commune's row; the province may. Nothing is written by a dry run.
  const rowOf = (r: Awaited<ReturnType<typeof upload>>, code: string) =>
    r.body.report!.rows.find((row) => row.communeCode === code)!;
  const own = await upload({ Cookie: commune, Origin: origin });
  expect(own.status).toBe(200);
  expect(own.body).toMatchObject({
    ok: true,
    intent: "dry-run",
    report: { fileName: "hai-xa.csv", committed: false, totalRows: 2 },
  });
  expect(rowOf(own, "03538").messages.join(" ")).toContain("chỉ được nhập số liệu của đơn vị mình");
  const all = await upload({ Cookie: province, Origin: origin });
  expect(all.status).toBe(200);
  expect(all.body.report!.totalRows).toBe(2);
  expect(rowOf(all, "03538").messages.join(" ")).not.toContain("đơn vị mình");
});

test("junk query strings are never cached, and the same parameters in another order are one cached page", async ({
  baseURL,
}) => {
  const { ctx } = await signedIn(baseURL!, "phantich");
  for (let i = 0; i < 5; i++) {
    const junk = await ctx.get(`/completeness?period=2025-09&rac=${i}-${Date.now()}`);
    expect(junk.status()).toBe(200);
    expect(junk.headers()["x-page-cache"]).toBeUndefined();
  }
  const first = await ctx.get("/completeness?to=2025-09&from=2025-08");
  expect(first.headers()["x-page-cache"]).toMatch(/hit|miss/);
  expect((await ctx.get("/completeness?from=2025-08&to=2025-09")).headers()["x-page-cache"]).toBe("hit");
  await ctx.dispose();
});

test("after a session that ends without sign-out, the next user of the browser sees none of the previous user's entry pages or drafts, offline either", async ({
  page,
  context,
}) => {
  const [a, b] = ["xa-03571", "xa-03583"];
  const P = CURRENT_PERIOD;
  await login(page, a);
  await page.goto(`/entry/${P}`);
  const nameOfA = await page.getByTestId("user-name").textContent();
  await page.locator("#proc_received").fill("4321");
  await expect(page.getByTestId("sync-state")).toHaveText("Đã lưu trên máy");
  // The service worker has kept A's page.
  await expect
    .poll(
      () =>
        page.evaluate(async () =>
          (await (await caches.open("entry-pages")).keys()).some(
            (r) => new URL(r.url).pathname === window.location.pathname,
          ),
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
  // A's session ends without the sign-out button (expiry, a disabled account): B signs in on the same browser.
  await context.clearCookies();
  await login(page, b);
  await page.goto("/entry");
  await expect(page.getByTestId("user-name")).not.toHaveText(nameOfA!);
  // A's drafts have left this browser.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((ok, ko) => {
          const r = indexedDB.open("month-drafts");
          r.onsuccess = () => ok(r.result);
          r.onerror = () => ko(r.error);
        });
        const drafts = await new Promise<{ values: Record<string, string> }[]>((ok) => {
          const r = db.transaction("drafts").objectStore("drafts").getAll();
          r.onsuccess = () => ok(r.result);
        });
        db.close();
        return drafts.some((d) => d.values.proc_received === "4321");
      }),
    )
    .toBe(false);
  // Offline, A's month page is not served to B.
  await context.setOffline(true);
  try {
    await page.goto(`/entry/${P}`).catch(() => undefined);
    await expect(page.locator("body")).not.toContainText(nameOfA!);
    expect(
      (await page.locator("#proc_received").count()) === 0 ||
        (await page.locator("#proc_received").inputValue()) !== "4321",
    ).toBe(true);
  } finally {
    await context.setOffline(false);
  }
});

test("12: with user A's __Secure- cookie and user B's plain one, the page cache never serves one user's page to the other", async ({
  baseURL,
}) => {
  const a = await signedIn(baseURL!, "phantich");
  const b = await signedIn(baseURL!, "xa-03529");
  const bare = await playwrightRequest.newContext({ baseURL });
  const url = "/completeness?period=2025-09";
  const mixed = await bare.get(url, {
    headers: { Cookie: `__Secure-better-auth.session_token=${a.cookie}; better-auth.session_token=${b.cookie}` },
  });
  expect(mixed.status()).toBe(200);
  const asA = await bare.get(url, { headers: { Cookie: `better-auth.session_token=${a.cookie}` } });
  expect(shownName(await asA.text())).toBe("Chuyên viên phân tích");
  const asB = await bare.get(url, { headers: { Cookie: `better-auth.session_token=${b.cookie}` } });
  expect(shownName(await asB.text())).toBe("UBND Xã Tủa Sín Chải");
  for (const c of [a.ctx, b.ctx, bare]) await c.dispose();
});

test("13: a server action without this app's Origin, or with a matching X-Forwarded-Host, is refused", async ({
  baseURL,
}) => {
  const { ctx, cookie } = await signedIn(baseURL!, "xa-03532");
  const html = await (await ctx.get("/entry")).text();
  // The sign-out form of the header, as rendered for browsers without JavaScript.
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)?.[1];
  expect(field).toBeTruthy();
  const bare = await playwrightRequest.newContext({ baseURL });
  const post = (headers: Record<string, string>) =>
    bare.post("/entry", {
      multipart: { [field!]: "" },
      headers: { Cookie: `better-auth.session_token=${cookie}`, ...headers },
      maxRedirects: 0,
      failOnStatusCode: false,
    });
  expect((await post({})).status()).toBe(403);
  expect((await post({ Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" })).status()).toBe(403);
  // Still signed in: the sign-out never ran.
  expect(shownName(await (await ctx.get("/entry")).text())).toBe("UBND Xã Pu Sam Cáp");
  await bare.dispose();
  await ctx.dispose();
});

test("11: crafted parameters get a 4xx with a Vietnamese message", async ({ baseURL }) => {
  const { ctx } = await signedIn(baseURL!, "tinh");
  const nul = await ctx.get("/api/v1/data?from=2025-07&to=2025-09&district=%00", { failOnStatusCode: false });
  expect(nul.status()).toBe(400);
  expect((await nul.json()).error).toContain("NUL");
  const nulPath = await ctx.get("/communes/03637%00", { failOnStatusCode: false });
  expect(nulPath.status()).toBe(400);
  expect(await nulPath.text()).toContain("NUL");
  const page = await ctx.get("/api/v1/data?from=2025-07&to=2025-09&page=100000000000000000", {
    failOnStatusCode: false,
  });
  expect(page.status()).toBe(400);
  expect((await page.json()).error).toContain("page");
  const audit = await ctx.get("/audit?commune=99999999999&before=999999999999999999999&user=%00", {
    failOnStatusCode: false,
  });
  expect(audit.status()).toBeLessThan(500);
  const far = await ctx.get("/api/v1/data?from=2025-07&to=9999-11", { failOnStatusCode: false });
  expect(far.status()).toBe(400);
  expect((await far.json()).error).toBe("Không thể chọn tháng sau tháng hiện tại.");
  // An upload over the body limit: "tệp quá lớn", not a server error.
  const big = await ctx.post("/import", {
    multipart: { file: { name: "lon.csv", mimeType: "text/csv", buffer: Buffer.alloc(53 * 2 ** 20, 0x31) } },
    headers: { Origin: new URL(baseURL!).origin },
    failOnStatusCode: false,
  });
  expect(big.status()).toBe(413);
  expect(await big.text()).toContain("Tệp quá lớn");
  // A NUL in an upload's file name, sent by hand: refused with a message before the form parser fails.
  const nulName = await ctx.post("/import", {
    multipart: { file: { name: "bad\u0000name.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n") } },
    headers: { Origin: new URL(baseURL!).origin, "Next-Action": "0".repeat(42) },
    failOnStatusCode: false,
  });
  expect(nulName.status()).toBe(400);
  expect(await nulName.text()).toContain("không hợp lệ");
  await ctx.dispose();
});

test("11: a file whose name holds a NUL is checked like any other when chosen on the import page", async ({ page }) => {
  await login(page, "xa-03538");
  await page.goto("/import");
  const csv = "commune_code,period,indicator_code,value\n03538,2025-09,pages_digitised,4321\n";
  await page
    .getByLabel("Tệp CSV")
    .setInputFiles({ name: "bad\u0000name.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: /Kiểm tra tệp/ }).click();
  await expect(page.getByText(/Kết quả kiểm tra: badname\.csv/)).toBeVisible();
});

// Last: against the old code this request exhausted the server's memory.
test("4: an absurd date range gets a message at once, not a crash", async ({ baseURL }) => {
  const { ctx } = await signedIn(baseURL!, "phantich");
  const started = Date.now();
  const res = await ctx.get("/completeness?from=2025-07&to=9999-11", { timeout: 20_000 });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("Không thể chọn tháng sau tháng hiện tại.");
  expect(Date.now() - started).toBeLessThan(10_000);
  expect((await ctx.get("/api/health")).status()).toBe(200);
  await ctx.dispose();
});
