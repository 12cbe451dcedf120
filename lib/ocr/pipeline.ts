import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import * as ort from "onnxruntime-node";
import { z } from "zod";
import { sortBoxes } from "./box-order";
import { classifyAndRotate, type LineAngle, type TensorOut } from "./cls";
import { cropTextLine } from "./crop";
import { recognitionRegions } from "./crop-margin";
import { buildCharset, ctcDecodeBatch } from "./ctc-decode";
import { dbPostprocess } from "./db-postprocess";
import { detPreprocess } from "./det-preprocess";
import type { Quad } from "./geometry";
import { decodeImage, OcrInputError, type ImageInputLimits } from "./image-input";
import { loadModelVersion, type ModelFiles, type ModelVersion } from "./model-version";
import { parseImageShape, parseOcrOverrides, parseOcrParams, resolveOcrParams, type OcrOverrides, type OcrParams, type OcrParamsInput } from "./params";
import type { BgrImage } from "./raw-image";
import { recPreprocessBatch } from "./rec-preprocess";

// The PP-OCR system (tools/infer/predict_system.py): detect → order → crop → [classify] →
// recognise → drop low scores, on onnxruntime-node with sessions created once per engine.

export interface OcrEngineOptions {
  /** Overrides of the model version's parameters (PaddleOCR names). */
  params?: OcrParamsInput;
  /** onnxruntime intra-op threads per session; 2 matches this project's CI machines. */
  intraOpNumThreads?: number;
  /** Upload limits for recognize(bytes). */
  limits?: ImageInputLimits;
}

export interface OcrLine {
  text: string;
  score: number;
  /** Integer pixel corners in the (EXIF-oriented) image, clockwise from top-left. */
  box: Quad;
  /** Present when the direction classifier ran. */
  angle?: LineAngle;
}

export interface OcrTimings {
  decodeMs: number;
  /** Resize, detector run and box extraction. */
  detMs: number;
  clsMs: number;
  /** Perspective crops plus recogniser runs and CTC decoding. */
  recMs: number;
  totalMs: number;
}

export interface OcrResult {
  lines: OcrLine[];
  timings: OcrTimings;
  width: number;
  height: number;
}

export interface OcrEngine {
  readonly modelName: string;
  /** Effective defaults of this engine (model.json + engine options). */
  readonly params: Readonly<OcrParams>;
  readonly hasClassifier: boolean;
  recognize(imageBytes: Uint8Array, overrides?: OcrOverrides): Promise<OcrResult>;
  /** Same, for already-decoded BGR pixels (decodeMs is 0). */
  recognizeImage(image: BgrImage, overrides?: OcrOverrides): Promise<OcrResult>;
  close(): Promise<void>;
}

function isModelVersion(v: ModelFiles | ModelVersion): v is ModelVersion {
  return "files" in v;
}

async function runSession(session: ort.InferenceSession, data: Float32Array, dims: readonly number[]): Promise<TensorOut> {
  const feeds = { [session.inputNames[0]!]: new ort.Tensor("float32", data, dims) };
  const results = await session.run(feeds);
  const out = results[session.outputNames[0]!];
  if (!out || out.type !== "float32") throw new Error("Model output is not a float32 tensor");
  const tensorData = out.data as Float32Array;
  const outDims = out.dims;
  out.dispose();
  return { data: tensorData, dims: outDims };
}

/** Request overrides come from API callers: a bad one is their 400, not a server error. */
function requestParams(overrides: unknown): Partial<OcrParams> {
  try {
    return parseOcrOverrides(overrides);
  } catch (cause) {
    if (!(cause instanceof z.ZodError)) throw cause;
    const detail = cause.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new OcrInputError("invalid_params", `Invalid OCR parameters — ${detail}`, { cause });
  }
}

