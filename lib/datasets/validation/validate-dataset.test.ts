import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ValidationProgress, ValidationReport } from "./types";
import { validateDataset } from "./validate-dataset";

let tmp: string;
let root: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "label-validation-"));
  root = path.join(tmp, "dataset");
  await mkdir(root);
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function png(relative: string, width: number, height: number, base = root) {
  const file = path.join(base, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, await sharp({ create: { width, height, channels: 3, background: "#fff" } }).png().toBuffer());
}
const write = (relative: string, text: string) => writeFile(path.join(root, relative), text);
const rect = (transcription: string, x0: number, y0: number, x1: number, y1: number) => ({ transcription, points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] });
const detLine = (image: string, boxes: unknown[]) => `${image}\t${JSON.stringify(boxes)}`;
const kinds = (r: ValidationReport) => r.issues.map((i) => [i.kind, i.line]);

describe("validateDataset det", () => {
  it("passes a clean set with exact counts", async () => {
    await png("imgs/a.png", 100, 50);
    await png("imgs/b.png", 200, 100);
    await png("imgs/c.png", 100, 50);
    await write(
      "train.txt",
      [
        // x = 101 is within the 1-px tolerance.
        detLine("imgs/a.png", [rect("Hello", 0, 0, 101, 20), rect("###", 10, 25, 90, 45)]),
        detLine("./imgs/b.png", [{ transcription: "poly", points: [[0, 0], [50, 0], [100, 10], [100, 40], [50, 40], [0, 30]] }]),
      ].join("\n") + "\n",
    );
    await write("test.txt", detLine("imgs/c.png", []) + "\n");

    const report = await validateDataset({ task: "det", root, labelFiles: ["train.txt", "test.txt"] });
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({
      task: "det",
      ok: true,
      issuesTruncated: 0,
      labelFiles: [
        { file: "train.txt", lines: 2, samples: 2 },
        { file: "test.txt", lines: 1, samples: 1 },
      ],
      images: { referenced: 3, found: 3, missing: 0, unreadable: 0, duplicates: 0 },
      boxes: { total: 3, ignored: 1, outside: 0 },
    });
    expect(report.charset).toBeUndefined();
    expect(report.stats.imageSizes).toEqual([{ w: 100, h: 50, count: 2 }, { w: 200, h: 100, count: 1 }]);
    expect(report.stats.boxesPerImage.filter((b) => b.count > 0)).toEqual([
      { min: 0, max: 0, count: 1 },
      { min: 1, max: 1, count: 1 },
      { min: 2, max: 5, count: 1 },
    ]);
    expect(report.stats.textLength.find((b) => b.min === 1)?.count).toBe(2);
    expect(report.stats.charFrequency[0]).toEqual({ char: "l", count: 3 });
  });

  it("reports each kind of problem at its line", async () => {
    await png("a.png", 100, 50);
    await png("b.png", 200, 100);
    await png("c.png", 100, 50);
    await png("d.png", 100, 50);
    await png("e.png", 100, 50);
    await png("f.png", 100, 50);
    await write("broken.png", "this is not a PNG");
    const ok = [rect("x", 0, 0, 10, 10)];
    await write(
      "train.txt",
      [
        detLine("a.png", ok), // 1
        "b.png " + JSON.stringify(ok), // 2: no tab
        'c.png\t[{"transcription": "x", "points": [[0,0]]', // 3: bad JSON
        detLine("missing.png", ok), // 4
        detLine("a.png", ok), // 5: duplicate
        detLine("b.png", [rect("x", 0, 0, 10, 10), rect("far", 150, 10, 250, 20)]), // 6: box 2 outside 200 px
        detLine("f.png", [{ transcription: "x", points: [[0, 0], [1, 0], [1, 1]] }]), // 7
        detLine("d.png", [rect("", 0, 0, 10, 10)]), // 8
        detLine("broken.png", ok), // 9
        "", // 10: blank line between labels
        detLine("e.png", ok), // 11
        "",
        "",
      ].join("\n"),
    );

    const report = await validateDataset({ task: "det", root, labelFiles: ["train.txt"] });
    expect(report.ok).toBe(false);
    expect(kinds(report)).toEqual([
      ["malformed_line", 2],
      ["bad_json", 3],
      ["missing_image", 4],
      ["duplicate_image", 5],
      ["box_outside_image", 6],
      ["too_few_points", 7],
      ["empty_transcription", 8],
      ["unreadable_image", 9],
      ["malformed_line", 10],
    ]);
    const message = (line: number) => report.issues.find((i) => i.line === line)?.message;
    expect(message(2)).toBe("line 2: no tab between image path and label");
    expect(message(3)).toMatch(/^line 3: not JSON after the tab: /);
    expect(message(4)).toBe("line 4: missing.png does not exist under the dataset folder; add the image or fix the path (it is relative to the dataset root)");
    expect(message(5)).toBe("line 5: a.png is already listed at line 1; keep one line per image");
    expect(message(6)).toBe("line 6: box 2 point (250, 10) lies outside the 200×100 image; fix the coordinates or the image");
    expect(message(7)).toBe("line 7: box 1: points must be at least 4 [x, y] pairs, got 3");
    expect(message(9)).toMatch(/^line 9: broken\.png is not a readable image \(.+\); replace the file or remove the line$/);
    expect(message(10)).toBe("line 10: blank line; PaddleOCR fails on blank lines between labels, delete it");
    expect(report.issues.find((i) => i.line === 6)?.detail).toEqual({ imagePath: "b.png", box: 2, point: [250, 10], imageSize: { w: 200, h: 100 } });
    expect(report.labelFiles).toEqual([{ file: "train.txt", lines: 11, samples: 8 }]);
    expect(report.images).toEqual({ referenced: 8, found: 6, missing: 1, unreadable: 1, duplicates: 1 });
    expect(report.boxes).toEqual({ total: 8, ignored: 0, outside: 1 });
  });

  it("flags an image listed in two label files", async () => {
    await png("a.png", 10, 10);
    await write("train.txt", "a.png\tabc\n");
    await write("val.txt", "./a.png\tabc\n");
    const report = await validateDataset({ task: "rec", root, labelFiles: ["train.txt", "val.txt"] });
    expect(report.issues).toEqual([
      {
        kind: "duplicate_image",
        file: "val.txt",
        line: 1,
        message: "line 1: ./a.png is already listed at train.txt line 1; an image in two label files leaks between splits; keep it in one",
        detail: { imagePath: "./a.png", firstSeen: { file: "train.txt", line: 1 } },
      },
    ]);
  });
});

