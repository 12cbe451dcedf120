import protobuf from "protobufjs";

/**
 * VisualDL 2.x `record.proto` (package `visualdl`), field numbers and packed-ness exactly as upstream
 * (PaddlePaddle/VisualDL visualdl/proto/record.proto). proto3, so every repeated numeric field is
 * packed on the wire whether or not it says so; the explicit `[packed = true]` flags are kept only so
 * this text can be diffed against upstream.
 */
export const VISUALDL_PROTO = `
syntax = "proto3";
package visualdl;

message Record {
  message Image {
    bytes encoded_image_string = 4;
  }
  message Text {
    string encoded_text_string = 1;
  }
  message Audio {
    float sample_rate = 1;
    int64 num_channels = 2;
    int64 length_frames = 3;
    bytes encoded_audio_string = 4;
    string content_type = 5;
  }
  message Embedding {
    repeated string label = 1;
    repeated float vectors = 2;
  }
  message Embeddings {
    repeated Embedding embeddings = 1;
    repeated string label_meta = 2;
  }
  message bytes_embeddings {
    bytes encoded_labels = 1;
    bytes encoded_vectors = 2;
  }
  message Histogram {
    repeated double hist = 1 [packed = true];
    repeated double bin_edges = 2 [packed = true];
  }
  message PRCurve {
    repeated int64 TP = 1 [packed = true];
    repeated int64 FP = 2 [packed = true];
    repeated int64 TN = 3 [packed = true];
    repeated int64 FN = 4 [packed = true];
    repeated double precision = 5;
    repeated double recall = 6;
  }
  message ROC_Curve {
    repeated int64 TP = 1 [packed = true];
    repeated int64 FP = 2 [packed = true];
    repeated int64 TN = 3 [packed = true];
    repeated int64 FN = 4 [packed = true];
    repeated double tpr = 5;
    repeated double fpr = 6;
  }
  message HParam {
    message HparamInfo {
      oneof type {
        int64 int_value = 1;
        double float_value = 2;
        string string_value = 3;
      }
      string name = 4;
    }
    repeated HparamInfo hparamInfos = 1;
    repeated HparamInfo metricInfos = 2;
    string name = 3;
  }
  message MetaData {
    string display_name = 1;
  }
  message TagValue {
    string tag = 1;
    float value = 2;
  }
  message Value {
    int64 id = 1;
    string tag = 2;
    int64 timestamp = 3;
    oneof one_value {
      float value = 4;
      Image image = 5;
      Audio audio = 6;
      Embeddings embeddings = 7;
      Histogram histogram = 8;
      PRCurve pr_curve = 9;
      MetaData meta_data = 10;
      ROC_Curve roc_curve = 11;
      Text text = 12;
      HParam hparam = 13;
      TagValue tag_value = 14;
    }
  }
  repeated Value values = 1;
}
`;

// keepCase: the raw wire objects below use upstream's field names verbatim (TP, hparamInfos, bin_edges),
// which keeps them greppable against VisualDL's Python code.
const root = protobuf.parse(VISUALDL_PROTO, { keepCase: true }).root;

export const RecordType: protobuf.Type = root.lookupType("visualdl.Record");
export const ValueType: protobuf.Type = root.lookupType("visualdl.Record.Value");

// ---------------------------------------------------------------------------------------------------
// Wire-level shapes (what protobufjs decodes into / encodes from). int64 arrives as Long when long.js is
// loadable, which it is (protobufjs depends on it), but plain numbers are accepted when encoding.

export type Int64 = number | protobuf.Long;

export interface RawHparamInfo {
  int_value?: Int64;
  float_value?: number;
  string_value?: string;
  name?: string;
}

export interface RawValue {
  id?: Int64;
  tag?: string;
  timestamp?: Int64;
  value?: number;
  image?: { encoded_image_string?: Uint8Array };
  audio?: {
    sample_rate?: number;
    num_channels?: Int64;
    length_frames?: Int64;
    encoded_audio_string?: Uint8Array;
    content_type?: string;
  };
  embeddings?: { embeddings?: { label?: string[]; vectors?: number[] }[]; label_meta?: string[] };
  histogram?: { hist?: number[]; bin_edges?: number[] };
  pr_curve?: { TP?: Int64[]; FP?: Int64[]; TN?: Int64[]; FN?: Int64[]; precision?: number[]; recall?: number[] };
  meta_data?: { display_name?: string };
  roc_curve?: { TP?: Int64[]; FP?: Int64[]; TN?: Int64[]; FN?: Int64[]; tpr?: number[]; fpr?: number[] };
  text?: { encoded_text_string?: string };
  hparam?: { hparamInfos?: RawHparamInfo[]; metricInfos?: RawHparamInfo[]; name?: string };
  tag_value?: { tag?: string; value?: number };
}

