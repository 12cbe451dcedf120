export {
  VISUALDL_PROTO,
  RecordType,
  ValueType,
  encodeRecord,
  valueFromRaw,
  valueToRaw,
  int64ToNumber,
  formatFloat32,
  normalizeTimestampMs,
  rocTpr,
} from "./schema";
export type {
  VdlValue,
  VdlKind,
  VdlValueBase,
  VdlScalar,
  VdlImage,
  VdlText,
  VdlHistogram,
  VdlPrCurve,
  VdlRocCurve,
  VdlCurveCounts,
  VdlHparams,
  HparamInfo,
  VdlEmbeddings,
  VdlEmbedding,
  VdlAudio,
  VdlMetaData,
  VdlEmpty,
  RawRecord,
  RawValue,
} from "./schema";
export {
  HEADER_BYTES,
  DEFAULT_MAX_RECORD_BYTES,
  VdlFormatError,
  splitRecords,
  readRecordLength,
  frameRecord,
  encodeFramedValue,
} from "./framing";
export type { SplitOptions, SplitResult } from "./framing";
export { readLogFile, readRecords, readRecordBatches, listLogFiles, readLogDirectory } from "./reader";
export type { ReadOptions, ReadResult, RecordBatch, LogCursor, DirectoryReadResult } from "./reader";
export { createLogWriter, logFileName, computeHistogram, computePrCurve, computeRocCurve } from "./writer";
export type {
  LogWriter,
  LogWriterOptions,
  HistogramData,
  CurveOptions,
  PrCurveData,
  RocCurveData,
  AudioData,
  HparamValue,
} from "./writer";
export { smooth, clampSmoothingWeight, downsampleMinMax } from "./smoothing";
export type { Point } from "./smoothing";
