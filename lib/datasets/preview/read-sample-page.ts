import { open, realpath } from "node:fs/promises";
import path from "node:path";
import { createImageHeaderReader, imageKey, isOutsideRoot } from "@/lib/datasets/validation/image-headers";
import { isBlankLine, parseLabelLine } from "@/lib/datasets/validation/parse-label-line";
import type { LabelTask } from "@/lib/datasets/validation/types";
import { ConsoleError } from "@/lib/errors/console-error";
import { imageProblem } from "./image-problem";
import type { Sample } from "./preview-schemas";
import { decodeSampleCursor, encodeSampleCursor } from "./sample-cursor";

export interface ReadSamplePageOptions {
  /** The dataset's local folder; image paths in the label file are relative to it. */
  root: string;
  /** Relative to root. */
  labelFile: string;
  task: LabelTask;
  q?: string;
  cursor?: string;
  limit: number;
  /**
   * A search reads at most this much per page, so a query that matches nothing in a large file answers
   * quickly with a cursor to read on, instead of holding the request for the whole file.
   */
  scanBudget?: { lines: number; bytes: number };
}

const CHUNK_BYTES = 64 * 1024;
const DEFAULT_BUDGET = { lines: 50_000, bytes: 16 * 1024 * 1024 };

/**
 * One page of a label file's samples from a byte offset, optionally only those whose text contains `q`
 * (case-insensitive), each with its image's size so boxes can be drawn over a thumbnail at any scale.
 */
export async function readSamplePage(options: ReadSamplePageOptions): Promise<{ items: Sample[]; nextCursor: string | null; linesScanned: number }> {
  const { task, limit } = options;
  const budget = options.scanBudget ?? DEFAULT_BUDGET;
  const query = options.q?.trim().toLocaleLowerCase() || null;
  const start = decodeSampleCursor(options.cursor);
  const file = await labelFilePath(options.root, options.labelFile);

  const found: Array<Omit<Sample, "image" | "imageProblem">> = [];
  const handle = await open(file, "r");
  let offset = start.offset;
  let line = start.line;
  let linesScanned = 0;
  let bytesScanned = 0;
  let stoppedEarly = false;
  try {
    const size = (await handle.stat()).size;
    let pending = Buffer.alloc(0);
    let position = start.offset;
    const take = (bytes: Buffer) => {
      const raw = bytes.toString("utf8");
      const at = { file: options.labelFile, line };
      offset += bytes.length;
      line++;
      linesScanned++;
      bytesScanned += bytes.length;
      if (isBlankLine(raw)) return;
      const parsed = parseLabelLine(task, raw, at);
      const sample = parsed.sample;
      const text = sample?.task === "rec" ? sample.text : sample?.task === "cls" ? sample.label : null;
      const boxes = sample?.task === "det" ? sample.boxes.map((b) => ({ transcription: b.transcription, points: b.points, ignored: b.ignored })) : [];
      if (query) {
        const texts = text !== null ? [text] : boxes.map((b) => b.transcription);
        if (!texts.some((t) => t.toLocaleLowerCase().includes(query))) return;
      }
      found.push({ line: at.line, imagePath: parsed.imagePath, text, boxes, labelProblem: parsed.issues[0]?.message ?? null });
    };

    outer: while (position < size || pending.length > 0) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = position < size ? await handle.read(chunk, 0, CHUNK_BYTES, position) : { bytesRead: 0 };
      position += bytesRead;
      const buffer = pending.length > 0 ? Buffer.concat([pending, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let from = 0;
      for (let newline = buffer.indexOf(10, from); newline >= 0; newline = buffer.indexOf(10, from)) {
        // The newline is counted in the offset but not in the line.
        take(buffer.subarray(from, newline));
        offset += 1;
        from = newline + 1;
        if (found.length >= limit || linesScanned >= budget.lines || bytesScanned >= budget.bytes) {
          stoppedEarly = true;
          break outer;
        }
      }
      pending = Buffer.from(buffer.subarray(from));
      if (bytesRead === 0) {
        // The last line has no newline.
        if (pending.length > 0) take(pending);
        pending = Buffer.alloc(0);
        break;
      }
    }
    const nextCursor = stoppedEarly && offset < size ? encodeSampleCursor({ offset, line }) : null;
    const items = await withImageSizes(options.root, found);
    return { items, nextCursor, linesScanned };
  } finally {
    await handle.close();
  }
}

async function withImageSizes(root: string, found: Array<Omit<Sample, "image" | "imageProblem">>): Promise<Sample[]> {
  const headers = createImageHeaderReader(root, 4);
  return Promise.all(
    found.map(async (sample): Promise<Sample> => {
      if (sample.imagePath === null) return { ...sample, image: null, imageProblem: null };
      const header = await headers.read(imageKey(root, sample.imagePath));
      return { ...sample, image: header.status === "ok" ? { width: header.w, height: header.h } : null, imageProblem: imageProblem(header) };
    }),
  );
}

/** The label file, which must lie inside the dataset (its lines are shown back to the user). */
async function labelFilePath(root: string, labelFile: string): Promise<string> {
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) throw new ConsoleError("unavailable", "The dataset's files are not on this server yet.");
  const file = await realpath(path.resolve(realRoot, labelFile)).catch(() => null);
  if (!file) throw new ConsoleError("not_found", `The label file ${labelFile} is not in the dataset.`);
  if (isOutsideRoot(path.relative(realRoot, file))) throw new ConsoleError("bad_request", `The label file ${labelFile} lies outside the dataset folder.`);
  return file;
}
