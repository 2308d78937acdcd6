/**
 * No user can hold the database hostage: exports that their client stops reading keep at most their own connections
 * (and a user gets at most two at once: tests/unit/export-slots.test.ts), and meanwhile other pages render as usual.
 */
import http from "node:http";
import { expect, test } from "@playwright/test";

test("exports nobody reads for 60 s do not hold up the overview", async ({ page, context, baseURL }) => {
  test.setTimeout(150_000);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const url = new URL("/api/v1/export.csv?from=2025-07&format=long&computed=1", baseURL);
  const stalled: http.IncomingMessage[] = [];
  const open = () =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(url, { headers: { cookie }, agent: false }, resolve).on("error", reject);
    });
  for (let i = 0; i < 2; i++) {
    const res = await open();
    expect(res.statusCode).toBe(200);
    res.pause(); // read nothing more
    stalled.push(res);
  }
  // Another user's view of the overview, rendered afresh each time, while the two exports sit unread.
  await page.setExtraHTTPHeaders({ "Cache-Control": "no-cache" });
  const started = Date.now();
  const timings: number[] = [];
  while (Date.now() - started < 60_000) {
    const t = Date.now();
    const response = await page.goto("/?from=2025-07&to=2025-09");
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("kpi-quota")).toContainText("13.054");
    timings.push(Date.now() - t);
    await page.waitForTimeout(3000);
  }
  expect(timings.length).toBeGreaterThanOrEqual(5);
  expect(Math.max(...timings)).toBeLessThan(15_000);
  for (const res of stalled) res.destroy();
});
