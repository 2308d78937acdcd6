/**
 * The production path, proved (issue 25): Caddy (tls internal) in front of two app servers from one build, PostgreSQL 15
 * primary with pgBackRest archiving and a streaming replica behind DATABASE_READ_URL. Started by scripts/test-deploy.sh.
 */
import { execFileSync } from "node:child_process";
import { type APIRequestContext, type BrowserContext, type Page, expect, test } from "@playwright/test";
import { CURRENT_PERIOD, PASSWORD, acknowledgeWarnings, fillWithPreviousMonth, login } from "../e2e/support/session";
import { PAIR_MAX } from "../../lib/domain/login-throttle";
import { PG_BIN, WORK, appPid, appUrl, pgCtl, pgbackrest, primaryUrl, replicaUrl, sql } from "./stack";

test.describe.configure({ mode: "serial" });

const P = CURRENT_PERIOD;
const COMMUNE = "03637";
let communeContext: BrowserContext;
let commune: Page;
let provinceContext: BrowserContext;
let province: Page;

/** The signed-in browser's cookies as one header, to ask one app server directly (not through Caddy). */
async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

async function valueOnServer(request: APIRequestContext, which: "A" | "B", cookies: string): Promise<string | null> {
  const res = await request.get(`${appUrl(which)}/entry/${P}`, { headers: { cookie: cookies } });
  expect(res.status()).toBe(200);
  const input = /<input[^>]*id="proc_received"[^>]*>/.exec(await res.text())?.[0] ?? "";
  return /value="([^"]*)"/.exec(input)?.[1] ?? null;
}

async function storedValue(url = primaryUrl(), code = COMMUNE): Promise<number | null> {
  const rows = await sql<{ value: number }>(
    url,
    `SELECT v.value FROM data_value v JOIN org_unit o ON o.id = v.org_unit_id
     WHERE o.code = $1 AND v.period = $2 AND v.indicator_code = 'proc_received'`,
    [code, P],
  );
  return rows[0] ? Number(rows[0].value) : null;
}

async function saveDraft(value: string, page = commune, code = COMMUNE) {
  await page.goto(`/entry/${P}`);
  await page.locator("#proc_received").fill(value);
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect.poll(() => storedValue(primaryUrl(), code), { timeout: 20_000 }).toBe(Number(value));
}

/** A commune other than COMMUNE whose month is still open (a draft or none), with its demo account. */
async function openCommune(): Promise<string> {
  const open = await sql<{ code: string }>(
    primaryUrl(),
    `SELECT o.code FROM org_unit o JOIN "user" u ON u.username = 'xa-' || o.code
     LEFT JOIN monthly_report r ON r.org_unit_id = o.id AND r.period = $1
     WHERE o.level = 'COMMUNE' AND o.code <> $2 AND coalesce(r.status::text, 'DRAFT') IN ('DRAFT', 'RETURNED')
     ORDER BY o.code LIMIT 1`,
    [P, COMMUNE],
  );
  return open[0]!.code;
}

async function reportedCount(page: Page): Promise<number> {
  await page.goto(`/?from=${P}&to=${P}`);
  return Number(
    (await page.getByTestId("kpi-reporting").getByTestId("kpi-value").innerText()).split("/")[0]!.replace(/\D/g, ""),
  );
}

test.beforeAll(async ({ browser }) => {
  communeContext = await browser.newContext();
  commune = await communeContext.newPage();
  // Every request of this browser claims another address: the app must not believe it (TRUSTED_PROXIES is Caddy).
  provinceContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.9" } });
  province = await provinceContext.newPage();
});

test.afterAll(async () => {
  await communeContext?.close();
  await provinceContext?.close();
});

