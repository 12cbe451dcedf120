// Public surface of the OCR runtime; the stage modules stay importable for tests and tools.
export { createOcrEngine, type OcrEngine, type OcrEngineOptions, type OcrLine, type OcrResult, type OcrTimings } from "./pipeline";
export { decodeImage, OcrInputError, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, type ImageInputLimits, type OcrInputErrorCode } from "./image-input";
export {
  builtinModelVersion,
  loadModelVersion,
  modelManifestSchema,
  ModelVersionError,
  MODEL_FILES,
  MODEL_FORMAT,
  type ModelFiles,
  type ModelManifest,
  type ModelVersion,
} from "./model-version";
export {
  DEFAULT_OCR_PARAMS,
  ocrOverridesSchema,
  ocrParamsSchema,
  parseOcrOverrides,
  parseOcrParams,
  type OcrOverrides,
  type OcrParams,
  type OcrParamsInput,
} from "./params";
export type { Point, Quad } from "./geometry";
export type { BgrImage } from "./raw-image";
