import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { describeCharacter, findUnknownCharacters, loadDictionary } from "./dictionary";
import { createImageHeaderReader, imageKey, isOutsideRoot, type ImageHeader } from "./image-headers";
import { IssueCollector } from "./issue-collector";
import { scanLabelEncoding } from "./label-encoding";
import { LabelStats } from "./label-stats";
import { isBlankLine, parseLabelLine, type DetBox, type LabelSample } from "./parse-label-line";
import type { LabelFileSummary, LineRef, ValidateDatasetOptions, ValidationIssue, ValidationReport } from "./types";

/** Boxes may overshoot the image by this much: annotation tools round outward and PaddleOCR clips anyway. */
export const BOX_TOLERANCE_PX = 1;
/** Lines shown per unknown character; more would repeat the same fix. */
const EXAMPLES_PER_CHARACTER = 5;

/**
 * Streams PaddleOCR label files and reports everything a user must fix before training.
 *
 * Duplicates: an image may be listed once across all the label files. A second det line for an image splits or
 * contradicts its boxes; a second rec/cls line trains twice on one crop (or on two labels for it); and the same
 * image in train and eval label files leaks the evaluation set. All are reported as `duplicate_image`.
 *
 * Label files are the caller's choice (relative to root or absolute) but must lie under root; a missing or
 * escaping label file rejects the promise, since nothing in it can be checked. Image paths come from the
 * user's data and are only ever reported, never followed outside root.
 */
