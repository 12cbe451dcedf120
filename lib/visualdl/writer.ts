import { createHash } from "node:crypto";
import { mkdir, open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { encodeFramedValue } from "./framing";
import type { HparamInfo, VdlCurveCounts, VdlEmbedding, VdlValue } from "./schema";

export interface LogWriterOptions {
  /** Unix seconds for the file name (default: now). Two writers in one second need distinct values. */
  timestamp?: number;
  /** Appended after `.log`, like VisualDL's `filename_suffix`. */
  filenameSuffix?: string;
  /** Written in the leading meta-data record, as VisualDL's `display_name`. */
  displayName?: string;
  /** Buffered bytes that trigger a background write (default 1 MiB). */
  flushBytes?: number;
}

export interface HistogramData {
  hist: readonly number[];
  binEdges: readonly number[];
}

export interface CurveOptions {
  walltimeMs?: number;
  /** Capped at 127 as in VisualDL. Default 10, VisualDL's `add_pr_curve` default. */
  numThresholds?: number;
  weights?: number;
}

export interface PrCurveData extends VdlCurveCounts {
  precision: number[];
  recall: number[];
}

export interface RocCurveData extends VdlCurveCounts {
  tpr: number[];
  fpr: number[];
}

export interface AudioData {
  /** Encoded audio (VisualDL writes 16-bit mono WAV). */
  bytes: Uint8Array;
  sampleRate: number;
  numChannels?: number;
  lengthFrames: number;
  contentType?: string;
}

export type HparamValue = number | string | boolean | null | undefined;

export interface LogWriter {
  readonly file: string;
  addScalar(tag: string, value: number, step: number, walltimeMs?: number): void;
  /** VisualDL `add_scalars`: several lines under one main tag, one record per line. */
  addScalars(mainTag: string, values: Record<string, number>, step: number, walltimeMs?: number): void;
  addText(tag: string, text: string, step: number, walltimeMs?: number): void;
  addImage(tag: string, pngBytes: Uint8Array, step: number, walltimeMs?: number): void;
  /** Raw values are binned like numpy.histogram(values, bins=buckets); or pass ready bins. */
  addHistogram(tag: string, values: readonly number[] | HistogramData, step: number, opts?: { buckets?: number; walltimeMs?: number }): void;
  addPrCurve(tag: string, labels: readonly (number | boolean)[], predictions: readonly number[], step: number, opts?: CurveOptions): void;
  addPrCurveRaw(tag: string, curve: PrCurveData, step: number, walltimeMs?: number): void;
  addRocCurve(tag: string, labels: readonly (number | boolean)[], predictions: readonly number[], step: number, opts?: CurveOptions): void;
  addRocCurveRaw(tag: string, curve: RocCurveData, step: number, walltimeMs?: number): void;
  /** Integers are written as int, other numbers as float, booleans as int 0/1; null/undefined are skipped. */
  addHparams(hparams: Record<string, HparamValue>, metrics: readonly string[], walltimeMs?: number): void;
  addEmbeddings(tag: string, mat: readonly (readonly number[])[], metadata: readonly string[] | readonly (readonly string[])[], opts?: { metadataHeader?: string[]; walltimeMs?: number }): void;
  addAudio(tag: string, audio: AudioData, step: number, walltimeMs?: number): void;
  addMeta(displayName: string, opts?: { tag?: string; step?: number; walltimeMs?: number }): void;
  /** Any decoded value, written as-is (used to copy or re-encode logs). */
  addValue(value: VdlValue): void;
  /** Resolves once everything added so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_FLUSH_BYTES = 1024 * 1024;

function checkTag(tag: string): void {
  // VisualDL refuses these because its server uses % in URLs built from tags.
  if (tag.includes("%")) throw new Error(`VisualDL tags can't contain "%": ${tag}`);
}

/**
 * numpy.histogram(values, bins) semantics: `bins` equal-width bins over [min, max], last bin closed,
 * and a degenerate range widened to [v-0.5, v+0.5]. Non-finite values are dropped (numpy would raise).
 */
export function computeHistogram(values: readonly number[], bins = 10): HistogramData {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) {
    lo = 0;
    hi = 1;
  } else if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const binEdges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
  const hist = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let i = Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins));
    // Float rounding can put a value next to an edge into the neighbouring bin; the edges decide.
    if (i > 0 && v < binEdges[i]!) i--;
    else if (i < bins - 1 && v >= binEdges[i + 1]!) i++;
    hist[i]!++;
  }
  return { hist, binEdges };
}

