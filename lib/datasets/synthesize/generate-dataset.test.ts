import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateDataset } from "@/lib/datasets/validation/validate-dataset";
import { builtinModelVersion, createOcrEngine, type OcrEngine } from "@/lib/ocr";
import { synthesizeDatasetSchema, type SynthesisOptions } from "@/lib/schemas/synthesize";
import { directorySink } from "./dataset-sink";
import { generateSyntheticDataset } from "./generate-dataset";

// The generator's promise: what it writes is a clean PaddleOCR dataset whose labels say what the
// images show — checked with the project's validator and read back with the real PP-OCRv4 models.

const WORDS = "invoice total amount paid order number date receipt customer address shipping station market window";
const dictionary = builtinModelVersion().files.dictPath;
// The Chinese PP-OCRv4 recogniser often drops a single space between Latin words (lib/ocr/pipeline.test.ts
// compares the same way); the characters themselves must all come back.
const squash = (text: string) => text.replace(/\s+/g, "");

function options(overrides: Record<string, unknown>): SynthesisOptions {
  return { ...synthesizeDatasetSchema.parse({ name: "synth", task: "rec", text: WORDS, count: 10, ...overrides }), seed: 7 } as SynthesisOptions;
}

let engine: OcrEngine;
const folders: string[] = [];
beforeAll(async () => {
  engine = await createOcrEngine(builtinModelVersion());
});
afterAll(async () => {
  await engine?.close();
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function generate(opts: SynthesisOptions) {
  const root = await mkdtemp(path.join(tmpdir(), "synth-"));
  folders.push(root);
  const result = await generateSyntheticDataset(opts, directorySink(root));
  return { root, result };
}

function labelLines(text: string): Array<[string, string]> {
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split("\t") as [string, string]);
}

describe("synthetic recognition lines", () => {
  it("re-validate clean and read back as their labels with PP-OCRv4 (DejaVu Sans, 32 px, no effects)", async () => {
    const { root, result } = await generate(options({ fonts: ["DejaVu Sans"], fontSize: { min: 32, max: 32 }, wordsPerLine: { min: 1, max: 2 } }));
    expect(result).toMatchObject({ trainLabelFile: "rec_gt_train.txt", testLabelFile: "rec_gt_test.txt", train: 9, test: 1 });

    const report = await validateDataset({ task: "rec", root, labelFiles: [result.trainLabelFile, result.testLabelFile], dictionary, useSpaceChar: true });
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.images).toMatchObject({ referenced: 10, found: 10, missing: 0, duplicates: 0 });

    const samples = [
      ...labelLines(await readFile(path.join(root, result.trainLabelFile), "utf8")),
      ...labelLines(await readFile(path.join(root, result.testLabelFile), "utf8")),
    ];
    expect(samples).toHaveLength(10);
    let exact = 0;
    for (const [imagePath, text] of samples) {
      // The detector needs some page around a tight crop; white matches the clean background.
      const page = await sharp(path.join(root, imagePath)).extend({ top: 24, bottom: 24, left: 24, right: 24, background: "#ffffff" }).png().toBuffer();
      const read = (await engine.recognize(page)).lines.map((l) => l.text).join(" ");
      if (squash(read) === squash(text)) exact++;
    }
    expect(exact / samples.length).toBeGreaterThanOrEqual(0.9);
  });

  it("with blur, noise, gradients, rotation and two fonts still validate clean, at the asked font sizes", async () => {
    const { root, result } = await generate(
      options({
        count: 12,
        fonts: ["DejaVu Sans", "DejaVu Serif"],
        fontSize: { min: 20, max: 40 },
        backgrounds: ["solid", "gradient", "noise"],
        backgroundColors: ["#ffffff", "#f3ead2"],
        textColors: ["#111111", "#1e3a8a"],
        blur: 1,
        noise: 12,
        rotation: 4,
        wordsPerLine: { min: 1, max: 4 },
        maxChars: 25,
      }),
    );
    const report = await validateDataset({ task: "rec", root, labelFiles: [result.trainLabelFile, result.testLabelFile], dictionary, useSpaceChar: true });
    expect(report.ok).toBe(true);
    // Every label fits PaddleOCR's default max_text_length.
    expect(report.stats.textLength.filter((bin) => bin.min > 25).every((bin) => bin.count === 0)).toBe(true);
    for (const size of report.stats.imageSizes) {
      expect(size.h).toBeGreaterThanOrEqual(20);
      expect(size.h).toBeLessThan(40 * 3);
    }
  });

  it("gives byte-identical files for the same seed and different ones for another", async () => {
    const settings = { count: 6, backgrounds: ["noise", "gradient"], noise: 8, blur: 0.8, rotation: 3, fonts: ["DejaVu Sans", "DejaVu Sans Mono"] };
    const a = await generate(options(settings));
    const b = await generate(options(settings));
    const c = await generate({ ...options(settings), seed: 8 });
    const digest = async (root: string) => {
      const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
      const entries = await Promise.all(
        files.map(async (e) => {
          const file = path.join(e.parentPath, e.name);
          return `${path.relative(root, file)} ${createHash("sha256").update(await readFile(file)).digest("hex")}`;
        }),
      );
      return entries.sort();
    };
    expect(await readFile(path.join(a.root, "rec_gt_train.txt"))).toEqual(await readFile(path.join(b.root, "rec_gt_train.txt")));
    expect(await digest(a.root)).toEqual(await digest(b.root));
    expect(await readFile(path.join(c.root, "rec_gt_train.txt"), "utf8")).not.toBe(await readFile(path.join(a.root, "rec_gt_train.txt"), "utf8"));
  });

  it("stops at once when cancelled and says so", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "synth-"));
    folders.push(root);
    const controller = new AbortController();
    const run = generateSyntheticDataset(options({ count: 200 }), directorySink(root), {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    const written = await readdir(path.join(root, "train"));
    expect(written.length).toBeLessThan(10);
  });
});

