#!/usr/bin/env node
// `npm run test:e2e`: Playwright against a production build served by `npm start`'s own launcher,
// on a fresh data directory, in Debian's Chromium.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findChromium } from "./find-chromium.mjs";

let chromium;
try {
  chromium = findChromium();
} catch (error) {
  console.error(`[e2e] ${error.message}`);
  process.exit(1);
}
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ocr-console-e2e-"));
const result = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, CHROME_PATH: chromium, E2E_DATA_DIR: dataDir },
});
rmSync(dataDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
