import { defineConfig, devices } from "@playwright/test";

// npm run test:deploy (scripts/test-deploy.sh) starts PostgreSQL 15 with a replica, two app servers and Caddy, then
// runs these checks through Caddy over HTTPS. Caddy's certificate comes from its own authority (tls internal), which
// this browser does not trust: the checks accept it, as a province's computers do once its root is installed.
const port = Number(process.env.DEPLOY_HTTPS_PORT ?? 8450);

export default defineConfig({
  testDir: "tests/deploy",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  expect: { timeout: 15_000 },
  timeout: 120_000,
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `https://localhost:${port}`,
    ignoreHTTPSErrors: true,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "off",
    launchOptions: {
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
    },
  },
});
