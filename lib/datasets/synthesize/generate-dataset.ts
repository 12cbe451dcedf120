import type { SynthesisOptions } from "@/lib/schemas/synthesize";
import type { DatasetSink } from "./dataset-sink";
import { parseHexColor, type BackgroundKind } from "./image-effects";
import { mulberry32, type Prng } from "./prng";
import { renderDetPage, type PageLine } from "./render-det-page";
import { renderRecLine, type ImageLook, type LineLook } from "./render-rec-line";
import { createTextSource, type TextSource } from "./text-source";

export interface GeneratedDataset {
  /** Label file names relative to the dataset root, train first. */
  trainLabelFile: string;
  testLabelFile: string;
  train: number;
  test: number;
  /** det: text boxes over all pages; rec: 0. */
  boxes: number;
}

export interface GenerateControls {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** Samples rendered at once; libvips threads each one, so 2 keeps a 2-core machine busy without thrashing. */
  concurrency?: number;
}

/** The file layout PaddleOCR's own synthetic and ICDAR sets use: images by split, one label file per split. */
export function labelFileNames(task: "rec" | "det"): { train: string; test: string } {
  return task === "rec" ? { train: "rec_gt_train.txt", test: "rec_gt_test.txt" } : { train: "det_gt_train.txt", test: "det_gt_test.txt" };
}

interface Plan {
  imagePath: string;
  split: "train" | "test";
  lines: PageLine[];
  image: ImageLook;
  rng: Prng;
}

/**
 * Renders the synthetic dataset into `sink` in PaddleOCR format: images under train/ and test/,
 * label files `rec_gt_*.txt` (path\ttext) or `det_gt_*.txt` (path\t[{transcription, points}]), and
 * `synthesis.json` with the settings and seed that reproduce it byte for byte.
 *
 * Every random choice is drawn from the seed up front, in sample order, and each sample gets its own
 * forked generator for its pixels, so rendering samples concurrently cannot change the output.
 */
export async function generateSyntheticDataset(options: SynthesisOptions, sink: DatasetSink, controls: GenerateControls = {}): Promise<GeneratedDataset> {
  const { signal } = controls;
  throwIfAborted(signal);
  const plans = planSamples(options);
  const labels = new Array<string>(plans.length);
  let boxes = 0;
  let done = 0;
  let nextIndex = 0;

  const worker = async () => {
    while (nextIndex < plans.length) {
      throwIfAborted(signal);
      const index = nextIndex++;
      const plan = plans[index]!;
      if (options.task === "rec") {
        const line = plan.lines[0]!;
        const { png } = await renderRecLine(line.text, line.look, plan.image, plan.rng);
        await sink.write(plan.imagePath, png, "image/png");
        labels[index] = `${plan.imagePath}\t${line.text}`;
      } else {
        const page = await renderDetPage(plan.lines, options.page, plan.image, plan.rng);
        await sink.write(plan.imagePath, page.png, "image/png");
        boxes += page.boxes.length;
        labels[index] = `${plan.imagePath}\t${JSON.stringify(page.boxes)}`;
      }
      done++;
      controls.onProgress?.(done, plans.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, controls.concurrency ?? 2) }, worker));
  throwIfAborted(signal);

  const files = labelFileNames(options.task);
  const lines = (split: "train" | "test") => plans.flatMap((plan, i) => (plan.split === split ? [labels[i]!] : []));
  const train = lines("train");
  const test = lines("test");
  const encode = (rows: string[]) => new TextEncoder().encode(rows.map((row) => `${row}\n`).join(""));
  await sink.write(files.train, encode(train), "text/plain; charset=utf-8");
  await sink.write(files.test, encode(test), "text/plain; charset=utf-8");
  await sink.write("synthesis.json", new TextEncoder().encode(`${JSON.stringify({ generator: "ocr-console", ...options }, null, 2)}\n`), "application/json");
  return { trainLabelFile: files.train, testLabelFile: files.test, train: train.length, test: test.length, boxes };
}

/** How many samples go to the test split: the fraction, rounded, but at least one when asked for any and there is room. */
export function testSampleCount(count: number, testFraction: number): number {
  if (testFraction <= 0 || count < 2) return 0;
  return Math.min(count - 1, Math.max(1, Math.round(count * testFraction)));
}

function planSamples(options: SynthesisOptions): Plan[] {
  const rng = mulberry32(options.seed);
  const source: TextSource = createTextSource({
    kind: options.textSource,
    text: options.text,
    wordsPerLine: options.wordsPerLine,
    maxChars: options.maxChars,
  });
  const backgroundColors = options.backgroundColors.map(parseHexColor);
  const testCount = testSampleCount(options.count, options.testFraction);
  const trainCount = options.count - testCount;
  const digits = Math.max(6, String(options.count).length);
  const prefix = options.task === "rec" ? "word" : "img";

  const lineLook = (): LineLook => ({
    fontFamily: rng.pick(options.fonts),
    fontSize: rng.int(options.fontSize.min, options.fontSize.max),
    color: rng.pick(options.textColors),
    angle: options.rotation > 0 ? Math.round(rng.float(-options.rotation, options.rotation) * 10) / 10 : 0,
  });

  return Array.from({ length: options.count }, (_, index): Plan => {
    const split = index < trainCount ? "train" : "test";
    const number = split === "train" ? index + 1 : index - trainCount + 1;
    const lineCount = options.task === "rec" ? 1 : rng.int(options.page.lines.min, options.page.lines.max);
    const lines = Array.from({ length: lineCount }, () => ({ text: source.next(rng), look: lineLook() }));
    const image: ImageLook = {
      background: rng.pick(options.backgrounds) as BackgroundKind,
      backgroundColors,
      blurSigma: options.blur > 0 ? Math.round(rng.float(0, options.blur) * 100) / 100 : 0,
      noise: options.noise > 0 ? Math.round(rng.float(0, options.noise) * 10) / 10 : 0,
    };
    return { imagePath: `${split}/${prefix}_${String(number).padStart(digits, "0")}.png`, split, lines, image, rng: rng.fork() };
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException("Synthesis was cancelled", "AbortError");
}
