import { defineConfig } from "@playwright/test";
import { randomBytes } from "node:crypto";

// One throwaway demo password per run, set before workers start so they inherit it.
process.env.E2E_DEMO_PASSWORD ??= randomBytes(12).toString("base64url");
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DATABASE = "data/e2e.sqlite";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "it-IT",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // A fresh demo database, then the production build (npm test builds first). --force: the e2e
    // database holds what earlier runs added, and is the tests' own to throw away.
    command: "npm run db:reset -- --force && npm start",
    url: `http://127.0.0.1:${PORT}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { PORT: String(PORT), DATABASE_PATH: E2E_DATABASE, DEMO_PASSWORD: process.env.E2E_DEMO_PASSWORD },
    stdout: "ignore",
  },
});