export async function createOcrEngine(source: string | ModelFiles | ModelVersion, options: OcrEngineOptions = {}): Promise<OcrEngine> {
  const version: ModelVersion | undefined =
    typeof source === "string" ? await loadModelVersion(source) : isModelVersion(source) ? source : undefined;
  const files: ModelFiles = version ? version.files : (source as ModelFiles);
  const base = resolveOcrParams(version?.parameters, parseOcrParams(options.params));
  if (base.use_cls && !files.clsPath) throw new Error("use_cls is set but the model version has no classifier (cls.onnx)");

  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: options.intraOpNumThreads ?? 2,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  };
  const [det, rec, cls, dictText] = await Promise.all([
    ort.InferenceSession.create(files.detPath, sessionOptions),
    ort.InferenceSession.create(files.recPath, sessionOptions),
    files.clsPath ? ort.InferenceSession.create(files.clsPath, sessionOptions) : Promise.resolve(undefined),
    readFile(files.dictPath, "utf8"),
  ]);
  const charset = buildCharset(dictText, base.use_space_char);
  const [, recHeight, recBaseWidth] = parseImageShape(base.rec_image_shape);

  // One image at a time: each session already uses every core, so overlapping runs would only
  // thrash the CPU and make every caller slower.
  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  let closed = false;

  async function recognizeLines(crops: BgrImage[], params: OcrParams): Promise<{ text: string; score: number }[]> {
    // Similar widths in one batch keep the zero padding (wasted compute) small.
    const order = crops.map((c, i) => ({ i, ratio: c.width / c.height })).sort((a, b) => a.ratio - b.ratio);
    const out: { text: string; score: number }[] = new Array(crops.length);
    for (let start = 0; start < order.length; start += params.rec_batch_num) {
      const slice = order.slice(start, start + params.rec_batch_num);
      const batch = recPreprocessBatch(slice.map((o) => crops[o.i]!), recHeight, recBaseWidth);
      const result = await runSession(rec, batch.data, batch.dims);
      ctcDecodeBatch(result.data, result.dims, charset).forEach((line, k) => (out[slice[k]!.i] = line));
    }
    return out;
  }

  async function run(image: BgrImage, overrides: OcrOverrides | undefined, decodeMs: number, t0: number): Promise<OcrResult> {
    if (closed) throw new Error("OCR engine is closed");
    const params = resolveOcrParams(base, requestParams(overrides));
    if (params.use_cls && !cls) throw new Error("use_cls requested but this model version has no classifier");

    let t = performance.now();
    const detInput = detPreprocess(image, params);
    const probs = await runSession(det, detInput.data, detInput.dims);
    const boxes = dbPostprocess({ data: probs.data, width: detInput.resizedWidth, height: detInput.resizedHeight }, image.width, image.height, {
      thresh: params.det_db_thresh,
      boxThresh: params.det_db_box_thresh,
      unclipRatio: params.det_db_unclip_ratio,
      maxCandidates: params.det_db_max_candidates,
    });
    const ordered = sortBoxes(boxes, (b) => b.box);
    const detMs = performance.now() - t;

    t = performance.now();
    const regions = recognitionRegions(ordered.map((b) => b.box), params.rec_crop_margin, image.width, image.height);
    let crops = ordered.map((b, i) => cropTextLine(image, b.box, regions[i]));
    const cropMs = performance.now() - t;

    let angles: LineAngle[] | undefined;
    let clsMs = 0;
    if (params.use_cls && cls && crops.length > 0) {
      t = performance.now();
      const classified = await classifyAndRotate(crops, (data, dims) => runSession(cls, data, dims), params);
      crops = classified.crops;
      angles = classified.angles;
      clsMs = performance.now() - t;
    }

    t = performance.now();
    const texts = crops.length > 0 ? await recognizeLines(crops, params) : [];
    const recMs = performance.now() - t + cropMs;

    const lines: OcrLine[] = [];
    texts.forEach((r, i) => {
      // The margin around a crop is sometimes read as a leading or trailing space.
      const text = r.text.trim();
      if (r.score < params.drop_score || text === "") return;
      const line: OcrLine = { text, score: r.score, box: ordered[i]!.box };
      if (angles) line.angle = angles[i]!;
      lines.push(line);
    });
    return {
      lines,
      width: image.width,
      height: image.height,
      timings: { decodeMs, detMs, clsMs, recMs, totalMs: performance.now() - t0 },
    };
  }

  return {
    modelName: version?.name ?? "custom",
    params: Object.freeze({ ...base }),
    hasClassifier: cls !== undefined,
    recognize: (imageBytes, overrides) =>
      serialise(async () => {
        if (closed) throw new Error("OCR engine is closed");
        const t0 = performance.now();
        const image = await decodeImage(imageBytes, options.limits);
        return run(image, overrides, performance.now() - t0, t0);
      }),
    recognizeImage: (image, overrides) => serialise(() => run(image, overrides, 0, performance.now())),
    close: () =>
      serialise(async () => {
        if (closed) return;
        closed = true;
        await Promise.all([det.release(), rec.release(), cls?.release()]);
      }),
  };
}
