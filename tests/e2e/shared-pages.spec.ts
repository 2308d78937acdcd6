/**
 * Dashboard pages kept once for every reader of the same scope (issue 24; lib/web/shared-page.ts, scripts/server.ts):
 * two province officials asking for one page get one render, each with their own name, id and notice bell; readers of
 * different communes (or roles) never get each other's page; the page hydrates with the reader's own header.
 *
 * A second province official is made here as a copy of `tinh` (same role, no commune, same password), with two unread
 * notices of their own; no other spec knows them.
 */
import { randomUUID } from "node:crypto";
import { type APIRequestContext, type Browser, expect, request as playwrightRequest, test } from "@playwright/test";
import { query } from "./support/database";
import { PASSWORD, SERVER_NOW } from "./support/session";

test.describe.configure({ mode: "serial" });

const SECOND = { id: randomUUID(), username: `tinh-2-${randomUUID().slice(0, 8)}`, name: "Phòng Nội vụ (thứ hai)" };

test.beforeAll(async () => {
  await query(
    `WITH src AS (SELECT * FROM "user" WHERE username = 'tinh'),
       u AS (INSERT INTO "user" (id, name, email, email_verified, username, display_username, role, org_unit_id, banned,
               two_factor_enabled, updated_at)
             SELECT $1, $2, $3 || '@demo.invalid', true, $3, $3, role, org_unit_id, false, two_factor_enabled, now() FROM src
             RETURNING id)
     INSERT INTO account (id, account_id, provider_id, user_id, password, created_at, updated_at)
     SELECT $4, (SELECT id FROM u), provider_id, (SELECT id FROM u), password, now(), now()
     FROM account WHERE user_id = (SELECT id FROM src) AND provider_id = 'credential'`,
    [SECOND.id, SECOND.name, SECOND.username, randomUUID()],
  );
  // Two reminders for the province (a reviewer's kind): the second official's bell says 2.
  await query(
    `INSERT INTO notice (user_id, kind, org_unit_id, period, created_at)
     SELECT $1, 'LATE', (SELECT id FROM org_unit WHERE code = '12'), p, $2 FROM unnest(ARRAY['2025-08', '2025-09']) p`,
    [SECOND.id, SERVER_NOW],
  );
});

async function signedIn(baseURL: string, username: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const res = await ctx.post("/api/auth/sign-in/username", { data: { username, password: PASSWORD } });
  expect(res.status(), `sign-in of ${username}`).toBe(200);
  return ctx;
}

const userName = (html: string) => /data-testid="user-name"[^>]*>([^<]*)</.exec(html)?.[1] ?? null;
const userId = (html: string) => /data-tracker-slot="user-id">([^<]*)</.exec(html)?.[1] ?? null;
const bellCount = (html: string) => /data-testid="notice-count">([^<]*)</.exec(html)?.[1] ?? null;
/** The page below its header, without its nonces: what every reader of a scope shares. */
function content(html: string, nonce: string): string {
  return html.slice(html.indexOf("</header>")).replaceAll(nonce, "");
}
const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1] ?? "";

