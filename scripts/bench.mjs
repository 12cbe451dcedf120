#!/usr/bin/env node
// `npm run bench`: prints timings (ops/s, mean, p75/p99) of the benchmarks beside the code
// (`*.bench.ts`), with their baselines in the same run. Figures, not pass/fail.
import { spawnSync } from "node:child_process";

const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "bench", "--run", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
