import { normalizeOcrAnswer, OcrClientError, type NormalizedOcrLine } from "@/lib/ocr/client";
import type { Quad } from "@/lib/ocr";
import type { InvocationMapping } from "./endpoint-options";

// How the console talks to a custom SageMaker container: what body it sends (the image itself, an
// S3 reference, base64 JSON or a user's template) and how it reads the answer back into OCR lines.

export interface InvocationBody {
  body: Uint8Array;
  contentType: string;
}

/** The uploaded image an S3-reference request points at. */
export interface UploadedImage {
  bucket: string;
  key: string;
}

/** Whether this mapping sends an S3 reference (so the image must be uploaded first). */
export function needsUpload(mapping: InvocationMapping): boolean {
  if (mapping.requestTemplate) return /\{\{\s*(bucket|key|s3uri)\s*\}\}/.test(mapping.requestTemplate);
  return mapping.mode === "s3-reference";
}

export function invocationBody(
  mapping: InvocationMapping,
  image: Uint8Array,
  imageType: string,
  uploaded: UploadedImage | null,
  params: Record<string, unknown> | undefined,
): InvocationBody {
  const json = (value: unknown): InvocationBody => ({ body: Buffer.from(JSON.stringify(value), "utf8"), contentType: "application/json" });
  if (mapping.requestTemplate) {
    const values: Record<string, string> = {
      bucket: uploaded?.bucket ?? "",
      key: uploaded?.key ?? "",
      s3uri: uploaded ? `s3://${uploaded.bucket}/${uploaded.key}` : "",
      base64: /\{\{\s*base64\s*\}\}/.test(mapping.requestTemplate) ? Buffer.from(image).toString("base64") : "",
      contentType: imageType,
    };
    const filled = mapping.requestTemplate.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
      name === "params" ? JSON.stringify(params ?? {}) : JSON.stringify(values[name] ?? "").slice(1, -1),
    );
    return { body: Buffer.from(filled, "utf8"), contentType: mapping.contentType ?? "application/json" };
  }
  switch (mapping.mode) {
    case "s3-reference":
      if (!uploaded) throw new Error("an S3-reference request needs the uploaded image");
      // Exactly what the seed's container reads (content_type names the request's own type there).
      return json({ bucket: uploaded.bucket, image_uri: uploaded.key, content_type: "application/json" });
    case "json-base64":
      return json({ image: Buffer.from(image).toString("base64"), ...(params && Object.keys(params).length > 0 ? { params } : {}) });
    case "raw":
      return { body: image, contentType: mapping.contentType ?? imageType };
  }
}

/** Reads a container's JSON answer into OCR lines, in the mapping's format or by recognising it. */
export function readOcrAnswer(mapping: InvocationMapping, json: unknown): NormalizedOcrLine[] {
  switch (mapping.response) {
    case "seed":
      return seedLines(json);
    case "paddleocr":
      return paddleOcrLines(json);
    case "custom":
      return customLines(json, mapping.responsePaths ?? { lines: "", text: "text", score: "score", box: "box" });
    case "console":
    case "paddle-serving-pipeline":
    case "paddlehub":
    case "paddlex":
      return normalizeOcrAnswer(mapping.response, json).lines;
    case "auto":
      return autoLines(json);
  }
}

function autoLines(json: unknown): NormalizedOcrLine[] {
  if (isRecord(json)) {
    if (Array.isArray(json.label) || Array.isArray(json.labels)) return seedLines(json);
    if (Array.isArray(json.lines)) return normalizeOcrAnswer("console", json).lines;
    if (Array.isArray(json.results)) return normalizeOcrAnswer("paddlehub", json).lines;
    if (Array.isArray(json.value) || json.err_no !== undefined) return normalizeOcrAnswer("paddle-serving-pipeline", json).lines;
    if (isRecord(json.result) || json.errorCode !== undefined) return normalizeOcrAnswer("paddlex", json).lines;
    for (const key of ["result", "results", "ocr", "data", "predictions"]) {
      if (Array.isArray(json[key])) return paddleOcrLines(json[key]);
    }
  }
  if (Array.isArray(json)) return paddleOcrLines(json);
  throw new OcrClientError("protocol", `Cannot read the container's answer as OCR lines: ${preview(json)}. Set the endpoint's response format.`);
}

