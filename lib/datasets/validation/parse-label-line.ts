import type { LabelTask, LineRef, ValidationIssue, ValidationIssueDetail, ValidationIssueKind } from "./types";

/** Transcription PaddleOCR treats as a "don't care" region: kept out of the loss, not an error. */
export const IGNORED_TRANSCRIPTION = "###";
export const CLS_LABELS = ["0", "180"] as const;
export type ClsLabel = (typeof CLS_LABELS)[number];

export interface DetBox {
  transcription: string;
  points: Array<[number, number]>;
  ignored: boolean;
}

export type LabelSample =
  | { task: "det"; imagePath: string; boxes: DetBox[] }
  | { task: "rec"; imagePath: string; text: string }
  | { task: "cls"; imagePath: string; label: ClsLabel };

export interface ParsedLine {
  /** Set whenever the line names an image, even if its label is broken, so the image can still be checked. */
  imagePath: string | null;
  /** Null when the label cannot be used for training as written. */
  sample: LabelSample | null;
  issues: ValidationIssue[];
}

/**
 * Strips what editors add around a line without changing its meaning to the user: a UTF-8 BOM
 * (Notepad writes one) and the CR of Windows line endings.
 */
export function cleanLabelLine(raw: string): string {
  let line = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (line.endsWith("\r")) line = line.slice(0, -1);
  return line;
}

export function isBlankLine(line: string): boolean {
  return cleanLabelLine(line).trim() === "";
}

export function parseLabelLine(task: LabelTask, rawLine: string, at: LineRef): ParsedLine {
  const issues: ValidationIssue[] = [];
  const report = (kind: ValidationIssueKind, text: string, detail?: ValidationIssueDetail) => {
    issues.push({ kind, file: at.file, line: at.line, message: `line ${at.line}: ${text}`, ...(detail ? { detail } : {}) });
  };

  const line = cleanLabelLine(rawLine);
  const tab = line.indexOf("\t");
  if (tab < 0) {
    report("malformed_line", line.trim() === "" ? "blank line; PaddleOCR fails on blank lines between labels, delete it" : "no tab between image path and label");
    return { imagePath: null, sample: null, issues };
  }
  const imagePath = line.slice(0, tab);
  const label = line.slice(tab + 1);
  if (imagePath.trim() === "") {
    report("malformed_line", "the image path before the tab is empty");
    return { imagePath: null, sample: null, issues };
  }
  // PaddleOCR splits on every tab and keeps only the second field, so anything after another tab is silently lost.
  if (label.includes("\t")) {
    report("malformed_line", "more than one tab; PaddleOCR keeps only the text between the first and second tab, remove the extra tab", { imagePath });
    return { imagePath, sample: null, issues };
  }

  switch (task) {
    case "rec": {
      if (label === "") report("empty_transcription", "the text after the tab is empty; write the text shown in the image", { imagePath });
      return { imagePath, sample: { task, imagePath, text: label }, issues };
    }
    case "cls": {
      if (!(CLS_LABELS as readonly string[]).includes(label)) {
        report("bad_label", `label must be 0 or 180, got ${JSON.stringify(label)}`, { imagePath, label });
        return { imagePath, sample: null, issues };
      }
      return { imagePath, sample: { task, imagePath, label: label as ClsLabel }, issues };
    }
    case "det": {
      const boxes = parseDetBoxes(label, imagePath, report);
      return { imagePath, sample: boxes ? { task, imagePath, boxes } : null, issues };
    }
  }
}

type Report = (kind: ValidationIssueKind, text: string, detail?: ValidationIssueDetail) => void;

/** Returns the usable boxes (bad ones are reported and dropped), or null when the label is not a box list at all. */
function parseDetBoxes(label: string, imagePath: string, report: Report): DetBox[] | null {
  let json: unknown;
  try {
    json = JSON.parse(label);
  } catch (error) {
    report("bad_json", `not JSON after the tab: ${error instanceof Error ? error.message : String(error)}`, { imagePath });
    return null;
  }
  if (!Array.isArray(json)) {
    report("bad_json", `expected a JSON array of boxes after the tab, got ${describeJson(json)}`, { imagePath });
    return null;
  }

  const boxes: DetBox[] = [];
  json.forEach((entry: unknown, index) => {
    const box = index + 1;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      report("bad_json", `box ${box} must be an object like {"transcription": "...", "points": [[x, y], ...]}, got ${describeJson(entry)}`, { imagePath, box });
      return;
    }
    const { transcription, points } = entry as Record<string, unknown>;
    if (typeof transcription !== "string") {
      report("bad_json", `box ${box} needs a "transcription" string, got ${describeJson(transcription)}`, { imagePath, box });
      return;
    }
    if (!Array.isArray(points)) {
      report("bad_json", `box ${box} needs a "points" array of [x, y] pairs, got ${describeJson(points)}`, { imagePath, box });
      return;
    }
    const pairs: Array<[number, number]> = [];
    for (const [i, point] of points.entries()) {
      if (!Array.isArray(point) || point.length !== 2 || !point.every((v) => typeof v === "number" && Number.isFinite(v))) {
        report("bad_json", `box ${box} point ${i + 1} must be an [x, y] pair of numbers, got ${JSON.stringify(point) ?? "nothing"}`, { imagePath, box });
        return;
      }
      pairs.push([point[0] as number, point[1] as number]);
    }
    if (pairs.length < 4) {
      report("too_few_points", `box ${box}: points must be at least 4 [x, y] pairs, got ${pairs.length}`, { imagePath, box, points: pairs.length });
      return;
    }
    if (transcription === "") {
      report("empty_transcription", `box ${box} has an empty transcription; write the text, or "${IGNORED_TRANSCRIPTION}" to mark a region to ignore`, { imagePath, box });
    }
    boxes.push({ transcription, points: pairs, ignored: transcription === IGNORED_TRANSCRIPTION });
  });
  return boxes;
}

function describeJson(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}
