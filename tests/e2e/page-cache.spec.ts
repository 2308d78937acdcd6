/**
 * The page cache in front of the dashboards (scripts/server.ts): the same page asked for several times at once by
 * one user is rendered once, and each answer still carries a nonce of its own.
 */
import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { query } from "./support/database";
import { PASSWORD, renewSession } from "./support/session";

test("three requests at once for a page not in the cache: one render, three pages, three nonces", async ({ page }) => {
  // A URL nobody asked for before: a sort order the page does not know (it falls back to its default). A parameter
  // no dashboard reads would not do: such pages are never cached (the third attack's finding 10).
  const url = `/?from=2025-07&to=2025-09&sort=${randomUUID()}`;
  await renewSession(page.request);
  const responses = await Promise.all([0, 1, 2].map(() => page.request.get(url)));
  const states = responses.map((r) => r.headers()["x-page-cache"]);
  expect(states.filter((s) => s === "miss")).toHaveLength(1);
  expect(states.filter((s) => s === "hit")).toHaveLength(2);
  const nonces = new Set<string>();
  for (const r of responses) {
    expect(r.status()).toBe(200);
    const body = await r.text();
    expect(body).toContain("13.054");
    const nonce = /'nonce-([^']+)'/.exec(r.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(body).toContain(`nonce="${nonce}"`);
    nonces.add(nonce!);
  }
  expect(nonces.size).toBe(3);
});

test("a session due for its renewal: the page is rendered by Next.js, which renews it, and the cache serves the next", async ({
  baseURL,
}) => {
  const ctx = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const signIn = await ctx.post("/api/auth/sign-in/username", { data: { username: "phantich", password: PASSWORD } });
  expect(signIn.status()).toBe(200);
  const cookie = (await ctx.storageState()).cookies.find((c) => c.name === "better-auth.session_token")!;
  const token = decodeURIComponent(cookie.value).split(".")[0]!;
  // Last renewed six minutes ago, as the database sees it (better-auth keeps expires_at at the last renewal + 8 hours).
  const sixMinutesAgo = `UPDATE session SET expires_at = expires_at - interval '6 minutes' WHERE token = $1 RETURNING id`;
  expect(await query(sixMinutesAgo, [token])).toHaveLength(1);
  const url = `/?from=2025-07&to=2025-08&sort=${randomUUID()}`;
  const due = await ctx.get(url);
  expect(due.status()).toBe(200);
  expect(due.headers()["x-page-cache"]).toBeUndefined();
  expect((await ctx.get(url)).headers()["x-page-cache"]).toBe("miss");
  expect((await ctx.get(url)).headers()["x-page-cache"]).toBe("hit");
  // Due again: the tests' renewSession (a page never cached) makes it servable without a dashboard going uncached.
  expect(await query(sixMinutesAgo, [token])).toHaveLength(1);
  await renewSession(ctx);
  expect((await ctx.get(url)).headers()["x-page-cache"]).toBe("hit");
  await ctx.dispose();
});