describe("validateDataset rec and cls", () => {
  it("tolerates a BOM, CRLF and blank trailing lines", async () => {
    await png("crops/1.png", 40, 10);
    await png("crops/2.png", 40, 10);
    await write("rec.txt", "\uFEFFcrops/1.png\tHello world\r\ncrops/2.png\tfoo\r\n\r\n\r\n");
    const report = await validateDataset({ task: "rec", root, labelFiles: ["rec.txt"] });
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.labelFiles).toEqual([{ file: "rec.txt", lines: 2, samples: 2 }]);
    expect(report.stats.charFrequency.find((c) => c.char === "\r")).toBeUndefined();
    expect(report.stats.textLength.find((b) => b.min === 11)?.count).toBe(1);
  });

  it("reports lines that are not UTF-8 at their line instead of crashing, in CR, LF and CRLF files", async () => {
    await png("a.png", 40, 10);
    await png("b.png", 40, 10);
    await png("c.png", 40, 10);
    for (const eol of ["\n", "\r\n", "\r"]) {
      const latin1 = Buffer.concat([
        Buffer.from(`a.png\tcafe${eol}b.png\tcaf`),
        Buffer.from([0xe9]), // "é" in Latin-1: not UTF-8
        Buffer.from(`${eol}c.png\tok ${eol}`),
        Buffer.from([0xff, 0xfe, 0x41]),
        Buffer.from(eol),
      ]);
      await writeFile(path.join(root, "rec.txt"), latin1);
      const report = await validateDataset({ task: "rec", root, labelFiles: ["rec.txt"] });
      expect(kinds(report), JSON.stringify(eol)).toEqual([
        ["not_utf8", 2],
        ["not_utf8", 4],
      ]);
      expect(report.issues[0]?.message).toBe("line 2: not valid UTF-8 (PaddleOCR reads label files as UTF-8 and fails on this line); save the file as UTF-8");
      expect(report.images.referenced).toBe(2);
    }
  });

  it("says a UTF-16 label file must be saved as UTF-8", async () => {
    await writeFile(path.join(root, "rec.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a.png\thi\n", "utf16le")]));
    const report = await validateDataset({ task: "rec", root, labelFiles: ["rec.txt"] });
    expect(kinds(report)).toEqual([["not_utf8", 1]]);
    expect(report.issues[0]?.message).toMatch(/UTF-16 .*save it as UTF-8/);
  });

  it("checks cls labels", async () => {
    await png("a.png", 40, 10);
    await png("b.png", 40, 10);
    await mkdir(path.join(root, "sub"));
    await write("cls.txt", "a.png\t180\nb.png\t90\nsub\t0\n");
    const report = await validateDataset({ task: "cls", root, labelFiles: ["cls.txt"] });
    expect(report.issues.map((i) => [i.kind, i.line, i.detail?.reason])).toEqual([
      ["bad_label", 2, undefined],
      ["missing_image", 3, "not_a_file"],
    ]);
    expect(report.images.found).toBe(2);
    expect(report.labelFiles[0]?.samples).toBe(2);
  });

  it("refuses image paths that leave the root, including through symlinks", async () => {
    await png("secret.png", 10, 10, tmp);
    await png("other.png", 10, 10, tmp);
    await png("ok.png", 10, 10);
    await symlink(path.join(tmp, "secret.png"), path.join(root, "link.png"));
    await write("cls.txt", `../secret.png\t0\nok.png\t0\nlink.png\t0\n${path.join(tmp, "other.png")}\t0\n`);
    const report = await validateDataset({ task: "cls", root, labelFiles: ["cls.txt"] });
    expect(report.issues.map((i) => [i.kind, i.line, i.detail?.reason])).toEqual([
      ["missing_image", 1, "outside_root"],
      ["missing_image", 3, "outside_root"],
      ["missing_image", 4, "outside_root"],
    ]);
    expect(report.issues[0]?.message).toBe("line 1: ../secret.png points outside the dataset folder and was not read; use a path inside the dataset");
    expect(report.images).toMatchObject({ referenced: 4, found: 1, missing: 3 });
  });

  it("rejects label files outside the root", async () => {
    await writeFile(path.join(tmp, "outside.txt"), "a.png\t0\n");
    await expect(validateDataset({ task: "cls", root, labelFiles: ["../outside.txt"] })).rejects.toThrow("outside the dataset root");
    await expect(validateDataset({ task: "cls", root, labelFiles: ["nope.txt"] })).rejects.toThrow("label file not found");
  });

  it("counts characters missing from the dictionary and shows the first few lines", async () => {
    await write("dict.txt", "\uFEFFa\r\nb\r\nc\r\n");
    await png("x.png", 10, 10);
    const lines = ["x0.png\tab c", "x1.png\tabé", ...Array.from({ length: 6 }, (_, i) => `y${i}.png\téé`), "z.png\tcß"];
    await write("rec.txt", lines.join("\n"));
    const report = await validateDataset({ task: "rec", root, labelFiles: ["rec.txt"], dictionary: "dict.txt", useSpaceChar: true });
    expect(report.charset).toEqual({
      dictionarySize: 4,
      unknown: { é: 13, ß: 1 },
      examples: {
        é: [2, 3, 4, 5, 6].map((line) => ({ file: "rec.txt", line })),
        ß: [{ file: "rec.txt", line: 9 }],
      },
    });
    const unknownIssues = report.issues.filter((i) => i.kind === "unknown_characters");
    expect(unknownIssues.map((i) => i.line)).toEqual([2, 3, 4, 5, 6, 9]);
    expect(unknownIssues[0]?.message).toBe('line 2: not in the dictionary: "é" (U+00E9); add it to the dictionary or correct the text');

    await png("page.png", 100, 100);
    await write("det.txt", detLine("page.png", [rect("abß", 0, 0, 10, 10), rect("###", 0, 0, 5, 5)]) + "\n");
    const det = await validateDataset({ task: "det", root, labelFiles: ["det.txt"], dictionary: "dict.txt" });
    expect(kinds(det)).toEqual([["unknown_characters", 1]]);
    expect(det.charset?.unknown).toEqual({ ß: 1 });

    const withoutSpace = await validateDataset({ task: "rec", root, labelFiles: ["rec.txt"], dictionary: "dict.txt" });
    expect(withoutSpace.charset?.unknown[" "]).toBe(1);
  });
});

