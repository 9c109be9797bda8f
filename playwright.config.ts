import { defineConfig } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { CARTELLA_VUOTO, DATABASE_VUOTO, PORTA_VUOTO, POSTA_VUOTO, PRIMO_AVVIO, URL_VUOTO } from "./e2e/server-vuoto";

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
  // One budget for every journey, sized for a slow, busy 2-core machine (CI with another
  // CPU-bound process beside it): the longest journeys take ~1 min on a quiet one. Speed goals
  // live in `npm run bench`, not here.
  timeout: 240_000,
  // Assertions wait for a real condition; on a busy 2-core machine a server action that checks
  // a password and hashes the whole edition (signing) can take well over the default 5 s.
  expect: { timeout: 15_000 },
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
  webServer: [
    {
      // A fresh demo database, then the production build (npm test builds first). --force: the e2e
      // database holds what earlier runs added, and is the tests' own to throw away.
      command: "npm run db:reset -- --force && npm start",
      url: `http://127.0.0.1:${PORT}/login`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { PORT: String(PORT), DATABASE_PATH: E2E_DATABASE, DEMO_PASSWORD: process.env.E2E_DEMO_PASSWORD },
      stdout: "ignore",
    },
    {
      // No demo: an empty database in its own folder, configured by `npm run setup` as a Comune
      // would (e2e/primo-avvio.spec.ts walks the rest in the browser). The folder goes first:
      // setup refuses a database that already has users.
      command: [
        `rm -rf ${CARTELLA_VUOTO}`,
        `mkdir -p ${POSTA_VUOTO}`,
        `npm run setup -- --ente "${PRIMO_AVVIO.ente}" --nome "${PRIMO_AVVIO.nome}" --email ${PRIMO_AVVIO.email} --url ${URL_VUOTO}`,
        "npm start",
      ].join(" && "),
      url: `${URL_VUOTO}/login`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: { PORT: String(PORTA_VUOTO), DATABASE_PATH: DATABASE_VUOTO, MAIL_DIR: POSTA_VUOTO },
      stdout: "ignore",
    },
  ],
});