/** The seed container's answer: `{"label": [...], "confidence": [...], "bbox": [...]}`, index-aligned. */
function seedLines(json: unknown): NormalizedOcrLine[] {
  const fail = (what: string): never => {
    throw new OcrClientError("protocol", `Not a label/confidence/bbox answer: ${what}.`);
  };
  if (!isRecord(json)) return fail("the body is not a JSON object");
  const labels = (json.label ?? json.labels) as unknown;
  const scores = (json.confidence ?? json.confidences ?? json.score ?? json.scores) as unknown;
  const boxes = (json.bbox ?? json.bboxes ?? json.boxes) as unknown;
  if (!Array.isArray(labels)) return fail('"label" is not a list');
  if (!Array.isArray(boxes) || boxes.length !== labels.length) return fail('"bbox" is not a list as long as "label"');
  return labels.map((text, i) => {
    if (typeof text !== "string") return fail(`label[${i}] is not a string`);
    const score = Array.isArray(scores) ? scores[i] : null;
    return { text, score: isFiniteNumber(score) ? score : null, box: asQuad(boxes[i], `bbox[${i}]`, fail) };
  });
}

/** PaddleOCR's Python result: `[[box, [text, score]], …]`, possibly wrapped in a list per image. */
function paddleOcrLines(json: unknown): NormalizedOcrLine[] {
  const fail = (what: string): never => {
    throw new OcrClientError("protocol", `Not a PaddleOCR result list: ${what}.`);
  };
  if (!Array.isArray(json)) return fail("the body is not a list");
  const isLine = (item: unknown) => Array.isArray(item) && item.length === 2 && Array.isArray(item[0]) && Array.isArray(item[1]) && typeof item[1][0] === "string";
  // PaddleOCR answers [None] for an image without text.
  if (json.length === 1 && json[0] === null) return [];
  const lines = json.length > 0 && !isLine(json[0]) && Array.isArray(json[0]) ? (json[0] as unknown[]) : json;
  return lines.map((item, i) => {
    if (!isLine(item)) return fail(`item ${i} is not [box, [text, score]]`);
    const [box, [text, score]] = item as [unknown, [string, unknown]];
    return { text, score: isFiniteNumber(score) ? score : null, box: asQuad(box, `item ${i} box`, fail) };
  });
}

function customLines(json: unknown, paths: { lines: string; text: string; score: string; box: string }): NormalizedOcrLine[] {
  const fail = (what: string): never => {
    throw new OcrClientError("protocol", `The answer does not fit the endpoint's response paths: ${what}.`);
  };
  const items = at(json, paths.lines);
  if (!Array.isArray(items)) return fail(`"${paths.lines || "(the body)"}" is not a list`);
  return items.map((item, i) => {
    const text = at(item, paths.text);
    if (typeof text !== "string") return fail(`line ${i} has no text at "${paths.text}"`);
    const score = paths.score ? at(item, paths.score) : null;
    return { text, score: isFiniteNumber(score) ? score : null, box: asQuad(at(item, paths.box), `line ${i} "${paths.box}"`, fail) };
  });
}

/** `a.b.0.c` into a JSON value; "" is the value itself. */
function at(value: unknown, path: string): unknown {
  if (!path) return value;
  let current = value;
  for (const part of path.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isRecord(current)) current = current[part];
    else return undefined;
  }
  return current;
}

/** Four [x, y] points, or an axis-aligned [x1, y1, x2, y2] rectangle made into four. */
function asQuad(value: unknown, where: string, fail: (what: string) => never): Quad {
  if (Array.isArray(value) && value.length === 4 && value.every(isFiniteNumber)) {
    const [x1, y1, x2, y2] = value as number[];
    return [
      [x1!, y1!],
      [x2!, y1!],
      [x2!, y2!],
      [x1!, y2!],
    ];
  }
  if (!Array.isArray(value) || value.length < 4) return fail(`${where} is not 4 points`);
  const points = value.map((point: unknown) => {
    if (!Array.isArray(point) || point.length < 2 || !isFiniteNumber(point[0]) || !isFiniteNumber(point[1])) return fail(`${where} has a point that is not [x, y]`);
    return [Math.round(point[0]), Math.round(point[1])] as [number, number];
  });
  return points.slice(0, 4) as Quad;
}

function preview(json: unknown): string {
  const text = JSON.stringify(json) ?? String(json);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
