#!/usr/bin/env node
// `npm test`: everything CI runs, in order — typecheck, lint, unit + integration (vitest), then
// end-to-end in Chromium against a production build. Stops at the first failing step.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const node = process.execPath;
const steps = [
  ["prisma client", [node, "scripts/prisma-generate.mjs"]],
  ["typecheck", [node, "node_modules/typescript/bin/tsc", "--noEmit"]],
  ["lint", [node, "node_modules/eslint/bin/eslint.js", "--max-warnings=0", "."]],
  ["unit + integration (vitest)", [node, "node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]],
  ["end-to-end (Playwright, Chromium)", [node, "scripts/e2e.mjs"]],
];

// Both runners also write JSON reports, so the run closes with one count across them.
rmSync("test-results", { recursive: true, force: true });
mkdirSync("test-results", { recursive: true });
process.env.PLAYWRIGHT_JSON_OUTPUT_NAME = "test-results/playwright.json";

function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync("test-results/vitest.json")) {
    const report = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
  if (existsSync("test-results/playwright.json")) {
    const { stats } = JSON.parse(readFileSync("test-results/playwright.json", "utf8"));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    skipped += stats.skipped;
  }
  return `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
}

const timings = [];
for (const [name, [command, ...args]] of steps) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${result.status ?? result.signal}).`);
    console.log(counts());
    process.exit(result.status || 1);
  }
}
console.log(`\n✓ all steps passed\n  ${timings.join("\n  ")}`);
console.log(counts());