test("over HTTPS: sign-in works, the session cookie is Secure, HSTS is sent, a forged X-Forwarded-For is ignored", async () => {
  const response = await commune.goto("/login");
  expect(response!.url()).toMatch(/^https:/);
  expect(response!.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  await login(commune, `xa-${COMMUNE}`);
  const session = (await communeContext.cookies()).find((c) => /session_token/.test(c.name));
  expect(session, "a session cookie").toBeTruthy();
  expect(session!.secure).toBe(true);
  expect(session!.httpOnly).toBe(true);
  // A failed sign-in from the browser that forges X-Forwarded-For: the throttle counts it on the address Caddy saw.
  await province.context().clearCookies();
  await province.goto("/login");
  await province.getByLabel("Tên đăng nhập").fill("deploy-probe");
  await province.getByLabel("Mật khẩu").fill("not-the-password");
  await province.getByRole("button", { name: "Đăng nhập" }).click();
  const keys = async () =>
    (
      await sql<{ key: string }>(primaryUrl(), `SELECT key FROM rate_limit WHERE key LIKE 'login-pair:deploy-probe|%'`)
    ).map((r) => r.key);
  // The browser reaches Caddy on ::1 (or 127.0.0.1), Caddy the app on 127.0.0.1 (TRUSTED_PROXIES): the key holds the
  // browser's own address, never the forged one.
  await expect.poll(keys).toHaveLength(1);
  expect((await keys())[0]).toMatch(/^login-pair:deploy-probe\|(::1|127\.0\.0\.1)$/);
  await login(province, "tinh");
});

test("a save through the proxy is on both app servers' next page", async ({ request }) => {
  await saveDraft("111");
  const cookies = await cookieHeader(communeContext);
  expect(await valueOnServer(request, "A", cookies)).toBe("111");
  expect(await valueOnServer(request, "B", cookies)).toBe("111");
});

test("a form rendered by server A and saved through server B works (one build, one server-actions key)", async () => {
  const page = await communeContext.newPage();
  const cookie = await cookieHeader(communeContext);
  const served: string[] = [];
  // What Caddy would do if its round robin sent the page to A and the save to B: each request forwarded by hand to the
  // chosen server, with the headers the proxy keeps (Host) and adds.
  await page.route(`**/entry/${P}`, async (route) => {
    const request = route.request();
    const which = request.method() === "GET" ? "A" : "B";
    const url = new URL(request.url());
    const response = await route.fetch({
      url: `${appUrl(which)}${url.pathname}${url.search}`,
      headers: { ...request.headers(), cookie, host: url.host, "x-forwarded-proto": "https" },
    });
    served.push(`${request.method()} ${which} ${response.status()}`);
    await route.fulfill({ response });
  });
  try {
    await page.goto(`/entry/${P}`);
    await page.locator("#proc_received").fill("121");
    await page.getByRole("button", { name: "Lưu nháp" }).click();
    await expect.poll(() => storedValue(), { timeout: 20_000 }).toBe(121);
    // (The value is committed before B's answer reaches the route handler.)
    await expect.poll(() => served).toContain("POST B 200");
    expect(served).toContain("GET A 200");
  } finally {
    await page.close();
  }
});

test("a point-in-time restore to a moment between two saves gives exactly the first", async () => {
  test.setTimeout(180_000);
  await saveDraft("301");
  await new Promise((r) => setTimeout(r, 1_500));
  const at = (await sql<{ at: string }>(primaryUrl(), "SELECT clock_timestamp()::text AS at"))[0]!.at;
  await new Promise((r) => setTimeout(r, 1_500));
  await saveDraft("302");
  // What archive_timeout (60 s) would do: close the WAL segment holding the second save and wait for its archiving.
  pgbackrest("check");
  pgbackrest(`--pg1-path=${WORK()}/pitr --type=time "--target=${at}" --target-action=promote restore`);
  pgCtl("pitr", "start", `-o "-p ${process.env.DEPLOY_PITR_PORT ?? 3252} -k ${WORK()} -c archive_mode=off"`);
  const pitrUrl = `postgresql://postgres@127.0.0.1:${process.env.DEPLOY_PITR_PORT ?? 3252}/tracker`;
  await expect
    .poll(
      async () => {
        try {
          return (await sql<{ r: boolean }>(pitrUrl, "SELECT pg_is_in_recovery() AS r"))[0]!.r;
        } catch {
          return true;
        }
      },
      { timeout: 60_000 },
    )
    .toBe(false);
  expect(await storedValue(pitrUrl)).toBe(301);
  expect(await storedValue()).toBe(302);
});

test("the restore drill restores the latest backup and finds every table equal to the source", async () => {
  test.setTimeout(180_000);
  const out = execFileSync("npx", ["tsx", "scripts/db-drill.ts"], {
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: primaryUrl(),
      PGBACKREST_CONFIG: `${WORK()}/pgbackrest.conf`,
      PGBIN: PG_BIN(),
      DRILL_DIR: `${WORK()}/drill`,
      DRILL_PORT: String(Number(process.env.DEPLOY_PITR_PORT ?? 3252) + 1),
    },
  });
  expect(out).toMatch(/^drill: ok: \d+ tables, \d+ rows, every count and checksum equal/m);
});