function curveCounts(labels: readonly (number | boolean)[], predictions: readonly number[], numThresholds = 10, weights = 1) {
  const n = Math.min(numThresholds, 127);
  const tpBuckets = new Array<number>(n).fill(0);
  const fpBuckets = new Array<number>(n).fill(0);
  for (let i = 0; i < predictions.length; i++) {
    const b = Math.floor(predictions[i]! * (n - 1));
    if (!(b >= 0 && b <= n - 1)) continue; // numpy.histogram drops out-of-range buckets too
    const label = Number(labels[i] ?? 0);
    tpBuckets[b]! += label * weights;
    fpBuckets[b]! += (1 - label) * weights;
  }
  // Reverse cumulative sums: threshold i counts every prediction in bucket >= i as positive.
  const tpF = new Array<number>(n);
  const fpF = new Array<number>(n);
  let tpAcc = 0;
  let fpAcc = 0;
  for (let i = n - 1; i >= 0; i--) {
    tpAcc += tpBuckets[i]!;
    fpAcc += fpBuckets[i]!;
    tpF[i] = tpAcc;
    fpF[i] = fpAcc;
  }
  const tn = fpF.map((f) => fpF[0]! - f);
  const fn = tpF.map((t) => tpF[0]! - t);
  return { tpF, fpF, tn, fn };
}

/** VisualDL's `compute_curve`, thresholds bucketed by floor(p * (n - 1)). */
export function computePrCurve(labels: readonly (number | boolean)[], predictions: readonly number[], numThresholds = 10, weights = 1): PrCurveData {
  const { tpF, fpF, tn, fn } = curveCounts(labels, predictions, numThresholds, weights);
  return {
    tp: tpF.map(Math.trunc), fp: fpF.map(Math.trunc), tn: tn.map(Math.trunc), fn: fn.map(Math.trunc),
    precision: tpF.map((tp, i) => tp / Math.max(1e-7, tp + fpF[i]!)),
    recall: tpF.map((tp, i) => tp / Math.max(1e-7, tp + fn[i]!)),
  };
}

/**
 * VisualDL's `compute_roc_curve`, except tpr: upstream stores TP/(TN+FP); this stores the true positive
 * rate TP/(TP+FN), so curves written here are correct ROC curves.
 */
export function computeRocCurve(labels: readonly (number | boolean)[], predictions: readonly number[], numThresholds = 10, weights = 1): RocCurveData {
  const { tpF, fpF, tn, fn } = curveCounts(labels, predictions, numThresholds, weights);
  return {
    tp: tpF.map(Math.trunc), fp: fpF.map(Math.trunc), tn: tn.map(Math.trunc), fn: fn.map(Math.trunc),
    tpr: tpF.map((tp, i) => tp / Math.max(1e-7, tp + fn[i]!)),
    fpr: fpF.map((fp, i) => fp / Math.max(1e-7, tn[i]! + fp)),
  };
}

function hparamInfo(name: string, v: HparamValue): HparamInfo | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return { name, type: "int", value: v ? 1 : 0 };
  if (typeof v === "string") return { name, type: "string", value: v };
  return Number.isInteger(v) ? { name, type: "int", value: v } : { name, type: "float", value: v };
}

export function logFileName(timestampSeconds: number, suffix = ""): string {
  return `vdlrecords.${String(Math.floor(timestampSeconds)).padStart(10, "0")}.log${suffix}`;
}

/**
 * Opens a new VisualDL log file in `dir` (created if missing) and writes the leading meta-data record
 * VisualDL's LogWriter always writes. `add*` calls only buffer; bytes reach the file in the background
 * once `flushBytes` accumulate, and on `flush()`/`close()`, which also report any write error.
 */
