import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bench, describe } from "vitest";
import { readLogFile, readRecordBatches } from "./reader";
import { createLogWriter } from "./writer";

const TARGET_BYTES = 200 * 1024 * 1024;
const TAGS = ["train/loss", "train/acc", "train/lr", "eval/hmean"];

// vitest bench runs no beforeAll hooks, so the 200 MB log is made on the first (warm-up) call and shared.
let seeded: Promise<{ file: string; bytes: number; records: number }> | null = null;
let dir: string | null = null;

function seed() {
  seeded ??= (async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "vdl-bench-"));
    const started = performance.now();
    const w = await createLogWriter(dir, { timestamp: 1_700_000_000, flushBytes: 8 * 1024 * 1024 });
    let records = 0;
    // ~38 bytes per scalar record; flush now and then so the writer's buffer stays small.
    for (let step = 0; ; step++) {
      for (const tag of TAGS) w.addScalar(tag, Math.exp(-step / 1e6) + Math.sin(step) * 0.01, step, 1_700_000_000_000 + step);
      records += TAGS.length;
      if (step % 50_000 === 0) {
        await w.flush();
        if (statSync(w.file).size >= TARGET_BYTES) break;
      }
    }
    await w.close();
    const bytes = statSync(w.file).size;
    console.log(`[bench] generated ${(bytes / 1e6).toFixed(0)} MB, ${records.toLocaleString("en")} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { file: w.file, bytes, records };
  })();
  return seeded;
}

// The log is shared by both benchmarks, so it goes when the process does.
process.on("exit", () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A bench whose own timing excludes the seeding call and reports MB/s when its runs are done. */
function throughputBench(name: string, parse: (file: string) => Promise<{ values: number; nextOffset: number }>) {
  const samples: number[] = [];
  bench(
    name,
    async () => {
      const { file, bytes, records } = await seed();
      const t0 = performance.now();
      const { values, nextOffset } = await parse(file);
      samples.push(performance.now() - t0);
      if (nextOffset !== bytes || values !== records + 1) throw new Error(`parsed ${values} values to ${nextOffset} of ${bytes} bytes`);
    },
    {
      warmupIterations: 1, // seeds the file on the first bench; not measured
      warmupTime: 0,
      iterations: 5,
      time: 0,
      teardown: async (_task, mode) => {
        if (mode !== "run") {
          samples.length = 0;
          return;
        }
        const { bytes } = await seed();
        const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
        console.log(`[bench] ${name}: ${(bytes / 1e6 / (mean / 1000)).toFixed(1)} MB/s (mean ${mean.toFixed(0)} ms over ${samples.length} runs, ${(bytes / 1e6).toFixed(0)} MB)`);
      },
    },
  );
}

describe("VisualDL log parsing (~200 MB of scalar records)", () => {
  // What a caller holding every point gets: includes the GC cost of ~6M live value objects.
  throughputBench("readLogFile (all values in memory)", async (file) => {
    const { values, nextOffset } = await readLogFile(file);
    return { values: values.length, nextOffset };
  });
  // Streaming consumer that keeps nothing: the parser's own speed.
  throughputBench("readRecordBatches (streamed, not retained)", async (file) => {
    let values = 0;
    let nextOffset = 0;
    for await (const b of readRecordBatches(file)) {
      values += b.values.length;
      nextOffset = b.nextOffset;
    }
    return { values, nextOffset };
  });
});