test("a drill that fails says so and tells the administrators", async () => {
  test.setTimeout(120_000);
  const before = await sql<{ n: number }>(
    primaryUrl(),
    `SELECT count(*)::int AS n FROM notice WHERE kind = 'DRILL_FAILED'`,
  );
  let out = "";
  let status = 0;
  try {
    // A stanza pgBackRest does not know: nothing to restore.
    execFileSync("npx", ["tsx", "scripts/db-drill.ts"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: primaryUrl(),
        PGBACKREST_CONFIG: `${WORK()}/pgbackrest.conf`,
        PGBACKREST_STANZA: "no-such-stanza",
        PGBIN: PG_BIN(),
        DRILL_DIR: `${WORK()}/drill-bad`,
      },
    });
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    status = e.status;
    out = e.stdout + e.stderr;
  }
  expect(status).toBe(1);
  expect(out).toMatch(/^drill: FAILED: /m);
  expect(out).toMatch(/administrators told/);
  const after = await sql<{ n: number }>(
    primaryUrl(),
    `SELECT count(*)::int AS n FROM notice WHERE kind = 'DRILL_FAILED'`,
  );
  expect(after[0]!.n).toBeGreaterThan(before[0]!.n);
});

test("replica replay paused: the writer sees their submission at once, another reader within 5 s", async () => {
  const before = await reportedCount(province);
  await sql(replicaUrl(), "SELECT pg_wal_replay_pause()");
  try {
    await commune.goto(`/entry/${P}`);
    await fillWithPreviousMonth(commune);
    await acknowledgeWarnings(commune);
    await commune.getByRole("button", { name: "Nộp báo cáo" }).click();
    await commune.getByTestId("confirm-submit").getByRole("button", { name: "Xác nhận nộp" }).click();
    await expect(commune.getByTestId("status")).toHaveText("Chờ duyệt");
    const saved = Date.now();
    // The replica has not replayed the submission…
    expect(
      (
        await sql<{ status: string }>(
          replicaUrl(),
          `SELECT r.status::text AS status FROM monthly_report r JOIN org_unit o ON o.id = r.org_unit_id WHERE o.code = $1 AND r.period = $2`,
          [COMMUNE, P],
        )
      )[0]?.status,
    ).not.toBe("SUBMITTED");
    // …yet the writer's next dashboard counts it,
    expect(await reportedCount(commune)).toBe(before + 1);
    // and another reader sees it within the freshness bound: any page asked for 5 s or more after the save counts it
    // (pages asked for earlier may or may not; how long a page takes to render on a loaded machine does not matter).
    const bound = saved + 5_000;
    for (;;) {
      const asked = Date.now();
      const n = await reportedCount(province);
      if (asked >= bound) {
        expect(n).toBe(before + 1);
        break;
      }
    }
  } finally {
    await sql(replicaUrl(), "SELECT pg_wal_replay_resume()");
  }
});

test("replica stopped: pages still answer", async () => {
  pgCtl("replica", "stop");
  try {
    const before = Date.now();
    const n = await reportedCount(province);
    expect(n).toBeGreaterThan(0);
    expect((await province.goto(`/communes/${COMMUNE}`))!.status()).toBe(200);
    expect(Date.now() - before).toBeLessThan(20_000);
    const ready = await province.request.get("/api/ready");
    expect(await ready.json()).toMatchObject({ database: "ok", replica: "unavailable" });
  } finally {
    pgCtl("replica", "start");
  }
});

test("primary stopped: dashboards answer from the replica, entry says saving is paused and keeps the typed value, sign-in shows the outage", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // A commune whose month is still open (the one above has submitted it), with its demo account.
  const OPEN = await openCommune();
  const entryContext = await browser.newContext();
  const entry = await entryContext.newPage();
  let restarted = false;
  try {
    await login(entry, `xa-${OPEN}`);
    await saveDraft("401", entry, OPEN);
    await expect.poll(() => storedValue(replicaUrl(), OPEN), { timeout: 20_000 }).toBe(401);
    pgCtl("primary", "stop");
    // Each server notices within a sample or two (every 0.5 s): then the signed-in province official reads the overview.
    await expect
      .poll(async () => (await province.goto(`/?from=${P}&to=${P}`))!.status(), { timeout: 20_000 })
      .toBe(200);
    await expect(province.getByTestId("kpi-reporting")).toBeVisible();
    expect((await province.goto(`/communes/${COMMUNE}`))!.status()).toBe(200);
    // The commune's entry page opens with what the replica holds and says that saving is paused.
    expect((await entry.goto(`/entry/${P}`))!.status()).toBe(200);
    await expect(entry.getByTestId("saving-paused")).toContainText("việc lưu tạm dừng");
    await expect(entry.locator("#proc_received")).toHaveValue("401");
    await entry.locator("#proc_received").fill("402");
    await entry.getByRole("button", { name: "Lưu nháp" }).click();
    await expect(
      entry.getByText("Máy chủ dữ liệu tạm thời không truy cập được", { exact: false }).first(),
    ).toBeVisible();
    await expect(entry.locator("#proc_received")).toHaveValue("402");
    // Signing in needs the primary: the outage message, never an error page.
    const fresh = await browser.newContext();
    try {
      const page = await fresh.newPage();
      await page.goto("/login");
      await page.getByLabel("Tên đăng nhập").fill("tinh");
      await page.getByLabel("Mật khẩu").fill(PASSWORD);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await expect(
        page.getByText("Máy chủ dữ liệu tạm thời không truy cập được", { exact: false }).first(),
      ).toBeVisible();
      await expect(page).toHaveURL(/\/login/);
    } finally {
      await fresh.close();
    }
    const ready = await province.request.get("/api/ready");
    expect(ready.status()).toBe(503);
    expect(await ready.json()).toMatchObject({ database: "unavailable", replica: "ok" });
    pgCtl("primary", "start");
    restarted = true;
    // The primary is back: the device's queued save goes through without anyone typing it again.
    await expect.poll(() => storedValue(primaryUrl(), OPEN), { timeout: 90_000 }).toBe(402);
  } finally {
    if (!restarted) pgCtl("primary", "start");
    await entryContext.close();
  }
});

