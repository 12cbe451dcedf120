import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { fakePaddleOcrEnv } from "./test/support/fake-paddleocr";

const port = Number(process.env.E2E_PORT || 3210);

// Fixed credentials for the console the tests start; the data directory is fresh for every run.
export const E2E_ADMIN = { email: "admin@ocr-console.local", password: "e2e-admin-password-1" };
export const E2E_ADMIN_TOKEN = "ocrc_e2e_admin_token_for_tests_only";

export default defineConfig({
  testDir: "e2e",
  // Its own folder: Playwright empties it at start, and test-results/ also holds the vitest report.
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // The JSON report is read by scripts/test.mjs for the run's closing count.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
      // Keep Chromium off the network: this machine has none, and tests must not depend on one.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node scripts/console.mjs start",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      CONSOLE_DATA_DIR: process.env.E2E_DATA_DIR || path.join(os.tmpdir(), `ocr-console-e2e-${port}`),
      CONSOLE_ADMIN_PASSWORD: E2E_ADMIN.password,
      CONSOLE_API_TOKEN: E2E_ADMIN_TOKEN,
      CONSOLE_SECRET_KEY: "e2e-secret-key",
      // The local target trains with the fixture trainer that behaves like PaddleOCR's tools/train.py.
      ...fakePaddleOcrEnv(),
    },
  },
});
