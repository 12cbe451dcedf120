import { performance } from "node:perf_hooks";
import { readDataset } from "./dataset";
import { createEngine, ENGINE_NAMES, EngineUnavailableError, type EngineName } from "./engines";
import { CONCURRENCY, RESULT_MARK, type EngineRunResult } from "./protocol";

// One engine in its own process, so its peak RSS is its own:
//   node --import tsx bench/ocr/run-engine.ts <engine|baseline> <dataset dir>
// Warms up, runs every image sequentially (accuracy + per-image latency + images/s at
// concurrency 1), then again with 4 concurrent recognize() calls (images/s at concurrency 4),
// and prints one JSON line prefixed with RESULT_MARK on stdout. Progress goes to stderr.
// "baseline" loads the dataset and nothing else: the RSS floor of node + tsx + images.

function log(msg: string) {
  process.stderr.write(`  [${process.argv[2]}] ${msg}\n`);
}

function emit(result: EngineRunResult): void {
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result)}\n`);
}

async function main() {
  const [name, dir] = process.argv.slice(2);
  if (!name || !dir) throw new Error("usage: run-engine.ts <engine|baseline> <dataset dir>");
  const { manifest, images } = await readDataset(dir);
  if (name === "baseline") {
    emit({ engine: "baseline", available: true, maxRssKb: process.resourceUsage().maxRSS });
    return;
  }
  if (!(ENGINE_NAMES as readonly string[]).includes(name)) throw new Error(`unknown engine ${name}; one of ${ENGINE_NAMES.join(", ")}`);
  const engine = createEngine(name as EngineName);

  let t = performance.now();
  try {
    await engine.init();
  } catch (cause) {
    if (cause instanceof EngineUnavailableError) {
      emit({ engine: name, available: false, notice: cause.message, maxRssKb: process.resourceUsage().maxRSS });
      return;
    }
    throw cause;
  }
  const initMs = performance.now() - t;
  log(`init ${initMs.toFixed(0)} ms — ${engine.description}`);

  // Warm-up: two lines and a page, so first-run allocations and shape setup are not timed.
  const warm = [0, 1, manifest.items.findIndex((i) => i.kind === "page")].filter((i) => i >= 0);
  for (const i of warm) await engine.recognize(images[i]!).catch(() => undefined);

  engine.setConcurrency?.(1);
  const predictions: string[][] = [];
  const errors: (string | null)[] = [];
  const seqMs: number[] = [];
  const seqStart = performance.now();
  for (let i = 0; i < images.length; i++) {
    t = performance.now();
    try {
      predictions.push(await engine.recognize(images[i]!));
      errors.push(null);
    } catch (e) {
      predictions.push([]);
      errors.push((e as Error).message);
    }
    seqMs.push(performance.now() - t);
    if ((i + 1) % 26 === 0) log(`sequential ${i + 1}/${images.length}`);
  }
  const seqWallMs = performance.now() - seqStart;
  log(`sequential done: ${(images.length / (seqWallMs / 1000)).toFixed(2)} images/s`);

  engine.setConcurrency?.(CONCURRENCY);
  let next = 0;
  let concMismatches = 0;
  const concStart = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < images.length) {
        const i = next++;
        const lines = await engine.recognize(images[i]!).catch(() => [] as string[]);
        if (JSON.stringify(lines) !== JSON.stringify(predictions[i])) concMismatches++;
      }
    }),
  );
  const concWallMs = performance.now() - concStart;
  log(`concurrency ${CONCURRENCY} done: ${(images.length / (concWallMs / 1000)).toFixed(2)} images/s`);
  await engine.close();

  emit({
    engine: name,
    available: true,
    description: engine.description,
    initMs,
    predictions,
    errors,
    seqMs,
    seqWallMs,
    concurrency: CONCURRENCY,
    concWallMs,
    concMismatches,
    maxRssKb: process.resourceUsage().maxRSS,
    externalMemory: engine.externalMemory?.(),
  });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`run-engine failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