describe("synthetic detection pages", () => {
  it("re-validate clean, and PP-OCRv4 finds each labelled line where its box says", async () => {
    const { root, result } = await generate(
      options({ task: "det", count: 2, testFraction: 0.5, fontSize: { min: 30, max: 36 }, page: { width: 800, height: 600, lines: { min: 4, max: 5 } } }),
    );
    expect(result).toMatchObject({ trainLabelFile: "det_gt_train.txt", testLabelFile: "det_gt_test.txt", train: 1, test: 1 });
    expect(result.boxes).toBeGreaterThanOrEqual(6);

    const report = await validateDataset({ task: "det", root, labelFiles: [result.trainLabelFile, result.testLabelFile] });
    expect(report.issues).toEqual([]);
    expect(report.boxes).toMatchObject({ total: result.boxes, outside: 0, ignored: 0 });

    const samples = [
      ...labelLines(await readFile(path.join(root, result.trainLabelFile), "utf8")),
      ...labelLines(await readFile(path.join(root, result.testLabelFile), "utf8")),
    ];
    let matched = 0;
    let total = 0;
    for (const [imagePath, json] of samples) {
      const labelled = JSON.parse(json) as Array<{ transcription: string; points: Array<[number, number]> }>;
      const read = (await engine.recognize(await readFile(path.join(root, imagePath)))).lines;
      for (const box of labelled) {
        total++;
        const centre = box.points.reduce(([sx, sy], [x, y]) => [sx + x / 4, sy + y / 4], [0, 0]);
        const hit = read.find((line) => squash(line.text) === squash(box.transcription));
        if (!hit) continue;
        const hitCentre = hit.box.reduce(([sx, sy], [x, y]) => [sx + x / 4, sy + y / 4], [0, 0]);
        if (Math.hypot(centre[0]! - hitCentre[0]!, centre[1]! - hitCentre[1]!) < 12) matched++;
      }
    }
    expect(matched / total).toBeGreaterThanOrEqual(0.9);
  });
});
