/**
 * The page cache in front of the dashboards (scripts/server.ts): the same page asked for several times at once by
 * one user is rendered once, and each answer still carries a nonce of its own.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

test("three requests at once for a page not in the cache: one render, three pages, three nonces", async ({ page }) => {
  // A URL nobody asked for before: a sort order the page does not know (it falls back to its default). A parameter
  // no dashboard reads would not do: such pages are never cached (the third attack's finding 10).
  const url = `/?from=2025-07&to=2025-09&sort=${randomUUID()}`;
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