export async function validateDataset(options: ValidateDatasetOptions): Promise<ValidationReport> {
  const { task, signal } = options;
  throwIfAborted(signal);
  const root = path.resolve(options.root);
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) throw new Error(`dataset root is not a directory: ${options.root}`);
  const realRoot = await realpath(root);

  const labelPaths = await Promise.all(options.labelFiles.map((file) => resolveLabelFile(realRoot, root, file)));
  const dictionary = options.dictionary ? await loadDictionary(path.resolve(root, options.dictionary), options.useSpaceChar) : null;
  throwIfAborted(signal);

  const issues = new IssueCollector(options.maxIssues ?? 1000, new Map(options.labelFiles.map((file, i) => [file, i])));
  const headers = createImageHeaderReader(root, Math.max(1, options.imageConcurrency ?? 4));
  const stats = new LabelStats();
  const images = { referenced: 0, found: 0, missing: 0, unreadable: 0, duplicates: 0 };
  const boxes = { total: 0, ignored: 0, outside: 0 };
  const firstSeen = new Map<string, LineRef>();
  const unknown = new Map<string, number>();
  const examples = new Map<string, LineRef[]>();
  const labelFiles: LabelFileSummary[] = [];

  // Image checks run alongside reading; capping them in flight keeps memory flat and lets readline pause the file.
  const pending = new Set<Promise<void>>();
  const maxPending = Math.max(1, options.imageConcurrency ?? 4) * 16;
  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  const checkUnknown = (text: string, at: LineRef) => {
    if (!dictionary) return;
    const found = findUnknownCharacters(text, dictionary);
    if (found.size === 0) return;
    let newExample = false;
    for (const [char, count] of found) {
      unknown.set(char, (unknown.get(char) ?? 0) + count);
      const lines = examples.get(char) ?? [];
      if (lines.length < EXAMPLES_PER_CHARACTER && !lines.some((l) => l.file === at.file && l.line === at.line)) {
        lines.push(at);
        examples.set(char, lines);
        newExample = true;
      }
    }
    if (newExample) {
      const chars = [...found.keys()];
      issues.add({
        kind: "unknown_characters",
        ...at,
        message: `line ${at.line}: not in the dictionary: ${chars.map(describeCharacter).join(", ")}; add ${chars.length === 1 ? "it" : "them"} to the dictionary or correct the text`,
        detail: { characters: chars },
      });
    }
  };

  const recordSample = (sample: LabelSample, at: LineRef) => {
    if (sample.task === "rec") {
      stats.addText(sample.text);
      checkUnknown(sample.text, at);
    } else if (sample.task === "det") {
      stats.boxesPerImage.add(sample.boxes.length);
      boxes.total += sample.boxes.length;
      for (const box of sample.boxes) {
        if (box.ignored) {
          boxes.ignored++;
          continue;
        }
        stats.addText(box.transcription);
        checkUnknown(box.transcription, at);
      }
    }
  };

  const checkImage = async (imagePath: string, key: string, first: boolean, sample: LabelSample | null, at: LineRef) => {
    const header = await headers.read(key);
    if (first) recordImage(header, imagePath, at);
    if (header.status === "ok" && sample?.task === "det") checkBoxes(sample.boxes, header.w, header.h, imagePath, at);
  };

  const recordImage = (header: ImageHeader, imagePath: string, at: LineRef) => {
    const base = { file: at.file, line: at.line };
    if (header.status === "ok") {
      images.found++;
      stats.addImageSize(header.w, header.h);
    } else if (header.status === "unreadable") {
      images.unreadable++;
      issues.add({ kind: "unreadable_image", ...base, message: `line ${at.line}: ${imagePath} is not a readable image (${header.message}); replace the file or remove the line`, detail: { imagePath } });
    } else {
      images.missing++;
      const why = {
        not_found: `${imagePath} does not exist under the dataset folder; add the image or fix the path (it is relative to the dataset root)`,
        not_a_file: `${imagePath} is a folder, not an image file; fix the path`,
        outside_root: `${imagePath} points outside the dataset folder and was not read; use a path inside the dataset`,
      }[header.reason];
      issues.add({ kind: "missing_image", ...base, message: `line ${at.line}: ${why}`, detail: { imagePath, reason: header.reason } });
    }
  };

  const checkBoxes = (list: DetBox[], w: number, h: number, imagePath: string, at: LineRef) => {
    list.forEach((box, index) => {
      const point = box.points.find(([x, y]) => x < -BOX_TOLERANCE_PX || y < -BOX_TOLERANCE_PX || x > w + BOX_TOLERANCE_PX || y > h + BOX_TOLERANCE_PX);
      if (!point) return;
      boxes.outside++;
      issues.add({
        kind: "box_outside_image",
        file: at.file,
        line: at.line,
        message: `line ${at.line}: box ${index + 1} point (${point[0]}, ${point[1]}) lies outside the ${w}×${h} image; fix the coordinates or the image`,
        detail: { imagePath, box: index + 1, point, imageSize: { w, h } },
      });
    });
  };

  for (const [index, file] of options.labelFiles.entries()) {
    const labelPath = labelPaths[index] as string;
    const totalBytes = (await stat(labelPath)).size;
    const summary: LabelFileSummary = { file, lines: 0, samples: 0 };
    labelFiles.push(summary);
    const encoding = await scanLabelEncoding(labelPath, { maxLines: options.maxIssues ?? 1000, signal });
    if (encoding.utf16) {
      issues.add({
        kind: "not_utf8",
        file,
        line: 1,
        message: `line 1: the file is UTF-16 (${encoding.utf16 === "le" ? "little" : "big"}-endian, it starts with a UTF-16 byte-order mark); save it as UTF-8, which PaddleOCR reads`,
      });
      continue;
    }
    const notUtf8 = new Set(encoding.badLines);

    const stream = createReadStream(labelPath, { encoding: "utf8" });
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    const stop = () => stream.destroy();
    signal?.addEventListener("abort", stop, { once: true });
    let lineNumber = 0;
    let blanks: number[] = [];
    let reportedBytes = -1;
    const progress = () => {
      reportedBytes = stream.bytesRead;
      options.onProgress?.({ file, linesRead: lineNumber, bytesRead: stream.bytesRead, totalBytes });
    };

    try {
      for await (const raw of lines) {
        throwIfAborted(signal);
        lineNumber++;
        if (isBlankLine(raw)) {
          // Blank lines at the end are harmless; only those followed by more labels break PaddleOCR.
          blanks.push(lineNumber);
          continue;
        }
        for (const line of blanks) for (const issue of parseLabelLine(task, "", { file, line }).issues) issues.add(issue);
        blanks = [];

        const at = { file, line: lineNumber };
        if (notUtf8.has(lineNumber)) {
          // Its text is not what the user wrote (Node replaced the bad bytes), so nothing else on it is judged.
          issues.add({ kind: "not_utf8", ...at, message: `line ${lineNumber}: not valid UTF-8 (PaddleOCR reads label files as UTF-8 and fails on this line); save the file as UTF-8` });
          if (stream.bytesRead !== reportedBytes) progress();
          continue;
        }
        const parsed = parseLabelLine(task, raw, at);
        for (const issue of parsed.issues) issues.add(issue);
        if (parsed.sample) {
          summary.samples++;
          recordSample(parsed.sample, at);
        }
        if (parsed.imagePath !== null) {
          const key = imageKey(root, parsed.imagePath);
          const seen = firstSeen.get(key);
          if (seen) {
            images.duplicates++;
            issues.add(duplicateIssue(parsed.imagePath, seen, at));
          } else {
            firstSeen.set(key, at);
            images.referenced++;
          }
          // Escaping paths are settled without touching the disk, and keep their line's place among the issues.
          if (isOutsideRoot(key) && !seen) recordImage({ status: "missing", reason: "outside_root" }, parsed.imagePath, at);
          else track(checkImage(parsed.imagePath, key, !seen, parsed.sample, at));
          if (pending.size >= maxPending) await abortable(Promise.race(pending), signal);
        }
        if (stream.bytesRead !== reportedBytes) progress();
      }
      throwIfAborted(signal);
      summary.lines = lineNumber - blanks.length;
      progress();
    } finally {
      signal?.removeEventListener("abort", stop);
      lines.close();
      stream.destroy();
    }
  }
  await abortable(Promise.all(pending), signal);

  const { issues: list, truncated } = issues.result();
  return {
    task,
    labelFiles,
    images,
    boxes,
    ...(dictionary
      ? { charset: { dictionarySize: dictionary.size, unknown: Object.fromEntries(unknown), examples: Object.fromEntries(examples) } }
      : {}),
    issues: list,
    issuesTruncated: truncated,
    issueCounts: { ...issues.counts },
    stats: {
      boxesPerImage: task === "det" ? stats.boxesPerImage.toJSON() : [],
      textLength: task === "cls" ? [] : stats.textLength.toJSON(),
      charFrequency: stats.charFrequency(),
      imageSizes: stats.imageSizes(),
    },
    ok: list.length === 0 && truncated === 0,
  };
}

function duplicateIssue(imagePath: string, first: LineRef, at: LineRef): ValidationIssue {
  const where = first.file === at.file ? `line ${first.line}` : `${first.file} line ${first.line}`;
  const why = first.file === at.file ? "keep one line per image" : "an image in two label files leaks between splits; keep it in one";
  return { kind: "duplicate_image", file: at.file, line: at.line, message: `line ${at.line}: ${imagePath} is already listed at ${where}; ${why}`, detail: { imagePath, firstSeen: first } };
}

async function resolveLabelFile(realRoot: string, root: string, file: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(path.resolve(root, file));
  } catch {
    throw new Error(`label file not found: ${file}`);
  }
  // Label lines are echoed back in messages, so a file outside the dataset could leak server files.
  if (isOutsideRoot(path.relative(realRoot, real))) throw new Error(`label file is outside the dataset root: ${file}`);
  return real;
}

function abortError(): DOMException {
  return new DOMException("Dataset validation was aborted", "AbortError");
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** Waits for `work` unless the signal fires first; `work` itself never rejects here (image reads settle to statuses). */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  throwIfAborted(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