describe("validateDataset streaming", () => {
  async function bigRecFile(lines: number) {
    await png("img/0.png", 32, 8);
    await png("img/1.png", 32, 8);
    await png("img/2.png", 32, 8);
    const text = Array.from({ length: lines }, (_, i) => `img/${i}.png\tword number ${i}\n`).join("");
    await write("rec.txt", text);
    return Buffer.byteLength(text);
  }

  it("reports progress with increasing bytes", async () => {
    const size = await bigRecFile(20_000);
    const seen: ValidationProgress[] = [];
    await validateDataset({ task: "rec", root, labelFiles: ["rec.txt"], onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.bytesRead).toBeGreaterThanOrEqual(seen[i - 1]!.bytesRead);
      expect(seen[i]!.linesRead).toBeGreaterThanOrEqual(seen[i - 1]!.linesRead);
    }
    expect(seen.at(-1)).toEqual({ file: "rec.txt", linesRead: 20_000, bytesRead: size, totalBytes: size });
  });

  it("stops when aborted", async () => {
    await bigRecFile(50_000);
    const controller = new AbortController();
    let calls = 0;
    const run = validateDataset({
      task: "rec",
      root,
      labelFiles: ["rec.txt"],
      signal: controller.signal,
      onProgress: () => {
        if (++calls === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(calls).toBe(2);

    const aborted = AbortSignal.abort();
    await expect(validateDataset({ task: "rec", root, labelFiles: ["rec.txt"], signal: aborted })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("streams a 100k-line file with bounded issues", async () => {
    await bigRecFile(100_000);
    const started = performance.now();
    const report = await validateDataset({ task: "rec", root, labelFiles: ["rec.txt"] });
    const ms = performance.now() - started;
    console.log(`[label-validation] 100k rec lines in ${ms.toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
    expect(report.labelFiles).toEqual([{ file: "rec.txt", lines: 100_000, samples: 100_000 }]);
    expect(report.images).toEqual({ referenced: 100_000, found: 3, missing: 99_997, unreadable: 0, duplicates: 0 });
    expect(report.issues).toHaveLength(1000);
    expect(report.issuesTruncated).toBe(99_997 - 1000);
    expect(report.issues[0]).toMatchObject({ kind: "missing_image", line: 4 });
    expect(report.issues.at(-1)?.line).toBe(1003);
    expect(report.stats.imageSizes).toEqual([{ w: 32, h: 8, count: 3 }]);
  });
});
