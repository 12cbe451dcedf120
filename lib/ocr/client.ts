import { performance } from "node:perf_hooks";
import { parsePythonLiteral, PythonLiteralError } from "@/lib/serving/python-literal";
import { miniBox, type Point, type Quad } from "./geometry";
import type { OcrTimings } from "./pipeline";

// Calls an OCR endpoint in whichever protocol it speaks (../shared/reference/serving-protocols.md)
// and reads every answer into one shape, so the console can compare a cluster endpoint, a
// PaddleHub box and its own serving process line by line. Only type imports from the engine: this
// module must stay loadable where onnxruntime is not.

export type OcrProtocol = "paddle-serving-pipeline" | "paddlehub" | "paddlex" | "console";

export interface NormalizedOcrLine {
  text: string;
  /**
   * Null when the endpoint reports no score: older PaddleServing pipelines answer `[text, quad]`.
   * Inventing 1 would let an unscored line pass any drop-score filter and inflate mean confidence.
   */
  score: number | null;
  /** Clockwise from top-left, as the endpoint gave it (PaddleX polygons are reduced, see below). */
  box: Quad;
}

export interface NormalizedOcrResult {
  lines: NormalizedOcrLine[];
  /** Stage timings only the console's own serving reports; roundTripMs is measured by the caller. */
  timings?: Partial<OcrTimings> & { roundTripMs: number };
}

export type OcrClientErrorKind = "unreachable" | "timeout" | "http" | "protocol" | "remote";

export class OcrClientError extends Error {
  override readonly name = "OcrClientError";
  readonly kind: OcrClientErrorKind;
  /** HTTP status of the answer, when there was one. */
  readonly status?: number;
  /** The protocol's own error code (err_no, status, errorCode, error.code) for remote errors. */
  readonly remoteCode?: string | number;

  constructor(kind: OcrClientErrorKind, message: string, details: { status?: number; remoteCode?: string | number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.remoteCode !== undefined) this.remoteCode = details.remoteCode;
  }
}

