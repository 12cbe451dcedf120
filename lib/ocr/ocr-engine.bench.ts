import { bench, describe } from "vitest";
import { builtinModelVersion } from "./model-version";
import { createOcrEngine, type OcrEngine, type OcrTimings } from "./pipeline";
import { renderDocumentPng } from "./test-images";

// ms per image for the full pipeline on a generated 1280×720 page (14 text lines), recognition
// batch size 1 against PaddleOCR's 6. Run: npx vitest bench --run lib/ocr
// vitest bench runs no beforeAll hooks, so the engine and the image are created on first use.

let setup: Promise<{ engine: OcrEngine; image: Buffer }> | undefined;
function getSetup() {
  setup ??= (async () => ({ engine: await createOcrEngine(builtinModelVersion()), image: await renderDocumentPng() }))();
  return setup;
}

const samples = new Map<number, OcrTimings[]>();

async function run(batch: number) {
  const { engine, image } = await getSetup();
  const r = await engine.recognize(image, { rec_batch_num: batch });
  const list = samples.get(batch) ?? [];
  list.push(r.timings);
  samples.set(batch, list);
}

function report(batch: number) {
  const list = samples.get(batch) ?? [];
  if (list.length === 0) return;
  const median = (k: keyof OcrTimings) => {
    const v = list.map((t) => t[k]).sort((a, b) => a - b);
    return v[v.length >> 1]!.toFixed(1);
  };
  console.log(
    `[ocr bench] 1280×720 document, rec_batch_num=${batch}, n=${list.length}: median decode ${median("decodeMs")} ms, det ${median("detMs")} ms, rec ${median("recMs")} ms, total ${median("totalMs")} ms`,
  );
  samples.set(batch, []);
}

const options = (batch: number) => ({
  time: 2000,
  iterations: 6,
  warmupIterations: 2,
  teardown: (_task: unknown, mode: "warmup" | "run") => {
    if (mode === "run") report(batch);
    else samples.set(batch, []);
  },
});

describe("OCR engine, 1280×720 page", () => {
  bench("recognize, rec_batch_num=1", () => run(1), options(1));
  bench("recognize, rec_batch_num=6", () => run(6), options(6));
});