test("two province officials get one kept page, each with their own name, id and bell", async ({ baseURL }) => {
  const first = await signedIn(baseURL!, "tinh");
  const second = await signedIn(baseURL!, SECOND.username);
  const url = `/?from=2025-07&to=2025-09&sort=${randomUUID()}`;
  const [tinh] = await query<{ id: string; name: string; unread: number }>(
    `SELECT u.id, u.name, (SELECT count(*)::int FROM notice n WHERE n.user_id = u.id AND n.read_at IS NULL
       AND n.kind IN ('SUBMITTED', 'LATE')) AS unread FROM "user" u WHERE u.username = 'tinh'`,
  );
  try {
    const a = await first.get(url);
    expect(a.status()).toBe(200);
    expect(a.headers()["x-page-cache"]).toBe("miss");
    const b = await second.get(url);
    expect(b.status()).toBe(200);
    expect(b.headers()["x-page-cache"]).toBe("hit");
    const [htmlA, htmlB] = [await a.text(), await b.text()];
    // One page: the same figures, the same "Số liệu lúc" (one render), below two different headers.
    expect(content(htmlB, nonceOf(b.headers()["content-security-policy"]))).toBe(
      content(htmlA, nonceOf(a.headers()["content-security-policy"])),
    );
    expect(htmlA).toContain("13.054");
    expect(userName(htmlA)).toBe(tinh!.name);
    expect(userId(htmlA)).toBe(tinh!.id);
    expect(bellCount(htmlA)).toBe(tinh!.unread > 0 ? String(tinh!.unread) : null);
    expect(userName(htmlB)).toBe(SECOND.name);
    expect(userId(htmlB)).toBe(SECOND.id);
    expect(bellCount(htmlB)).toBe("2");
    // Nothing of the one in the other's page.
    expect(htmlB).not.toContain(tinh!.name);
    expect(htmlB).not.toContain(tinh!.id);
    expect(htmlA).not.toContain(SECOND.name);
    expect(htmlA).not.toContain(SECOND.id);
  } finally {
    await first.dispose();
    await second.dispose();
  }
});

test("readers of different communes, or of another role, never get each other's page", async ({ baseURL }) => {
  const url = `/?from=2025-07&to=2025-09&sort=${randomUUID()}`;
  const readers = ["xa-03613", "xa-03637", "phantich"];
  const names = await query<{ username: string; name: string }>(
    `SELECT username, name FROM "user" WHERE username = ANY($1)`,
    [readers],
  );
  const nameOf = (u: string) => names.find((n) => n.username === u)!.name;
  for (const username of readers) {
    const ctx = await signedIn(baseURL!, username);
    try {
      const res = await ctx.get(url);
      expect(res.status()).toBe(200);
      // Each the first of their scope to ask: rendered for them, never another scope's page.
      expect(res.headers()["x-page-cache"], username).toBe("miss");
      const html = await res.text();
      expect(userName(html)).toBe(nameOf(username));
      for (const other of readers.filter((r) => r !== username)) expect(html).not.toContain(nameOf(other));
      // The same reader again: their scope's kept page.
      expect((await ctx.get(url)).headers()["x-page-cache"], username).toBe("hit");
    } finally {
      await ctx.dispose();
    }
  }
});

/** A browser signed in as `username` that notes the page's errors (signing in moves an account counter: first sign in all). */
async function browserOf(browser: Browser, baseURL: string, username: string) {
  const ctx = await signedIn(baseURL, username);
  const context = await browser.newContext({ storageState: await ctx.storageState() });
  await ctx.dispose();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

test("a kept page hydrates with the reader's own header", async ({ browser, baseURL }) => {
  const url = `/?from=2025-08&to=2025-09&sort=${randomUUID()}`;
  const first = await browserOf(browser, baseURL!, "tinh");
  const second = await browserOf(browser, baseURL!, SECOND.username);
  try {
    expect((await first.page.goto(url))!.headers()["x-page-cache"]).toBe("miss");
    expect((await second.page.goto(url))!.headers()["x-page-cache"]).toBe("hit");
    const { page } = second;
    await page.waitForLoadState("networkidle");
    await expect(page.getByTestId("user-name")).toHaveText(`${SECOND.name} (Cán bộ tỉnh)`);
    await expect(page.getByTestId("notice-count")).toHaveText("2 chưa đọc");
    await expect(page.getByTestId("notice-bell")).toHaveAccessibleName("Thông báo 2 chưa đọc");
    // The sign-out button finds whose drafts to clear in the filled slot.
    expect(await page.locator('[data-tracker-slot="user-id"]').textContent()).toBe(SECOND.id);
    expect(second.errors.filter((e) => /hydrat|did not match|#418|#423|#425/i.test(e))).toEqual([]);
  } finally {
    await first.context.close();
    await second.context.close();
  }
});