test("the login throttle counts failures on both app servers as one", async ({ request }) => {
  // Five wrong passwords for one account from one address, sent to A and B in turn (each through its trusted proxy
  // address, as Caddy forwards them): the sixth try, right password or not, is refused on either server.
  const address = "198.51.100.23";
  const attempt = (which: "A" | "B", password: string) =>
    request.post(`${appUrl(which)}/api/auth/sign-in/username`, {
      headers: { origin: new URL(test.info().project.use.baseURL!).origin, "x-forwarded-for": address },
      data: { username: "phantich", password },
      failOnStatusCode: false,
    });
  try {
    for (let i = 0; i < PAIR_MAX; i++)
      expect((await attempt(i % 2 === 0 ? "A" : "B", `wrong-${i}`)).status()).toBe(401);
    for (const which of ["A", "B"] as const) {
      const refused = await attempt(which, PASSWORD);
      expect(refused.status(), which).toBe(429);
    }
  } finally {
    await sql(primaryUrl(), `DELETE FROM rate_limit WHERE key LIKE $1`, [`%phantich%`]);
  }
});

test("one app server stopped under load: no request fails, no acknowledged save is lost", async ({ request }) => {
  const failures: string[] = [];
  let done = 0;
  let stopAt = 0;
  const until = Date.now() + 9_000;
  // Saves through the proxy while it happens: the province imports one figure of an open month again and again
  // (POST /api/v1/import, its session, the app's Origin); the last one acknowledged must be the one stored.
  const OPEN = await openCommune();
  const origin = new URL(test.info().project.use.baseURL!).origin;
  let acknowledged: number | null = null;
  const saver = async () => {
    for (let value = 700; Date.now() < until; value++) {
      try {
        const res = await province.request.post("/api/v1/import", {
          headers: { origin, "content-type": "text/csv" },
          data: `commune_code,period,indicator_code,value\n${OPEN},${P},proc_received,${value}\n`,
          timeout: 20_000,
          failOnStatusCode: false,
        });
        if (res.status() === 200) acknowledged = value;
        else failures.push(`import ${res.status()} ${(await res.text()).slice(0, 200)}`);
      } catch (error) {
        failures.push(`import ${(error as Error).message.split("\n")[0]}`);
      }
    }
  };
  const worker = async (path: string) => {
    while (Date.now() < until) {
      try {
        const res = await request.get(path, { maxRedirects: 0, timeout: 20_000 });
        if (res.status() >= 500) failures.push(`${path} ${res.status()}`);
      } catch (error) {
        failures.push(`${path} ${(error as Error).message.split("\n")[0]}`);
      }
      done++;
    }
  };
  const stopper = (async () => {
    await new Promise((r) => setTimeout(r, 2_500));
    stopAt = done;
    process.kill(appPid("A"), "SIGTERM");
  })();
  await Promise.all([
    worker("/login"),
    worker("/api/health"),
    worker("/login"),
    worker("/api/health"),
    saver(),
    stopper,
  ]);
  expect(failures).toEqual([]);
  expect(acknowledged).not.toBeNull();
  expect(await storedValue(primaryUrl(), OPEN)).toBe(acknowledged);
  expect(stopAt).toBeGreaterThan(0);
  expect(done - stopAt).toBeGreaterThan(10);
  // Server A is gone; B answered everything after it.
  await expect
    .poll(async () => {
      try {
        return (await request.get(`${appUrl("A")}/api/health`, { timeout: 2_000 })).status();
      } catch {
        return 0;
      }
    })
    .toBe(0);
});