export async function createLogWriter(dir: string, opts: LogWriterOptions = {}): Promise<LogWriter> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, logFileName(opts.timestamp ?? Date.now() / 1000, opts.filenameSuffix ?? ""));
  // "wx": VisualDL would truncate a same-named file; refusing keeps a concurrent run's log intact.
  const fh: FileHandle = await open(file, "wx");
  const flushBytes = opts.flushBytes ?? DEFAULT_FLUSH_BYTES;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let chain: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  let closed = false;

  const drain = () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    chain = chain.then(async () => {
      if (failure) return;
      try {
        await fh.write(data, 0, data.length, null);
      } catch (err) {
        failure = err;
      }
    });
  };

  const add = (value: VdlValue) => {
    if (closed) throw new Error(`VisualDL log writer for ${file} is closed`);
    const framed = encodeFramedValue(value);
    pending.push(framed);
    pendingBytes += framed.length;
    if (pendingBytes >= flushBytes) drain();
  };

  const now = () => Date.now();
  const walltime = (w?: number) => Math.round(w ?? now());
  const hparamName = createHash("md5").update(file).digest("hex");

  const writer: LogWriter = {
    file,
    addScalar(tag, value, step, walltimeMs) {
      checkTag(tag);
      add({ kind: "scalar", tag, step, timestampMs: walltime(walltimeMs), value });
    },
    addScalars(mainTag, values, step, walltimeMs) {
      checkTag(mainTag);
      const t = walltime(walltimeMs);
      for (const [subTag, value] of Object.entries(values)) add({ kind: "scalar", tag: mainTag, step, timestampMs: t, value, subTag });
    },
    addText(tag, text, step, walltimeMs) {
      checkTag(tag);
      add({ kind: "text", tag, step, timestampMs: walltime(walltimeMs), text });
    },
    addImage(tag, pngBytes, step, walltimeMs) {
      checkTag(tag);
      add({ kind: "image", tag, step, timestampMs: walltime(walltimeMs), encodedImage: pngBytes });
    },
    addHistogram(tag, values, step, o = {}) {
      checkTag(tag);
      const h = "binEdges" in values ? values : computeHistogram(values, o.buckets ?? 10);
      add({ kind: "histogram", tag, step, timestampMs: walltime(o.walltimeMs), hist: [...h.hist], binEdges: [...h.binEdges] });
    },
    addPrCurve(tag, labels, predictions, step, o = {}) {
      writer.addPrCurveRaw(tag, computePrCurve(labels, predictions, o.numThresholds, o.weights), step, o.walltimeMs);
    },
    addPrCurveRaw(tag, c, step, walltimeMs) {
      checkTag(tag);
      add({ kind: "prCurve", tag, step, timestampMs: walltime(walltimeMs), ...c });
    },
    addRocCurve(tag, labels, predictions, step, o = {}) {
      writer.addRocCurveRaw(tag, computeRocCurve(labels, predictions, o.numThresholds, o.weights), step, o.walltimeMs);
    },
    addRocCurveRaw(tag, c, step, walltimeMs) {
      checkTag(tag);
      add({ kind: "rocCurve", tag, step, timestampMs: walltime(walltimeMs), ...c });
    },
    addHparams(hparams, metrics, walltimeMs) {
      const infos = Object.entries(hparams)
        .map(([k, v]) => hparamInfo(k, v))
        .filter((h): h is HparamInfo => h !== null);
      // VisualDL: step 1, tag "hparam", metrics as float 0 placeholders, name = md5(file path).
      add({
        kind: "hparams", tag: "hparam", step: 1, timestampMs: walltime(walltimeMs), name: hparamName,
        hparams: infos, metrics: metrics.map((name) => ({ name, type: "float", value: 0 })),
      });
    },
    addEmbeddings(tag, mat, metadata, o = {}) {
      checkTag(tag);
      // Several label columns arrive column-major (one array per column), as in VisualDL.
      const multi = metadata.length > 0 && Array.isArray(metadata[0]);
      const columns = multi ? (metadata as readonly (readonly string[])[]) : [metadata as readonly string[]];
      const header = o.metadataHeader ?? (multi ? columns.map((_, i) => `label_${i}`) : []);
      const embeddings: VdlEmbedding[] = mat.map((row, r) => ({ labels: columns.map((c) => c[r] ?? ""), vector: [...row] }));
      add({ kind: "embeddings", tag, step: 0, timestampMs: walltime(o.walltimeMs), embeddings, labelMeta: header });
    },
    addAudio(tag, a, step, walltimeMs) {
      checkTag(tag);
      add({
        kind: "audio", tag, step, timestampMs: walltime(walltimeMs), sampleRate: a.sampleRate, numChannels: a.numChannels ?? 1,
        lengthFrames: a.lengthFrames, encodedAudio: a.bytes, contentType: a.contentType ?? "audio/wav",
      });
    },
    addMeta(displayName, o = {}) {
      const tag = o.tag ?? "meta_data_tag";
      checkTag(tag);
      add({ kind: "metaData", tag, step: o.step ?? 0, timestampMs: walltime(o.walltimeMs), displayName });
    },
    addValue(value) {
      add(value);
    },
    async flush() {
      drain();
      await chain;
      if (failure) throw failure;
    },
    async close() {
      if (closed) return;
      closed = true;
      drain();
      await chain;
      await fh.close();
      if (failure) throw failure;
    },
  };
  writer.addMeta(opts.displayName ?? "");
  return writer;
}