export interface RawRecord {
  values?: RawValue[];
}

// ---------------------------------------------------------------------------------------------------
// Decoded, application-facing shapes.

export interface VdlValueBase {
  /** Value.id: the training step (int64 on the wire; exact up to 2^53). */
  step: number;
  tag: string;
  /**
   * Value.timestamp. VisualDL 2.x writes milliseconds, but logs from older writers hold seconds
   * (the pr_new demo log does): see {@link normalizeTimestampMs}.
   */
  timestampMs: number;
}

export interface VdlScalar extends VdlValueBase {
  kind: "scalar";
  /** A float32 on the wire: this is its exact value (e.g. 0.1 reads as 0.10000000149011612). */
  value: number;
  /** Set for `add_scalars` records (Value.tag_value): the line's name under the main `tag`. */
  subTag?: string;
}

export interface VdlImage extends VdlValueBase {
  kind: "image";
  /** PNG or JPEG bytes (VisualDL's writer always produces PNG). */
  encodedImage: Uint8Array;
}

export interface VdlText extends VdlValueBase {
  kind: "text";
  text: string;
}

export interface VdlHistogram extends VdlValueBase {
  kind: "histogram";
  /** Counts per bin; `binEdges.length === hist.length + 1` when written by VisualDL. */
  hist: number[];
  binEdges: number[];
}

export interface VdlCurveCounts {
  tp: number[];
  fp: number[];
  tn: number[];
  fn: number[];
}

export interface VdlPrCurve extends VdlValueBase, VdlCurveCounts {
  kind: "prCurve";
  precision: number[];
  recall: number[];
}

export interface VdlRocCurve extends VdlValueBase, VdlCurveCounts {
  kind: "rocCurve";
  /** As stored. VisualDL's own writer stores TP/(TN+FP) here, not TP/(TP+FN): see {@link rocTpr}. */
  tpr: number[];
  fpr: number[];
}

export type HparamInfo =
  | { name: string; type: "int"; value: number }
  | { name: string; type: "float"; value: number }
  | { name: string; type: "string"; value: string }
  | { name: string; type: "none"; value: null };

export interface VdlHparams extends VdlValueBase {
  kind: "hparams";
  /** md5 of the log file path, as VisualDL's writer sets it. */
  name: string;
  hparams: HparamInfo[];
  /** Metric names; their values are placeholders (VisualDL writes float 0) — the metric curves are scalars. */
  metrics: HparamInfo[];
}

export interface VdlEmbedding {
  labels: string[];
  vector: number[];
}

export interface VdlEmbeddings extends VdlValueBase {
  kind: "embeddings";
  embeddings: VdlEmbedding[];
  /** Column names of `labels` when there are several label columns; often empty. */
  labelMeta: string[];
}

export interface VdlAudio extends VdlValueBase {
  kind: "audio";
  sampleRate: number;
  numChannels: number;
  lengthFrames: number;
  encodedAudio: Uint8Array;
  contentType: string;
}

export interface VdlMetaData extends VdlValueBase {
  kind: "metaData";
  displayName: string;
}

/** A Value with no `one_value` member set. Not written by VisualDL, but legal on the wire. */
export interface VdlEmpty extends VdlValueBase {
  kind: "empty";
}

export type VdlValue =
  | VdlScalar
  | VdlImage
  | VdlText
  | VdlHistogram
  | VdlPrCurve
  | VdlRocCurve
  | VdlHparams
  | VdlEmbeddings
  | VdlAudio
  | VdlMetaData
  | VdlEmpty;

export type VdlKind = VdlValue["kind"];

// ---------------------------------------------------------------------------------------------------
// Raw <-> decoded conversion.

export function int64ToNumber(v: Int64 | null | undefined): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number") return v;
  // Long's own toNumber isn't in protobufjs' typings; this is the same arithmetic.
  return (v.unsigned ? v.high >>> 0 : v.high | 0) * 0x100000000 + (v.low >>> 0);
}