export interface CallOcrEndpointOptions {
  /** Full URL of the prediction route, e.g. http://host:9998/ocr/prediction. */
  url: string;
  protocol: OcrProtocol;
  /** The encoded image file (PNG, JPEG, …), sent base64 inside the protocol's JSON. */
  image: Uint8Array;
  /** Covers connecting, the OCR itself and reading the answer. Default 30 s. */
  timeoutMs?: number;
  /** Added to (and overriding) the JSON content headers, e.g. an Authorization header. */
  headers?: Record<string, string>;
  /** The caller's own cancellation; it rejects with the signal's reason, not an OcrClientError. */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const PROTOCOL_NAMES: Record<OcrProtocol, string> = {
  "paddle-serving-pipeline": "PaddleServing",
  paddlehub: "PaddleHub",
  paddlex: "PaddleX",
  console: "The OCR endpoint",
};

export function ocrRequestBody(protocol: OcrProtocol, image: Uint8Array): Record<string, unknown> {
  const b64 = Buffer.from(image.buffer, image.byteOffset, image.byteLength).toString("base64");
  switch (protocol) {
    case "paddle-serving-pipeline":
      return { key: ["image"], value: [b64] };
    case "paddlehub":
      return { images: [b64] };
    case "paddlex":
      return { file: b64, fileType: 1 };
    case "console":
      return { image: b64 };
  }
}

export async function callOcrEndpoint(options: CallOcrEndpointOptions): Promise<NormalizedOcrResult> {
  const { url, protocol, image, timeoutMs = DEFAULT_TIMEOUT_MS, headers = {}, signal } = options;
  signal?.throwIfAborted();

  // A timer of our own rather than AbortSignal.timeout: it tells our deadline apart from the
  // caller's abort, and it also bounds reading the body, which fetch's resolution does not.
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;

  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
      body: JSON.stringify(ocrRequestBody(protocol, image)),
      signal: combined,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (timedOut) throw new OcrClientError("timeout", `The endpoint at ${url} did not answer within ${formatSeconds(timeoutMs)}.`, { cause: error });
    if (signal?.aborted) throw signal.reason;
    throw new OcrClientError("unreachable", `Could not reach the endpoint at ${url}${networkDetail(error)}.`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  const roundTripMs = performance.now() - started;

  const quoted = JSON.stringify(text.slice(0, 200)) + (text.length > 200 ? "…" : "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (status < 200 || status > 299) throw new OcrClientError("http", `The endpoint at ${url} answered HTTP ${status}: ${quoted}`, { status });
    throw new OcrClientError("protocol", `The endpoint at ${url} did not answer JSON: ${quoted}`, { status, cause: error });
  }

  if (status < 200 || status > 299) {
    // Serving processes put their reason in the protocol's own error shape even on a 4xx/5xx
    // (ours does): that reason is worth more to the user than the bare status.
    const remote = remoteError(protocol, json);
    if (remote) throw new OcrClientError("remote", remote.message, { status, remoteCode: remote.code });
    throw new OcrClientError("http", `The endpoint at ${url} answered HTTP ${status}: ${quoted}`, { status });
  }

  try {
    return normalizeOcrAnswer(protocol, json, roundTripMs);
  } catch (error) {
    if (error instanceof OcrClientError) {
      throw new OcrClientError(error.kind, error.message, { status, remoteCode: error.remoteCode, cause: error.cause });
    }
    throw error;
  }
}

/**
 * Reads one protocol's JSON answer. Pure, so answers obtained some other way (a SageMaker
 * invocation, a saved fixture) go through the same checks. Timings are left out unless the caller
 * measured a round trip, because every consumer of `timings` relies on roundTripMs.
 */
export function normalizeOcrAnswer(protocol: OcrProtocol, json: unknown, roundTripMs?: number): NormalizedOcrResult {
  const remote = remoteError(protocol, json);
  if (remote) throw new OcrClientError("remote", remote.message, { remoteCode: remote.code });

  let lines: NormalizedOcrLine[];
  let remoteTimings: Partial<OcrTimings> = {};
  switch (protocol) {
    case "paddle-serving-pipeline":
      lines = pipelineLines(json);
      break;
    case "paddlehub":
      lines = hubLines(json);
      break;
    case "paddlex":
      lines = paddlexLines(json);
      break;
    case "console":
      lines = consoleLines(json);
      remoteTimings = consoleTimings(json);
      break;
  }
  return roundTripMs === undefined ? { lines } : { lines, timings: { ...remoteTimings, roundTripMs } };
}

function remoteError(protocol: OcrProtocol, json: unknown): { message: string; code: string | number } | undefined {
  if (!isRecord(json)) return undefined;
  const name = PROTOCOL_NAMES[protocol];
  const detail = (message: unknown) => (typeof message === "string" && message ? message : "(no message)");
  switch (protocol) {
    case "paddle-serving-pipeline":
      if (json.err_no === undefined || json.err_no === 0) return undefined;
      return { code: codeOf(json.err_no), message: `${name} answered err_no ${String(json.err_no)}: ${detail(json.err_msg)}` };
    case "paddlehub":
      if (json.status === undefined || json.status === "000") return undefined;
      return { code: String(json.status), message: `${name} answered status ${String(json.status)}: ${detail(json.msg)}` };
    case "paddlex":
      if (json.errorCode === undefined || json.errorCode === 0) return undefined;
      return { code: codeOf(json.errorCode), message: `${name} answered errorCode ${String(json.errorCode)}: ${detail(json.errorMsg)}` };
    case "console": {
      if (!isRecord(json.error)) return undefined;
      const code = typeof json.error.code === "string" ? json.error.code : "error";
      return { code, message: `${name} answered ${code}: ${detail(json.error.message)}` };
    }
  }
}

function pipelineLines(json: unknown): NormalizedOcrLine[] {
  const fail = (what: string): never => {
    throw new OcrClientError("protocol", `Not a PaddleServing pipeline answer: ${what}.`);
  };
  if (!isRecord(json)) return fail("the body is not a JSON object");
  const keys = Array.isArray(json.key) ? json.key : [];
  const values = Array.isArray(json.value) ? json.value : fail('"value" is not a list');
  // Older PaddleOCR services name the output "res"; a single unnamed value is the result too.
  const index = Math.max(keys.indexOf("result"), keys.indexOf("res"), 0);
  const literal = values[index];
  if (typeof literal !== "string") return fail(`value[${index}] is not a string`);

  let items: unknown;
  try {
    items = parsePythonLiteral(literal);
  } catch (error) {
    if (error instanceof PythonLiteralError) return fail(`the result is not a Python literal (${error.message})`);
    throw error;
  }
  if (!Array.isArray(items)) return fail("the result is not a list");
  return items.map((item, i) => {
    if (!Array.isArray(item) || item.length !== 2) return fail(`line ${i} is not a [(text, score), box] pair`);
    const [head, quad] = item as [unknown, unknown];
    let text: unknown = head;
    let score: unknown = null;
    if (Array.isArray(head)) [text, score] = head as [unknown, unknown];
    if (typeof text !== "string") return fail(`line ${i} has no text`);
    if (score !== null && !isFiniteNumber(score)) return fail(`line ${i} has a score that is not a number`);
    return { text, score, box: asQuad(quad, `line ${i}`, fail) };
  });
}

function hubLines(json: unknown): NormalizedOcrLine[] {
  const fail = (what: string): never => {
    throw new OcrClientError("protocol", `Not a PaddleHub ocr_system answer: ${what}.`);
  };
  if (!isRecord(json)) return fail("the body is not a JSON object");
  if (!Array.isArray(json.results) || !Array.isArray(json.results[0])) return fail('"results" has no list for the image');
  return (json.results[0] as unknown[]).map((item, i) => {
    if (!isRecord(item) || typeof item.text !== "string") return fail(`results[0][${i}] has no text`);
    if (!isFiniteNumber(item.confidence)) return fail(`results[0][${i}] has no numeric confidence`);
    return { text: item.text, score: item.confidence, box: asQuad(item.text_region, `results[0][${i}].text_region`, fail) };
  });
}

function paddlexLines(json: unknown): NormalizedOcrLine[] {
  const fail = (what: string): never => {
    throw new OcrClientError("protocol", `Not a PaddleX OCR answer: ${what}.`);
  };
  if (!isRecord(json) || !isRecord(json.result)) return fail('there is no "result" object');
  const first: unknown = Array.isArray(json.result.ocrResults) ? json.result.ocrResults[0] : undefined;
  if (!isRecord(first) || !isRecord(first.prunedResult)) return fail("result.ocrResults[0].prunedResult is missing");
  const pruned = first.prunedResult;
  const texts = Array.isArray(pruned.rec_texts) ? pruned.rec_texts : fail("rec_texts is not a list");
  const scores = Array.isArray(pruned.rec_scores) ? pruned.rec_scores : fail("rec_scores is not a list");
  const polys = Array.isArray(pruned.rec_polys) ? pruned.rec_polys : fail("rec_polys is not a list");
  if (scores.length !== texts.length || polys.length !== texts.length) {
    return fail(`rec_texts, rec_scores and rec_polys differ in length (${texts.length}, ${scores.length}, ${polys.length})`);
  }
  return texts.map((text, i) => {
    if (typeof text !== "string") return fail(`rec_texts[${i}] is not a string`);
    const score = scores[i];
    if (!isFiniteNumber(score)) return fail(`rec_scores[${i}] is not a number`);
    return { text, score, box: polygonToQuad(asPoints(polys[i], `rec_polys[${i}]`, fail), `rec_polys[${i}]`, fail) };
  });
}

function consoleLines(json: unknown): NormalizedOcrLine[] {
  const fail = (what: string): never => {
    throw new OcrClientError("protocol", `Not an OCR console answer: ${what}.`);
  };
  if (!isRecord(json) || !Array.isArray(json.lines)) return fail('"lines" is not a list');
  return json.lines.map((line: unknown, i) => {
    if (!isRecord(line) || typeof line.text !== "string") return fail(`lines[${i}] has no text`);
    if (!isFiniteNumber(line.score)) return fail(`lines[${i}] has no numeric score`);
    return { text: line.text, score: line.score, box: asQuad(line.box, `lines[${i}].box`, fail) };
  });
}

const TIMING_KEYS = ["decodeMs", "detMs", "clsMs", "recMs", "totalMs"] as const satisfies readonly (keyof OcrTimings)[];

function consoleTimings(json: unknown): Partial<OcrTimings> {
  const timings: Partial<OcrTimings> = {};
  const source = isRecord(json) && isRecord(json.timings) ? json.timings : {};
  for (const key of TIMING_KEYS) if (isFiniteNumber(source[key])) timings[key] = source[key];
  return timings;
}

function asPoints(value: unknown, where: string, fail: (what: string) => never): Point[] {
  if (!Array.isArray(value)) return fail(`${where} is not a list of points`);
  return value.map((point: unknown, k) => {
    if (!Array.isArray(point) || point.length !== 2 || !isFiniteNumber(point[0]) || !isFiniteNumber(point[1])) {
      return fail(`${where}[${k}] is not an [x, y] point`);
    }
    return [point[0], point[1]];
  });
}

function asQuad(value: unknown, where: string, fail: (what: string) => never): Quad {
  const points = asPoints(value, where, fail);
  if (points.length !== 4) return fail(`${where} has ${points.length} points, not 4`);
  return points as Quad;
}

/**
 * PaddleX gives polygons, with more than 4 points when the detector's box type is "poly" (curved
 * text). They become PaddleOCR's own mini box — the minimum-area rectangle, corners from
 * top-left, rounded to pixels — which keeps the slant of rotated text that an axis-aligned
 * bounding box would lose, and matches how the console's engine boxes its lines.
 */
function polygonToQuad(points: Point[], where: string, fail: (what: string) => never): Quad {
  if (points.length === 4) return points as Quad;
  if (points.length < 4) return fail(`${where} has ${points.length} points, fewer than 4`);
  return miniBox(points).box.map(([x, y]) => [Math.round(x), Math.round(y)]) as Quad;
}

function networkDetail(error: unknown): string {
  // undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND…) in cause.
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? ` (${code}: ${cause.message})` : ` (${cause.message})`;
  }
  return error instanceof Error ? ` (${error.message})` : "";
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function codeOf(value: unknown): string | number {
  return typeof value === "number" ? value : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
