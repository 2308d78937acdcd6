import { defineConfig, devices } from "@playwright/test";

// scripts/test-all.sh picks a free port (3100 when it is free) and passes it in E2E_PORT.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

// `npx playwright install` cannot download here: use Debian's Chromium (apt-get install chromium).
const launchOptions = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  // 2-core machines: one browser at a time; the app server and PostgreSQL need the other core.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  // CI machines have 2 cores shared by the browser, the app and PostgreSQL: give assertions room.
  expect: { timeout: 15_000 },
  // An axe scan of a page with a map and charts takes seconds even on an idle 2-core machine.
  timeout: 90_000,
  use: {
    baseURL,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "off",
  },
  projects: [
    // Signs in once as `tinh` and saves the session; every other spec starts signed in unless it says otherwise.
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { launchOptions } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
        storageState: "test-results/.auth/tinh.json",
        launchOptions,
      },
    },
  ],
  webServer: {
    // scripts/start.ts applies migrations, seeds demo data into an empty database and serves the built app
    // (`npm run build` runs first; SKIP_BUILD=1 stops start.ts from building again).
    // E2E_NOW (UTC, set by scripts/test-all.sh): the server and its database run at that instant under Debian's
    // faketime, so the suite sees the same calendar on any date; the specs read the same variable (support/session.ts).
    command: process.env.E2E_NOW
      ? `FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@${process.env.E2E_NOW}" npm start`
      : "npm start",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    // Never reuse in CI, nor when a database is given (scripts/test-all.sh): a server already listening there
    // would be serving some other database.
    reuseExistingServer: !process.env.CI && !process.env.E2E_DATABASE_URL,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets start.ts close its database connections; without this Playwright SIGKILLs the server.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(port),
      SKIP_BUILD: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // The auth origin check is exact: the app must know the URL the browser uses.
      BETTER_AUTH_URL: baseURL,
      // The harness exports DATABASE_URL for the integration tests; the app under test gets its own database.
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