function numbers(a: Int64[] | undefined): number[] {
  if (!a || a.length === 0) return [];
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = int64ToNumber(a[i]);
  return out;
}

// protobufjs hands out views into the read buffer; the reader reuses its window buffer, so copy.
function copyBytes(b: Uint8Array | undefined): Uint8Array {
  return b ? new Uint8Array(b) : new Uint8Array(0);
}

// A oneof member is "set" when the decoder assigned it as an own property: protobufjs puts defaults for
// every member on the message prototype, so a plain `!== undefined` sees them all as set.
function has<T extends object, K extends keyof T>(v: T, key: K): v is T & Required<Pick<T, K>> {
  return Object.prototype.hasOwnProperty.call(v, key) && v[key] !== undefined && v[key] !== null;
}

function hparamFromRaw(h: RawHparamInfo): HparamInfo {
  const name = h.name ?? "";
  if (has(h, "int_value")) return { name, type: "int", value: int64ToNumber(h.int_value) };
  if (has(h, "float_value")) return { name, type: "float", value: h.float_value };
  if (has(h, "string_value")) return { name, type: "string", value: h.string_value };
  return { name, type: "none", value: null };
}

export function valueFromRaw(v: RawValue): VdlValue {
  const base: VdlValueBase = { step: int64ToNumber(v.id), tag: v.tag ?? "", timestampMs: int64ToNumber(v.timestamp) };
  if (has(v, "value")) return { ...base, kind: "scalar", value: v.value };
  if (has(v, "tag_value")) return { ...base, kind: "scalar", value: v.tag_value.value ?? 0, subTag: v.tag_value.tag ?? "" };
  if (has(v, "text")) return { ...base, kind: "text", text: v.text.encoded_text_string ?? "" };
  if (has(v, "image")) return { ...base, kind: "image", encodedImage: copyBytes(v.image.encoded_image_string) };
  if (has(v, "histogram")) return { ...base, kind: "histogram", hist: v.histogram.hist ?? [], binEdges: v.histogram.bin_edges ?? [] };
  if (has(v, "pr_curve")) {
    const c = v.pr_curve;
    return {
      ...base, kind: "prCurve",
      tp: numbers(c.TP), fp: numbers(c.FP), tn: numbers(c.TN), fn: numbers(c.FN),
      precision: c.precision ?? [], recall: c.recall ?? [],
    };
  }
  if (has(v, "roc_curve")) {
    const c = v.roc_curve;
    return {
      ...base, kind: "rocCurve",
      tp: numbers(c.TP), fp: numbers(c.FP), tn: numbers(c.TN), fn: numbers(c.FN),
      tpr: c.tpr ?? [], fpr: c.fpr ?? [],
    };
  }
  if (has(v, "hparam")) {
    return {
      ...base, kind: "hparams", name: v.hparam.name ?? "",
      hparams: (v.hparam.hparamInfos ?? []).map(hparamFromRaw),
      metrics: (v.hparam.metricInfos ?? []).map(hparamFromRaw),
    };
  }
  if (has(v, "embeddings")) {
    return {
      ...base, kind: "embeddings",
      embeddings: (v.embeddings.embeddings ?? []).map((e) => ({ labels: e.label ?? [], vector: e.vectors ?? [] })),
      labelMeta: v.embeddings.label_meta ?? [],
    };
  }
  if (has(v, "audio")) {
    const a = v.audio;
    return {
      ...base, kind: "audio",
      sampleRate: a.sample_rate ?? 0, numChannels: int64ToNumber(a.num_channels), lengthFrames: int64ToNumber(a.length_frames),
      encodedAudio: copyBytes(a.encoded_audio_string), contentType: a.content_type ?? "",
    };
  }
  if (has(v, "meta_data")) return { ...base, kind: "metaData", displayName: v.meta_data.display_name ?? "" };
  return { ...base, kind: "empty" };
}

// proto3 omits fields holding their default value; protobufjs would write any own property, so the
// encoder must leave defaults out itself to produce the same bytes as VisualDL's Python writer.
function nz<T>(v: T, isDefault: boolean): T | undefined {
  return isDefault ? undefined : v;
}
function nonEmpty<T>(a: readonly T[]): T[] | undefined {
  return a.length > 0 ? [...a] : undefined;
}
function str(s: string): string | undefined {
  return nz(s, s === "");
}
function num(n: number): number | undefined {
  // -0 is not a proto3 default (its bit pattern is non-zero), so it is written like VisualDL does.
  return nz(n, n === 0 && !Object.is(n, -0));
}
function bytes(b: Uint8Array): Uint8Array | undefined {
  return nz(b, b.length === 0);
}

function hparamToRaw(h: HparamInfo): RawHparamInfo {
  const out: RawHparamInfo = {};
  // Oneof members carry presence, so a zero is still written (VisualDL's metric placeholders are 0.0).
  if (h.type === "int") out.int_value = h.value;
  else if (h.type === "float") out.float_value = h.value;
  else if (h.type === "string") out.string_value = h.value;
  const name = str(h.name);
  if (name !== undefined) out.name = name;
  return out;
}

function prune<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function valueToRaw(v: VdlValue): RawValue {
  const out: RawValue = prune({ id: num(v.step), tag: str(v.tag), timestamp: num(v.timestampMs) });
  switch (v.kind) {
    case "scalar":
      if (v.subTag !== undefined) out.tag_value = prune({ tag: str(v.subTag), value: num(v.value) });
      else out.value = v.value;
      break;
    case "text":
      out.text = prune({ encoded_text_string: str(v.text) });
      break;
    case "image":
      out.image = prune({ encoded_image_string: bytes(v.encodedImage) });
      break;
    case "histogram":
      out.histogram = prune({ hist: nonEmpty(v.hist), bin_edges: nonEmpty(v.binEdges) });
      break;
    case "prCurve":
      out.pr_curve = prune({
        TP: nonEmpty(v.tp), FP: nonEmpty(v.fp), TN: nonEmpty(v.tn), FN: nonEmpty(v.fn),
        precision: nonEmpty(v.precision), recall: nonEmpty(v.recall),
      });
      break;
    case "rocCurve":
      out.roc_curve = prune({
        TP: nonEmpty(v.tp), FP: nonEmpty(v.fp), TN: nonEmpty(v.tn), FN: nonEmpty(v.fn),
        tpr: nonEmpty(v.tpr), fpr: nonEmpty(v.fpr),
      });
      break;
    case "hparams":
      out.hparam = prune({
        hparamInfos: nonEmpty(v.hparams.map(hparamToRaw)),
        metricInfos: nonEmpty(v.metrics.map(hparamToRaw)),
        name: str(v.name),
      });
      break;
    case "embeddings":
      out.embeddings = prune({
        embeddings: nonEmpty(v.embeddings.map((e) => prune({ label: nonEmpty(e.labels), vectors: nonEmpty(e.vector) }))),
        label_meta: nonEmpty(v.labelMeta),
      });
      break;
    case "audio":
      out.audio = prune({
        sample_rate: num(v.sampleRate), num_channels: num(v.numChannels), length_frames: num(v.lengthFrames),
        encoded_audio_string: bytes(v.encodedAudio), content_type: str(v.contentType),
      });
      break;
    case "metaData":
      out.meta_data = prune({ display_name: str(v.displayName) });
      break;
    case "empty":
      break;
  }
  return out;
}

/** Serialized `Record` holding the given values (VisualDL's writer always puts exactly one). */
export function encodeRecord(values: readonly VdlValue[]): Uint8Array {
  return RecordType.encode({ values: values.map(valueToRaw) }).finish();
}

// ---------------------------------------------------------------------------------------------------
// Display helpers for quirks of the stored data.

/**
 * Shortest decimal that reads back as the same float32, e.g. 0.10000000149011612 -> "0.1". Scalars are
 * float32 on the wire; printing the double expansion shows noise digits the training code never produced.
 */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(f);
}

/**
 * Pre-2.0 VisualDL writers stored seconds in Value.timestamp (the pr_new demo log, 2020, does). Anything
 * below 1e11 (1973 in ms, 5138 AD in seconds) can only be seconds.
 */
export function normalizeTimestampMs(t: number): number {
  return t !== 0 && Math.abs(t) < 1e11 ? t * 1000 : t;
}

/**
 * True positive rate recomputed from the counts. VisualDL's `compute_roc_curve` stores TP/(TN+FP) in
 * `tpr` (a bug: its demo log tops out at 0.2), so a chart should use this rather than the stored field.
 */
export function rocTpr(c: VdlCurveCounts): number[] {
  return c.tp.map((tp, i) => tp / Math.max(1e-7, tp + (c.fn[i] ?? 0)));
}
